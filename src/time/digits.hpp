#pragma once
// Fixed-width decimal fields of dates and times, for date.cpp and rfc3339.cpp.

#include <optional>
#include <string_view>

namespace yhteisaika::time::detail {

// The number written as exactly `n` ASCII digits at `pos`; nullopt when any of
// them is no digit or lies past the end.
inline std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// "DDDD-DD-DD" at the start of `s` (not checked as a date).
inline bool date_shaped(std::string_view s) {
  return digits(s, 0, 4) && digits(s, 5, 2) && digits(s, 8, 2) && s[4] == '-' && s[7] == '-';
}

// Two digits of v (0-99) at p.
inline void put2(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace yhteisaika::time::detail
