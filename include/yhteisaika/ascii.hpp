#pragma once
// Case folding and classes of ASCII characters only, for protocol words
// (iCalendar names and parameters, MIME types, IMAP replies, e-mail addresses,
// configuration values): never the locale's (<cctype>), which could fold or
// classify other bytes of UTF-8 text. Every other byte is left as it is and is
// in no class.

#include <string>
#include <string_view>

namespace yhteisaika {

constexpr bool ascii_is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool ascii_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool ascii_is_alnum(char c) { return ascii_is_alpha(c) || ascii_is_digit(c); }
// Space, tab, CR, LF, vertical tab and form feed (isspace in the "C" locale).
constexpr bool ascii_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// s without white space (ascii_is_space) at either end.
constexpr std::string_view ascii_trim(std::string_view s) {
  while (!s.empty() && ascii_is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii_is_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

// a == b with ASCII letters compared without case.
constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// s starts with `prefix`, ASCII letters compared without case.
constexpr bool ascii_istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace yhteisaika
