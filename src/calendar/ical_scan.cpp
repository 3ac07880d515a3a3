#include "ical_scan.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <algorithm>
#include <cctype>

namespace yhteisaika::calendar::detail {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Error make_error(Errc code, std::string message, std::string_view source, int line) {
  return Error{code, std::move(message), std::string(source) + ":" + std::to_string(line)};
}

// Splits one unfolded content line into name, parameters and value (RFC 5545 §3.1):
// ';' and ':' inside a double-quoted parameter value do not separate.
bool parse_content_line(std::string_view line, Property& out) {
  std::size_t i = 0;
  while (i < line.size() && line[i] != ';' && line[i] != ':') ++i;
  if (i == line.size() || i == 0) return false;
  out.name = upper(line.substr(0, i));
  while (i < line.size() && line[i] == ';') {
    ++i;
    std::size_t eq = line.find('=', i);
    if (eq == std::string_view::npos) return false;
    std::string pname = upper(line.substr(i, eq - i));
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
  // Unfold (RFC 5545 §3.1): a line starting with a space or tab continues the previous one.
  struct Logical {
    std::string text;
    int line;
  };
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

  std::vector<Component> stack;
  Component root;
  bool have_root = false;
  for (auto& l : lines) {
    Property p;
    if (!parse_content_line(l.text, p)) {
      if (stack.empty()) return make_error(Errc::not_a_calendar, "not a VCALENDAR", source, l.line);
      return make_error(Errc::invalid_value, "not an iCalendar content line", source, l.line);
    }
    p.line = l.line;
    if (p.name == "BEGIN") {
      std::string cname = upper(p.value);
      if (stack.empty()) {
        // RFC 5545 §3.4: a stream may hold several iCalendar objects; they are read as one.
        if (cname != "VCALENDAR") return make_error(Errc::not_a_calendar, "not a VCALENDAR (first component is " + cname + ")", source, l.line);
      }
      Component c;
      c.name = std::move(cname);
      c.line = l.line;
      stack.push_back(std::move(c));
    } else if (p.name == "END") {
      std::string cname = upper(p.value);
      if (stack.empty())
        return make_error(Errc::unbalanced, "END:" + cname + " at line " + std::to_string(l.line) + " closes nothing", source, l.line);
      if (stack.back().name != cname)
        return make_error(Errc::unbalanced,
                          "END:" + cname + " at line " + std::to_string(l.line) + " closes BEGIN:" + stack.back().name +
                              " opened at line " + std::to_string(stack.back().line),
                          source, l.line);
      Component done = std::move(stack.back());
      stack.pop_back();
      if (stack.empty()) {
        if (!have_root) {
          root = std::move(done);
          have_root = true;
        } else {
          for (auto& p2 : done.props) root.props.push_back(std::move(p2));
          for (auto& c2 : done.children) root.children.push_back(std::move(c2));
        }
      } else {
        stack.back().children.push_back(std::move(done));
      }
    } else {
      if (stack.empty()) {
        if (!have_root) return make_error(Errc::not_a_calendar, "not a VCALENDAR", source, l.line);
        return make_error(Errc::unbalanced, p.name + " after the VCALENDAR was closed", source, l.line);
      }
      stack.back().props.push_back(std::move(p));
    }
  }
  if (!stack.empty())
    return make_error(Errc::unbalanced,
                      "BEGIN:" + stack.back().name + " opened at line " + std::to_string(stack.back().line) + " is never closed",
                      source, stack.back().line);
  return root;
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
