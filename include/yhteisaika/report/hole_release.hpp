#pragma once
// Release of unused holes: a professional's hole that holds none of their
// scheduled meetings by a deadline before it (default Tuesday 12:00 before a
// Wednesday hole) is released: their feed leaves it out (an EXDATE) so the time
// can go to other work, and the figures count it as released. Booking into a
// released hole stays possible where the professional is free; such a hole is
// then used again (booked), not released.
//
// Pure: "now" is a parameter. Intervals are HALF-OPEN [start, end)
// (time/interval.hpp); local times go through `zone` (DST-correct).

#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <vector>

namespace yhteisaika::report {

// The deadline as a local weekday and time of day: the deadline of a hole is the
// last such instant at or before the hole's start (Tuesday 12:00 for a Wednesday
// hole is the day before; Wednesday 12:00 would be the same morning).
struct ReleaseRule {
  std::chrono::weekday day{std::chrono::Tuesday};
  std::chrono::minutes time_of_day{12 * 60};  // minutes after local midnight, 0-1439
  bool operator==(const ReleaseRule&) const = default;
};

// The release deadline of the hole starting at `hole_start`.
time::Instant release_deadline(time::Instant hole_start, const ReleaseRule& rule, const time::Zone& zone);

// The latest deadline instant (local rule.day at rule.time_of_day) at or before
// `now`. Releases change only when this changes, so caches of rendered feeds
// key on it.
time::Instant last_release_at_or_before(time::Instant now, const ReleaseRule& rule, const time::Zone& zone);

// True when `hole` holds one of `scheduled` wholly (a meeting lying inside it).
// `scheduled` need not be sorted.
bool hole_used(time::Interval hole, std::span<const time::Interval> scheduled);

// One professional's released holes among the whole holes of `span`
// (time::whole_holes): those whose deadline is at or before `now` and that hold
// none of `scheduled` (the professional's scheduled meetings) wholly. None when
// `rule` is nullopt (release switched off). In order.
std::vector<time::Interval> released_holes(time::Interval span, std::span<const time::Interval> scheduled,
                                           time::Instant now, const std::optional<ReleaseRule>& rule,
                                           const time::WorkRules& rules, const time::Zone& zone);

}  // namespace yhteisaika::report
