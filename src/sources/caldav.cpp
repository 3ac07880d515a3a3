#include <yhteisaika/sources/caldav.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

namespace yhteisaika::sources {
namespace {

std::string utc_text(time::Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

struct Name {
  std::string ns;
  std::string local;
  bool is(std::string_view n, std::string_view l) const { return ns == n && local == l; }
};

// A forward-only reader of one XML document (XML 1.0, the subset WebDAV servers send).
class MultistatusReader {
 public:
  explicit MultistatusReader(std::string_view xml) : xml_(xml) {}

  Result<std::vector<CalendarObject>> read() {
    if (xml_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
    while (pos_ < xml_.size()) {
      if (xml_[pos_] == '<') {
        if (auto r = markup(); !r) return r.error();
      } else {
        const auto next = xml_.find('<', pos_);
        const auto end = next == std::string_view::npos ? xml_.size() : next;
        if (auto r = text(xml_.substr(pos_, end - pos_)); !r) return r.error();
        pos_ = end;
      }
    }
    if (!seen_root_) return bad("the answer has no DAV:multistatus element");
    if (!stack_.empty()) return bad("the document ends inside <" + stack_.back().raw + ">");
    return std::move(objects_);
  }

 private:
  struct Open {
    Name name;
    std::string raw;  // the qualified name as written, to match the end tag
    std::map<std::string, std::string> declared;  // prefix -> namespace declared here
  };

  Error bad(std::string message) const {
    const auto line = 1 + std::count(xml_.begin(), xml_.begin() + static_cast<std::ptrdiff_t>(std::min(pos_, xml_.size())), '\n');
    return Error{Errc::bad_multistatus, "CalDAV answer: " + std::move(message),
                 Location{{}, static_cast<int>(line), {}}};
  }

  std::optional<std::string> lookup(const std::string& prefix) const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (auto d = it->declared.find(prefix); d != it->declared.end()) return d->second;
    }
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    if (prefix.empty()) return "";
    return std::nullopt;
  }

  bool inside(std::string_view ns, std::string_view local) const {
    return std::any_of(stack_.begin(), stack_.end(), [&](const Open& o) { return o.name.is(ns, local); });
  }

  Result<void> markup() {
    if (xml_.substr(pos_, 4) == "<!--") return skip_past("-->", "a comment");
    if (xml_.substr(pos_, 2) == "<?") return skip_past("?>", "a processing instruction");
    if (xml_.substr(pos_, 9) == "<![CDATA[") {
      const auto end = xml_.find("]]>", pos_ + 9);
      if (end == std::string_view::npos) return bad("an unterminated CDATA section");
      if (capturing()) data_ += xml_.substr(pos_ + 9, end - pos_ - 9);
      else if (capturing_other()) other_ += xml_.substr(pos_ + 9, end - pos_ - 9);
      pos_ = end + 3;
      return {};
    }
    if (xml_.substr(pos_, 2) == "<!") return bad("a DOCTYPE or other declaration is not accepted");
    if (xml_.substr(pos_, 2) == "</") return end_tag();
    return start_tag();
  }

  Result<void> skip_past(std::string_view end, std::string_view what) {
    const auto at = xml_.find(end, pos_);
    if (at == std::string_view::npos) return bad("an unterminated " + std::string(what));
    pos_ = at + end.size();
    return {};
  }

  static bool name_char(char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/' && c != '>' && c != '=' && c != '<';
  }
  static bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  void skip_spaces() {
    while (pos_ < xml_.size() && space(xml_[pos_])) ++pos_;
  }

  std::string read_name() {
    const auto start = pos_;
    while (pos_ < xml_.size() && name_char(xml_[pos_])) ++pos_;
    return std::string(xml_.substr(start, pos_ - start));
  }

  Result<Name> resolve(const std::string& raw, bool attribute) const {
    const auto colon = raw.find(':');
    const std::string prefix = colon == std::string::npos ? "" : raw.substr(0, colon);
    const std::string local = colon == std::string::npos ? raw : raw.substr(colon + 1);
    if (attribute && prefix.empty()) return Name{"", local};  // unprefixed attributes have no namespace
    auto ns = lookup(prefix);
    if (!ns) return bad("the prefix '" + prefix + "' is not declared");
    return Name{*ns, local};
  }

  Result<void> start_tag() {
    ++pos_;
    Open open;
    open.raw = read_name();
    if (open.raw.empty()) return bad("a '<' that starts no element");
    std::vector<std::pair<std::string, std::string>> attributes;
    for (;;) {
      skip_spaces();
      if (pos_ >= xml_.size()) return bad("an unterminated start tag <" + open.raw + ">");
      if (xml_[pos_] == '>' || xml_.substr(pos_, 2) == "/>") break;
      std::string attr = read_name();
      skip_spaces();
      if (attr.empty() || pos_ >= xml_.size() || xml_[pos_] != '=') return bad("a malformed attribute in <" + open.raw + ">");
      ++pos_;
      skip_spaces();
      if (pos_ >= xml_.size() || (xml_[pos_] != '"' && xml_[pos_] != '\'')) return bad("an attribute value without quotes");
      const char quote = xml_[pos_++];
      const auto end = xml_.find(quote, pos_);
      if (end == std::string_view::npos) return bad("an unterminated attribute value");
      auto value = decode(xml_.substr(pos_, end - pos_));
      if (!value) return value.error();
      pos_ = end + 1;
      if (attr == "xmlns") open.declared[""] = *value;
      else if (attr.rfind("xmlns:", 0) == 0) open.declared[attr.substr(6)] = *value;
      attributes.emplace_back(std::move(attr), std::move(*value));
    }
    const bool empty = xml_[pos_] == '/';
    pos_ += empty ? 2 : 1;
    if (capturing()) return bad("markup inside calendar-data (it must be escaped text)");
    stack_.push_back(std::move(open));
    auto name = resolve(stack_.back().raw, false);
    if (!name) return name.error();
    stack_.back().name = std::move(*name);
    for (const auto& [attr, value] : attributes) {
      if (attr != "xmlns" && attr.rfind("xmlns:", 0) != 0) {
        if (auto a = resolve(attr, true); !a) return a.error();
      }
    }
    if (auto r = opened(); !r) return r;
    if (empty) return closed();
    return {};
  }

  Result<void> end_tag() {
    pos_ += 2;
    const std::string raw = read_name();
    skip_spaces();
    if (pos_ >= xml_.size() || xml_[pos_] != '>') return bad("a malformed end tag </" + raw + ">");
    ++pos_;
    if (stack_.empty() || stack_.back().raw != raw) {
      return bad("</" + raw + "> does not close " + (stack_.empty() ? std::string("any element") : "<" + stack_.back().raw + ">"));
    }
    return closed();
  }

  // The element on top of the stack was just opened.
  Result<void> opened() {
    const Name& n = stack_.back().name;
    if (stack_.size() == 1) {
      if (!n.is(kDavNamespace, "multistatus")) return bad("the root element is not DAV:multistatus");
      seen_root_ = true;
    } else if (n.is(kDavNamespace, "response") && stack_.size() == 2) {
      response_ = {};
    } else if (n.is(kDavNamespace, "propstat")) {
      propstat_data_.reset();
      propstat_status_.clear();
    } else if (n.is(kCalDavNamespace, "calendar-data") && inside(kDavNamespace, "propstat")) {
      data_.clear();
    }
    other_.clear();
    return {};
  }

  Result<void> closed() {
    const Open top = std::move(stack_.back());
    stack_.pop_back();
    const Name& n = top.name;
    if (n.is(kCalDavNamespace, "calendar-data") && inside(kDavNamespace, "propstat")) {
      propstat_data_ = std::move(data_);
      data_.clear();
    } else if (n.is(kDavNamespace, "href") && stack_.size() == 2 && stack_.back().name.is(kDavNamespace, "response")) {
      response_.href = trim(other_);
    } else if (n.is(kDavNamespace, "status") && !stack_.empty() && stack_.back().name.is(kDavNamespace, "propstat")) {
      propstat_status_ = trim(other_);
    } else if (n.is(kDavNamespace, "propstat")) {
      // RFC 4918 §14.22: "HTTP/1.1 200 OK"; calendar-data under any other status is absent.
      const bool ok = propstat_status_.find(" 200") != std::string::npos;
      if (ok && propstat_data_) objects_.push_back({response_.href, std::move(*propstat_data_)});
      propstat_data_.reset();
    }
    other_.clear();
    return {};
  }

  bool capturing() const {
    return !stack_.empty() && stack_.back().name.is(kCalDavNamespace, "calendar-data") &&
           inside(kDavNamespace, "propstat");
  }
  bool capturing_other() const {
    return !stack_.empty() && (stack_.back().name.is(kDavNamespace, "href") || stack_.back().name.is(kDavNamespace, "status"));
  }

  Result<void> text(std::string_view raw) {
    if (stack_.empty()) {
      if (std::all_of(raw.begin(), raw.end(), space)) return {};
      return bad("text outside the root element");
    }
    if (!capturing() && !capturing_other()) return {};
    auto decoded = decode(raw);
    if (!decoded) return decoded.error();
    (capturing() ? data_ : other_) += *decoded;
    return {};
  }

  static void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // XML 1.0 §4.6 predefined entities and §4.1 character references.
  Result<std::string> decode(std::string_view raw) const {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const auto semi = raw.find(';', i);
      if (semi == std::string_view::npos || semi - i > 12) return bad("an '&' that starts no entity");
      const std::string_view name = raw.substr(i + 1, semi - i - 1);
      if (name == "lt") out += '<';
      else if (name == "gt") out += '>';
      else if (name == "amp") out += '&';
      else if (name == "quot") out += '"';
      else if (name == "apos") out += '\'';
      else if (name.size() > 1 && name[0] == '#') {
        const bool hex = name[1] == 'x';
        const std::string digits(name.substr(hex ? 2 : 1));
        char* end = nullptr;
        const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (digits.empty() || *end != '\0' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          return bad("a bad character reference &" + std::string(name) + ";");
        }
        append_utf8(out, cp);
      } else {
        return bad("an unknown entity &" + std::string(name) + ";");
      }
      i = semi;
    }
    return out;
  }

  static std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
  }

  std::string_view xml_;
  std::size_t pos_ = 0;
  bool seen_root_ = false;
  std::vector<Open> stack_;
  CalendarObject response_;
  std::optional<std::string> propstat_data_;
  std::string propstat_status_;
  std::string data_;
  std::string other_;
  std::vector<CalendarObject> objects_;
};

}  // namespace

std::string calendar_query_body(time::Interval range) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n"
         "  <D:prop><D:getetag/><C:calendar-data/></D:prop>\n"
         "  <C:filter>\n"
         "    <C:comp-filter name=\"VCALENDAR\">\n"
         "      <C:comp-filter name=\"VEVENT\">\n"
         "        <C:time-range start=\"" +
         utc_text(range.start) + "\" end=\"" + utc_text(range.end) +
         "\"/>\n"
         "      </C:comp-filter>\n"
         "    </C:comp-filter>\n"
         "  </C:filter>\n"
         "</C:calendar-query>\n";
}

Result<std::vector<CalendarObject>> parse_multistatus(std::string_view xml) { return MultistatusReader(xml).read(); }

}  // namespace yhteisaika::sources
