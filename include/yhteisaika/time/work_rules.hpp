#pragma once
// Where a meeting may go (../docs/scheduling-rules.md, "Where a meeting may go"):
// working hours, Finnish holidays and closures, the weekly hole, the 15-minute grid.
// Every value is configuration; the defaults are the spec's.

#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace yhteisaika::time {

struct WorkRules {
  // Days with working hours (unless a holiday or closure). Default Monday-Friday.
  std::vector<std::chrono::weekday> working_days{std::chrono::Monday, std::chrono::Tuesday, std::chrono::Wednesday,
                                                 std::chrono::Thursday, std::chrono::Friday};
  // Working hours, local wall clock, minutes after midnight. Default 08:00-16:00.
  std::chrono::minutes day_start{8 * 60};
  std::chrono::minutes day_end{16 * 60};
  // The weekly hole reserved for joint clients. Default Wednesday 14:30-15:30.
  std::chrono::weekday hole_day{std::chrono::Wednesday};
  std::chrono::minutes hole_start{14 * 60 + 30};
  std::chrono::minutes hole_end{15 * 60 + 30};
  // Meetings start on this boundary of local time. Default 15 minutes.
  std::chrono::minutes grid{15};
  // Extra closure dates of the deployment (no working hours, no hole).
  std::vector<std::chrono::year_month_day> closures;
};

// The Finnish public holiday on `day` that the spec lists, by its Finnish name
// ("Pitkäperjantai"), or nullopt. Easter-based ones are computed for any year.
std::optional<std::string_view> finnish_holiday(std::chrono::year_month_day day);

// A working day has working hours: a working weekday, not a holiday, not a closure.
bool is_working_day(std::chrono::year_month_day day, const WorkRules& rules);

// Working-hour spans of every working day that overlap `window`, clipped to it,
// in order, as instants (DST-correct through `zone`).
std::vector<Interval> working_spans(Interval window, const WorkRules& rules, const Zone& zone);

// Holes (hole_day, hole_start-hole_end, working days only) that overlap `window`,
// clipped to it, in order.
std::vector<Interval> hole_spans(Interval window, const WorkRules& rules, const Zone& zone);

// Every hole in `window` whole (not clipped; only holes lying wholly inside it).
std::vector<Interval> whole_holes(Interval window, const WorkRules& rules, const Zone& zone);

// True when `slot` lies wholly inside the hole of a working hole_day.
bool in_hole(Interval slot, const WorkRules& rules, const Zone& zone);

// The first instant >= t that starts a grid step of local time (e.g. :00/:15/:30/:45).
Instant align_up_to_grid(Instant t, const WorkRules& rules, const Zone& zone);

// The local calendar day of an instant.
std::chrono::year_month_day local_date(Instant t, const Zone& zone);

}  // namespace yhteisaika::time
