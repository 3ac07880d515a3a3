#pragma once
// Private to calendar/: the values of iCalendar properties that busy time depends
// on, read from their text (RFC 5545 §3.3), and the check that every such value in
// a calendar is valid, so that a broken file is never read as "free".

#include "ical_scan.hpp"

#include <yhteisaika/error.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::calendar::detail {

// The instant of wall-clock time `local` in `zone`, and back; a null zone is UTC
// (a value written with 'Z').
inline time::Instant instant_in(const time::Zone* zone, time::LocalTime local) {
  return zone ? zone->to_instant(local) : time::Instant{local.time_since_epoch()};
}
inline time::LocalTime local_in(const time::Zone* zone, time::Instant t) {
  return zone ? zone->to_local(t) : time::LocalTime{t.time_since_epoch()};
}

// `s` cut at every `sep` (an empty `s` is one empty part).
std::vector<std::string_view> split(std::string_view s, char sep);

// The same parts one at a time, without allocating:
//   Parts parts(s, ','); for (std::string_view part; parts.next(part);) ...
class Parts {
 public:
  Parts(std::string_view s, char sep) : rest_(s), sep_(sep) {}

  bool next(std::string_view& part) {
    if (done_) return false;
    const std::size_t i = rest_.find(sep_);
    part = rest_.substr(0, i);
    if (i == std::string_view::npos) done_ = true;
    else rest_.remove_prefix(i + 1);
    return true;
  }

 private:
  std::string_view rest_;
  char sep_;
  bool done_ = false;
};

// A DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5), as written: no zone applied.
struct DateTime {
  time::LocalTime local{};
  bool is_date = false;  // YYYYMMDD
  bool utc = false;      // YYYYMMDDTHHMMSSZ
};
// nullopt when `v` is no valid date or date-time (month 13, hour 25, ...). A leap
// second (:60) reads as :59.
std::optional<DateTime> parse_date_time(std::string_view v);

// A DURATION value (RFC 5545 §3.3.6): days and weeks are nominal (local days),
// the time part is exact.
struct Duration {
  std::chrono::days nominal{0};
  std::chrono::seconds exact{0};
};
std::optional<Duration> parse_duration(std::string_view v);

// Why an RRULE value (RFC 5545 §3.3.10) is invalid beyond what libical checks
// (every part known, every number in range, not both UNTIL and COUNT), or empty
// when it is valid.
std::string rrule_problem(std::string_view value);

// Whether the UNTIL of a valid RRULE value is in UTC (ends in 'Z').
bool rrule_until_is_utc(std::string_view value);

// Every date, date-time, duration and rule in `c` and the components inside it,
// also in parts that hold no busy time (VTODO, VALARM, DTSTAMP, VTIMEZONE).
// Errors (Errc::invalid_value, Errc::invalid_rule) name `source:LINE`.
Result<void> validate_values(const Component& c, std::string_view source);

}  // namespace yhteisaika::calendar::detail
