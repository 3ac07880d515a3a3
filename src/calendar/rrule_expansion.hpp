#pragma once
// Private to calendar/: the instances of one recurrence rule (RRULE, RFC 5545
// §3.8.5.3 and §3.3.10), step 1 of expansion, bounded by the horizon. Common DAILY
// and WEEKLY rules are expanded here directly; every other rule through libical
// 3.0, which has no limits API (the caller caps the instances it keeps).

#include "ical_scan.hpp"

#include <yhteisaika/error.hpp>
#include <yhteisaika/time/zone.hpp>

#include <functional>
#include <string_view>

namespace yhteisaika::calendar::detail {

// A series' first instance: DTSTART as local time in its zone (nullptr: UTC).
struct SeriesStart {
  time::LocalTime local{};
  bool is_date = false;
  const time::Zone* zone = nullptr;
};

// Receives an instance's start, as an instant and as local time in the series'
// zone; returning false stops the expansion.
using InstanceSink = std::function<bool(time::Instant start, time::LocalTime local)>;

// Passes `each` the instances of `rrule` (a value rrule_problem accepts) from
// `start`, in order, that start before `end`: all of those that start at or after
// `from`, and maybe some before it (expansion jumps towards `from` where it can).
// A DTSTART the rule does not match is no instance (as in libical; RFC 5545
// §3.8.5.3 leaves that recurrence set undefined).
// Returns true when done, false when `each` stopped it or libical iterated ten
// million times (both mean: over the cap). Errors (Errc::invalid_rule) name
// `source:LINE` of the RRULE.
Result<bool> expand_rrule(const Property& rrule, const SeriesStart& start, time::Instant from, time::Instant end,
                          std::string_view source, const InstanceSink& each);

}  // namespace yhteisaika::calendar::detail
