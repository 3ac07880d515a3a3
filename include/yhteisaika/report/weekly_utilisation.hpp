#pragma once
// Start here for report/: utilisation figures of the team's weekly hole, from
// booking rows. Pure over rows: the caller reads meetings from the store and turns
// them into MeetingRow; nothing here reads a clock, a file or the store.
//
// The rows carry more than today's figures use (unit, reschedules, attendees), so
// that figures per unit or per professional, percentiles, released holes and
// cancellation figures can be added over the same rows.
//
// Intervals are HALF-OPEN [start, end) (time/interval.hpp). Weeks are local
// Monday 00:00 - next Monday 00:00 in the deployment zone, DST-correct.

#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace yhteisaika::report {

// A professional counted in the figures.
struct Member {
  ParticipantId id;
  std::string unit;  // organisational unit, for figures per unit ("kotihoito", ...)
  bool operator==(const Member&) const = default;
};

// One booked meeting, scheduled or cancelled (from store::Meeting).
struct MeetingRow {
  std::int64_t id = 0;          // store::MeetingId value
  time::Interval when;          // its current time (after any reschedule)
  bool in_hole = false;         // booked inside the team's hole (as the store recorded it)
  bool cancelled = false;       // status cancelled
  time::Instant requested_at;   // when the need was put to the solver
  std::vector<ParticipantId> attendees;  // required and optional
  int reschedules = 0;          // how many times it was moved
  bool operator==(const MeetingRow&) const = default;
};

struct WeekFigures {
  std::chrono::year_month_day week_start;  // the week's Monday (local)
  std::string iso_week;                    // "2026-W48" (iso_week.hpp)
  // Professional-holes: holes on working days of the week (time::whole_holes; a
  // holiday or closure on the hole day leaves none) times the distinct members.
  int holes_available = 0;
  // Professional-holes in which the member attends at least one scheduled meeting
  // lying wholly inside that hole. Two meetings in one member's hole count once.
  int holes_booked = 0;
  // holes_booked / holes_available * 100; 0 when no hole is available.
  double utilisation_percent = 0;
  // Scheduled meetings whose local start falls in the week, by their in_hole flag.
  int meetings_in_hole = 0;
  int meetings_outside_hole = 0;
  // Cancelled meetings whose local start falls in the week.
  int cancelled = 0;
  // Median of (start - requested_at) in days (fractional: 2.5 = two and a half
  // days) over the scheduled meetings starting in the week; nullopt when none.
  std::optional<double> median_days_to_meeting;
  bool operator==(const WeekFigures&) const = default;
};

// One WeekFigures per week (Monday-Sunday, local) overlapping the local dates
// [from, to] (inclusive), in order; none when to < from. A meeting belongs to the
// week of its local start. Meetings count whoever attends them; holes_booked counts
// only attendees listed in `members` (a member listed twice counts once).
// REQUIRES: from.ok(), to.ok().
std::vector<WeekFigures> weekly_utilisation(std::chrono::year_month_day from, std::chrono::year_month_day to,
                                            std::span<const Member> members, std::span<const MeetingRow> meetings,
                                            const time::WorkRules& rules, const time::Zone& zone);

// The instants of the weeks that weekly_utilisation(from, to, ...) reports:
// [Monday 00:00 of from's week, Monday 00:00 after to's week), local. Pass every
// meeting that starts in it, or the first and last weeks are undercounted.
// REQUIRES: from.ok(), to.ok(), from <= to.
time::Interval weeks_covering(std::chrono::year_month_day from, std::chrono::year_month_day to,
                              const time::Zone& zone);

}  // namespace yhteisaika::report
