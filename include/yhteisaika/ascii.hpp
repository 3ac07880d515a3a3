#pragma once
// Case folding of ASCII letters only, for protocol words (iCalendar names and
// parameters, MIME types, IMAP replies, e-mail addresses): never the locale's,
// which could fold other bytes of UTF-8 text.

#include <string>
#include <string_view>

namespace yhteisaika {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace yhteisaika
