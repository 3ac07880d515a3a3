#pragma once
// A participant without a calendar as busy time (scheduling-rules.md, "The
// case's circle, rooms and holds"): free exactly inside their weekly windows
// (none stated = any time, so working hours alone decide) and outside their
// unavailable spans. The result has the shape the solver takes for a
// professional (solve::Attendee::busy): sorted, merged, half-open intervals.
//
// Weekly windows are wall-clock times of the service's zone, turned into
// instants day by day through time::Zone, so "tue 12:00-16:00" is 12:00-16:00
// local in winter and in summer. On the spring-forward day a window edge in the
// gap moves forward by the gap (Zone::to_instant, RFC 5545 §3.3.5).
//
// Thread safety: pure functions.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <span>
#include <string>
#include <vector>

namespace yhteisaika::cases {

// The times inside `window` when `p` cannot meet: the window outside p's weekly
// windows (nothing when p states none) together with p's unavailable spans,
// clipped to `window`, sorted and merged (time::merge_intervals).
// REQUIRES: p's windows valid (validate_participant).
std::vector<time::Interval> participant_busy(const Participant& p, time::Interval window, const time::Zone& zone);

// True when `p` alone (their windows and unavailable spans, nobody else) has a
// slot of `duration` in working hours inside `window`, starting on the grid, as
// the solver would find one.
bool has_slot_alone(const Participant& p, time::Interval window, std::chrono::minutes duration,
                    const time::WorkRules& rules, const time::Zone& zone);

// The labels of the `required` participants, in their order, who alone have no
// such slot: what a no-slot reason names ("a required participant whose windows
// leave none"). Empty when the window's working hours themselves hold no slot of
// `duration`: then it is nobody's windows that rule the window out (as the
// solver names no professional then).
std::vector<std::string> labels_without_slot(std::span<const Participant> required, time::Interval window,
                                             std::chrono::minutes duration, const time::WorkRules& rules,
                                             const time::Zone& zone);

}  // namespace yhteisaika::cases
