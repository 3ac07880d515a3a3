#pragma once
// ISO 8601 week dates (ISO 8601-1:2019 §5.2.4.2): weeks run Monday-Sunday, and
// week 1 of a year is the week holding that year's first Thursday. So the days
// 2026-12-28 ... 2027-01-03 are 2026-W53, and 2027-01-04 starts 2027-W01.
// Pure functions over calendar days (no zone: the caller gives a local date).

#include <chrono>
#include <compare>
#include <string>

namespace yhteisaika::report {

struct IsoWeek {
  std::chrono::year year;  // the ISO week-numbering year (may differ from the date's year)
  unsigned week = 1;       // 1-53
  auto operator<=>(const IsoWeek&) const = default;
};

// REQUIRES: day.ok().
IsoWeek iso_week_of(std::chrono::year_month_day day);

// The Monday of the week holding `day` (that day itself on a Monday). REQUIRES: day.ok().
std::chrono::year_month_day monday_of(std::chrono::year_month_day day);

// "2026-W48".
std::string to_string(IsoWeek week);

}  // namespace yhteisaika::report
