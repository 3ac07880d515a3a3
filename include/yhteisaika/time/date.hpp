#pragma once
// Calendar dates as text, "YYYY-MM-DD" (the full-date of RFC 3339 §5.6): the one
// reader and writer of them. Instants with a time of day are in rfc3339.hpp.

#include <yhteisaika/error.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace yhteisaika::time {

// Reads exactly "YYYY-MM-DD" (four digits, '-', two, '-', two; nothing before or
// after) as a real date in the years 0001-9999. The error (code
// std::errc::invalid_argument; `where` left empty for the caller to fill: a flag,
// a field, a file:line) says what is wrong:
//   "'2026-1-5' is not a date YYYY-MM-DD"
//   "invalid date 2026-13-01: month 13"
//   "invalid date 2026-02-30: February 2026 has 28 days"
//   "invalid date 0000-01-01: year 0"
Result<std::chrono::year_month_day> parse_date(std::string_view text);

// "2026-11-25". REQUIRES: date.ok() and a year 0-9999.
std::string format_date(std::chrono::year_month_day date);

// Appends the same ten characters to `out`.
void append_date(std::string& out, std::chrono::year_month_day date);

}  // namespace yhteisaika::time
