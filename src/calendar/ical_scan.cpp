#include "ical_scan.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <yhteisaika/ascii.hpp>

#include <forward_list>

namespace yhteisaika::calendar::detail {

// What a scanned calendar's views point to besides the text (see the header).
struct ScanStorage {
  std::vector<Param> params;              // every property's parameters, in order
  std::forward_list<std::string> copies;  // node-based: a view into one stays valid

  std::string& copy(std::string_view s) { return copies.emplace_front(s); }

  std::string_view copy_upper(std::string_view s) { return copies.emplace_front(ascii_upper(s)); }

  // `s` when it has no lower-case ASCII letter, else an upper-case copy.
  std::string_view upper(std::string_view s) {
    for (char c : s) {
      if (c >= 'a' && c <= 'z') return copies.emplace_front(ascii_upper(s));
    }
    return s;
  }
};

namespace {

Error make_error(Errc code, std::string message, std::string_view source, int line) {
  return Error{code, std::move(message), Location::in(std::string(source), line)};
}

// A content line after unfolding, with the physical line where it starts.
struct Logical {
  std::string_view text;
  int line = 0;
};

// Unfolds the text (RFC 5545 §3.1) one content line at a time: a line starting
// with a space or tab continues the previous one. Blank lines are dropped; a UTF-8
// byte order mark is skipped. An unfolded line is copied into the storage, every
// other line is a view into the text.
class Lines {
 public:
  Lines(std::string_view text, std::string_view source, ScanStorage& storage)
      : text_(text), source_(source), storage_(storage) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  // The next content line into `out`; false at the end of the text.
  Result<bool> next(Logical& out) {
    std::string_view raw;
    do {
      if (!physical(raw)) {
        if (!any_) return make_error(Errc::not_a_calendar, "not a VCALENDAR (the file is empty)", source_, 1);
        return false;
      }
    } while (raw.empty());
    if (continues(raw)) return make_error(Errc::not_a_calendar, "not a VCALENDAR (starts with a continuation line)", source_, lineno_);
    any_ = true;
    out.line = lineno_;
    std::string* joined = nullptr;
    // Looks at the first bytes of the next line only: most lines are not folded.
    while (pos_ < text_.size() && (continues(text_.substr(pos_, 1)) || blank_ahead())) {
      std::string_view more;
      physical(more);
      if (more.empty()) continue;
      if (!joined) joined = &storage_.copy(raw);
      joined->append(more.substr(1));
    }
    out.text = joined ? std::string_view(*joined) : raw;
    return true;
  }

 private:
  // Whether the line at pos_ is blank ("", or "\r" before its end).
  bool blank_ahead() const {
    const char c = text_[pos_];
    if (c == '\n') return true;
    return c == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n');
  }

  static bool continues(std::string_view raw) { return !raw.empty() && (raw[0] == ' ' || raw[0] == '\t'); }

  // The next physical line without its end ("\n" or "\r\n"); false at the end.
  bool physical(std::string_view& raw) {
    if (pos_ >= text_.size()) return false;
    std::size_t nl = text_.find('\n', pos_);
    std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
    raw = text_.substr(pos_, end - pos_);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++lineno_;
    pos_ = end + 1;
    return true;
  }

  std::string_view text_;
  std::string_view source_;
  ScanStorage& storage_;
  std::size_t pos_ = 0;
  int lineno_ = 0;
  bool any_ = false;
};

// Walks the values of one parameter (RFC 5545 §3.2) from `i` on: values separated
// by ',', each quoted or not; ';' and ':' inside quotes do not separate. Appends the
// values, unquoted and joined by ',', to `sink` when given. False when a quote is
// not closed.
bool walk_param_values(std::string_view line, std::size_t& i, bool& quoted, bool& several, std::string* sink) {
  while (true) {
    if (i < line.size() && line[i] == '"') {
      std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      if (sink) sink->append(line.substr(i + 1, close - i - 1));
      quoted = true;
      i = close + 1;
    } else {
      std::size_t j = i;
      while (j < line.size() && line[j] != ';' && line[j] != ':' && line[j] != ',') ++j;
      if (sink) sink->append(line.substr(i, j - i));
      i = j;
    }
    if (i < line.size() && line[i] == ',') {
      if (sink) *sink += ',';
      ++i;
      several = true;
      continue;
    }
    return true;
  }
}

// One parameter value from `i` on, as a view into `line` unless several values
// were quoted (then joined in the storage).
bool parse_param_value(std::string_view line, std::size_t& i, ScanStorage& storage, std::string_view& out) {
  const std::size_t start = i;
  bool quoted = false, several = false;
  if (!walk_param_values(line, i, quoted, several, nullptr)) return false;
  std::string_view raw = line.substr(start, i - start);
  if (!quoted) {
    out = raw;
  } else if (!several) {
    out = raw.substr(1, raw.size() - 2);
  } else {
    std::string& joined = storage.copy({});
    std::size_t j = start;
    walk_param_values(line, j, quoted, several, &joined);
    out = joined;
  }
  return true;
}

}  // namespace

// Splits one unfolded content line into name, parameters and value (RFC 5545 §3.1).
class Scanner {
 public:
  static bool parse_content_line(std::string_view line, Property& out, ScanStorage& storage) {
    std::size_t i = 0;
    bool lower = false;
    for (; i < line.size(); ++i) {
      const char c = line[i];
      if (c == ';' || c == ':') break;
      lower |= static_cast<unsigned char>(c - 'a') < 26;
    }
    if (i == line.size() || i == 0) return false;
    out.name = lower ? storage.copy_upper(line.substr(0, i)) : line.substr(0, i);
    out.kind = name_kind(out.name);
    out.param_first_ = static_cast<std::uint32_t>(storage.params.size());
    while (i < line.size() && line[i] == ';') {
      ++i;
      std::size_t eq = line.find('=', i);
      if (eq == std::string_view::npos) return false;
      Param param{storage.upper(line.substr(i, eq - i)), {}};
      i = eq + 1;
      if (!parse_param_value(line, i, storage, param.value)) return false;
      storage.params.push_back(param);
      ++out.param_count_;
    }
    if (i >= line.size() || line[i] != ':') return false;
    out.value = line.substr(i + 1);
    return true;
  }

  // Points every property at its parameters, once the list no longer grows.
  static void attach_params(Component& c, const ScanStorage& storage) {
    for (Property& p : c.props)
      if (p.param_count_) p.params_ = storage.params.data() + p.param_first_;
    for (Component& child : c.children) attach_params(child, storage);
  }
};

namespace {

// Nests components by BEGIN/END (RFC 5545 §3.4, §3.6). A stream may hold several
// iCalendar objects; they are read as one.
class Nesting {
 public:
  Nesting(std::string_view source, ScanStorage& storage) : source_(source), storage_(storage) {}

  Result<void> begin(const Property& p) {
    std::string_view cname = storage_.upper(p.value);
    if (stack_.empty() && cname != "VCALENDAR") {
      return make_error(Errc::not_a_calendar, "not a VCALENDAR (first component is " + std::string(cname) + ")", source_, p.line);
    }
    Component& c = stack_.emplace_back();
    c.name = cname;
    c.line = p.line;
    c.props.reserve(16);  // one allocation for a typical event's properties
    return {};
  }

  Result<void> end(const Property& p) {
    if (stack_.empty() || !ascii_iequals(stack_.back().name, p.value)) return end_error(p);
    Component done = std::move(stack_.back());
    stack_.pop_back();
    if (!stack_.empty()) {
      stack_.back().children.push_back(std::move(done));
    } else if (!have_root_) {
      root_ = std::move(done);
      have_root_ = true;
    } else {
      for (auto& p2 : done.props) root_.props.push_back(std::move(p2));
      for (auto& c2 : done.children) root_.children.push_back(std::move(c2));
    }
    return {};
  }

  Result<void> property(const Property& p) {
    if (stack_.empty()) {
      if (!have_root_) return make_error(Errc::not_a_calendar, "not a VCALENDAR", source_, p.line);
      return make_error(Errc::unbalanced, std::string(p.name) + " after the VCALENDAR was closed", source_, p.line);
    }
    stack_.back().props.push_back(p);
    return {};
  }

  bool outside() const { return stack_.empty(); }

  Result<Component> finish() {
    if (!stack_.empty()) {
      const Component& open = stack_.back();
      return make_error(Errc::unbalanced,
                        "BEGIN:" + std::string(open.name) + " opened at line " + std::to_string(open.line) + " is never closed",
                        source_, open.line);
    }
    return std::move(root_);
  }

 private:
  Error end_error(const Property& p) const {
    const std::string at = "END:" + ascii_upper(p.value) + " at line " + std::to_string(p.line);
    if (stack_.empty()) return make_error(Errc::unbalanced, at + " closes nothing", source_, p.line);
    return make_error(Errc::unbalanced,
                      at + " closes BEGIN:" + std::string(stack_.back().name) + " opened at line " +
                          std::to_string(stack_.back().line),
                      source_, p.line);
  }

  std::string_view source_;
  ScanStorage& storage_;
  std::vector<Component> stack_;
  Component root_;
  bool have_root_ = false;
};

}  // namespace

Name name_kind(std::string_view n) {
  switch (n.size()) {
    case 3:
      if (n == "END") return Name::end;
      if (n == "DUE") return Name::due;
      break;
    case 5:
      if (n == "BEGIN") return Name::begin;
      if (n == "DTEND") return Name::dtend;
      if (n == "RDATE") return Name::rdate;
      if (n == "RRULE") return Name::rrule;
      break;
    case 6:
      if (n == "EXDATE") return Name::exdate;
      if (n == "EXRULE") return Name::exrule;
      break;
    case 7:
      if (n == "DTSTART") return Name::dtstart;
      if (n == "DTSTAMP") return Name::dtstamp;
      if (n == "CREATED") return Name::created;
      if (n == "TRIGGER") return Name::trigger;
      break;
    case 8:
      if (n == "DURATION") return Name::duration;
      if (n == "FREEBUSY") return Name::freebusy;
      break;
    case 9:
      if (n == "COMPLETED") return Name::completed;
      break;
    case 13:
      if (n == "LAST-MODIFIED") return Name::last_modified;
      if (n == "RECURRENCE-ID") return Name::recurrence_id;
      break;
    default:
      break;
  }
  return Name::other;
}

std::string_view Property::param(std::string_view pname) const {
  for (const Param& p : params())
    if (p.name == pname) return p.value;
  return {};
}

const Property* Component::find(std::string_view pname) const {
  for (const auto& p : props)
    if (p.name == pname) return &p;
  return nullptr;
}

const Property* Component::find(Name kind) const {
  for (const auto& p : props)
    if (p.kind == kind) return &p;
  return nullptr;
}

Result<Component> scan_calendar(std::string_view text, std::string_view source) {
  auto storage = std::make_shared<ScanStorage>();
  Lines lines(text, source, *storage);
  Nesting nesting(source, *storage);
  Logical l;
  while (true) {
    auto more = lines.next(l);
    if (!more) return more.error();
    if (!*more) break;
    Property p;
    if (!Scanner::parse_content_line(l.text, p, *storage)) {
      if (nesting.outside()) return make_error(Errc::not_a_calendar, "not a VCALENDAR", source, l.line);
      return make_error(Errc::invalid_value, "not an iCalendar content line", source, l.line);
    }
    p.line = l.line;
    Result<void> r = p.kind == Name::begin ? nesting.begin(p) : p.kind == Name::end ? nesting.end(p) : nesting.property(p);
    if (!r) return r.error();
  }
  auto root = nesting.finish();
  if (!root) return root.error();
  Scanner::attach_params(*root, *storage);
  root->storage = std::move(storage);
  return root;
}

std::string serialize(const Component& c) {
  std::string out = "BEGIN:" + std::string(c.name) + "\r\n";
  for (const auto& p : c.props) {
    out += p.name;
    for (const auto& [n, v] : p.params()) {
      out += ';';
      out += n;
      out += '=';
      bool quote = v.find_first_of(":;,") != std::string_view::npos;
      if (quote) out += '"';
      out += v;
      if (quote) out += '"';
    }
    out += ':';
    out += p.value;
    out += "\r\n";
  }
  for (const auto& ch : c.children) out += serialize(ch);
  out += "END:" + std::string(c.name) + "\r\n";
  return out;
}

}  // namespace yhteisaika::calendar::detail
