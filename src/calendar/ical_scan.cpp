#include "ical_scan.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <yhteisaika/ascii.hpp>

#include <algorithm>

namespace yhteisaika::calendar::detail {
namespace {

Error make_error(Errc code, std::string message, std::string_view source, int line) {
  return Error{code, std::move(message), Location::in(std::string(source), line)};
}

// Splits one unfolded content line into name, parameters and value (RFC 5545 §3.1):
// ';' and ':' inside a double-quoted parameter value do not separate.
bool parse_content_line(std::string_view line, Property& out) {
  std::size_t i = 0;
  while (i < line.size() && line[i] != ';' && line[i] != ':') ++i;
  if (i == line.size() || i == 0) return false;
  out.name = ascii_upper(line.substr(0, i));
  while (i < line.size() && line[i] == ';') {
    ++i;
    std::size_t eq = line.find('=', i);
    if (eq == std::string_view::npos) return false;
    std::string pname = ascii_upper(line.substr(i, eq - i));
    i = eq + 1;
    std::string pvalue;
    bool first = true;
    while (true) {
      if (!first) pvalue += ',';
      first = false;
      if (i < line.size() && line[i] == '"') {
        std::size_t close = line.find('"', i + 1);
        if (close == std::string_view::npos) return false;
        pvalue.append(line.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        std::size_t j = i;
        while (j < line.size() && line[j] != ';' && line[j] != ':' && line[j] != ',') ++j;
        pvalue.append(line.substr(i, j - i));
        i = j;
      }
      if (i < line.size() && line[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    out.params.emplace_back(std::move(pname), std::move(pvalue));
  }
  if (i >= line.size() || line[i] != ':') return false;
  out.value = std::string(line.substr(i + 1));
  return true;
}

// A content line after unfolding, with the physical line where it starts.
struct Logical {
  std::string text;
  int line;
};

// Unfolds the text (RFC 5545 §3.1): a line starting with a space or tab continues
// the previous one. Blank lines are dropped; a UTF-8 byte order mark is skipped.
Result<std::vector<Logical>> unfold(std::string_view text, std::string_view source) {
  std::vector<Logical> lines;
  int lineno = 0;
  std::size_t pos = 0;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view raw = text.substr(pos, end - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++lineno;
    pos = end + 1;
    if (!raw.empty() && (raw[0] == ' ' || raw[0] == '\t')) {
      if (lines.empty()) return make_error(Errc::not_a_calendar, "not a VCALENDAR (starts with a continuation line)", source, lineno);
      lines.back().text.append(raw.substr(1));
      continue;
    }
    if (raw.empty()) continue;
    lines.push_back({std::string(raw), lineno});
  }
  if (lines.empty()) return make_error(Errc::not_a_calendar, "not a VCALENDAR (the file is empty)", source, 1);
  return lines;
}

// Nests components by BEGIN/END (RFC 5545 §3.4, §3.6). A stream may hold several
// iCalendar objects; they are read as one.
class Nesting {
 public:
  explicit Nesting(std::string_view source) : source_(source) {}

  Result<void> begin(const Property& p) {
    std::string cname = ascii_upper(p.value);
    if (stack_.empty() && cname != "VCALENDAR") {
      return make_error(Errc::not_a_calendar, "not a VCALENDAR (first component is " + cname + ")", source_, p.line);
    }
    Component c;
    c.name = std::move(cname);
    c.line = p.line;
    stack_.push_back(std::move(c));
    return {};
  }

  Result<void> end(const Property& p) {
    const std::string cname = ascii_upper(p.value);
    const std::string at = "END:" + cname + " at line " + std::to_string(p.line);
    if (stack_.empty()) return make_error(Errc::unbalanced, at + " closes nothing", source_, p.line);
    if (stack_.back().name != cname) {
      return make_error(Errc::unbalanced,
                        at + " closes BEGIN:" + stack_.back().name + " opened at line " + std::to_string(stack_.back().line),
                        source_, p.line);
    }
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

  Result<void> property(Property p) {
    if (stack_.empty()) {
      if (!have_root_) return make_error(Errc::not_a_calendar, "not a VCALENDAR", source_, p.line);
      return make_error(Errc::unbalanced, p.name + " after the VCALENDAR was closed", source_, p.line);
    }
    stack_.back().props.push_back(std::move(p));
    return {};
  }

  bool outside() const { return stack_.empty(); }

  Result<Component> finish() {
    if (!stack_.empty()) {
      const Component& open = stack_.back();
      return make_error(Errc::unbalanced,
                        "BEGIN:" + open.name + " opened at line " + std::to_string(open.line) + " is never closed",
                        source_, open.line);
    }
    return std::move(root_);
  }

 private:
  std::string_view source_;
  std::vector<Component> stack_;
  Component root_;
  bool have_root_ = false;
};

}  // namespace

std::string_view Property::param(std::string_view pname) const {
  for (const auto& [n, v] : params)
    if (n == pname) return v;
  return {};
}

const Property* Component::find(std::string_view pname) const {
  for (const auto& p : props)
    if (p.name == pname) return &p;
  return nullptr;
}

Result<Component> scan_calendar(std::string_view text, std::string_view source) {
  auto lines = unfold(text, source);
  if (!lines) return lines.error();
  Nesting nesting(source);
  for (auto& l : *lines) {
    Property p;
    if (!parse_content_line(l.text, p)) {
      if (nesting.outside()) return make_error(Errc::not_a_calendar, "not a VCALENDAR", source, l.line);
      return make_error(Errc::invalid_value, "not an iCalendar content line", source, l.line);
    }
    p.line = l.line;
    Result<void> r = p.name == "BEGIN" ? nesting.begin(p) : p.name == "END" ? nesting.end(p) : nesting.property(std::move(p));
    if (!r) return r.error();
  }
  return nesting.finish();
}

std::string serialize(const Component& c) {
  std::string out = "BEGIN:" + c.name + "\r\n";
  for (const auto& p : c.props) {
    out += p.name;
    for (const auto& [n, v] : p.params) {
      out += ';' + n + '=';
      bool quote = v.find_first_of(":;,") != std::string::npos;
      if (quote) out += '"';
      out += v;
      if (quote) out += '"';
    }
    out += ':' + p.value + "\r\n";
  }
  for (const auto& ch : c.children) out += serialize(ch);
  out += "END:" + c.name + "\r\n";
  return out;
}

}  // namespace yhteisaika::calendar::detail
