#pragma once
// Start here for report/: how the team's weekly hole is used, from booking rows.
// Pure over rows: the caller reads meetings and professionals from the store and
// turns them into MeetingRow and Member, and passes "now"; nothing here reads a
// clock, a file or the store.
//
// utilisation() gives one FigureRow per week, per unit or per professional over
// a period, a totals row, the totals of past, current and future weeks apart,
// and a lead-time histogram. Every row also carries the case's figures (holds,
// meetings by kind, days to the first joint meeting: case_figures.hpp). Release
// of unused holes is in hole_release.hpp; ISO week names in iso_week.hpp.
//
// Intervals are HALF-OPEN [start, end) (time/interval.hpp). Weeks are local
// Monday 00:00 - next Monday 00:00 in the deployment zone, DST-correct. Days are
// fractional (2.5 = two and a half days: 60 hours).

#include <yhteisaika/ids.hpp>
#include <yhteisaika/report/case_figures.hpp>
#include <yhteisaika/report/hole_release.hpp>
#include <yhteisaika/report/iso_week.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::report {

// A professional counted in the figures.
struct Member {
  ParticipantId id;
  std::string unit;  // organisational unit, for figures per unit ("Perhekeskus, perhetyö", ...)
  std::string name;  // the label of their row in figures per professional; empty = the id
  bool operator==(const Member&) const = default;
};

// One booked meeting, scheduled, held, cancelled or an expired hold (from
// store::Meeting and its case). A held meeting takes its time as a scheduled
// one does (it books its hole and counts as a meeting); an expired hold counts
// in the holds' figures only.
struct MeetingRow {
  std::int64_t id = 0;          // store::MeetingId value
  time::Interval when;          // its current time (after any reschedule)
  bool in_hole = false;         // booked inside the team's hole (as the store recorded it)
  bool cancelled = false;       // status cancelled
  time::Instant requested_at;   // when the need was put to the solver
  // The day the case's joint need was identified (local; counted from its
  // midnight); nullopt when unknown.
  std::optional<std::chrono::year_month_day> identified_on;
  std::vector<ParticipantId> attendees;  // required and optional
  int reschedules = 0;          // how many times it was moved
  cases::MeetingKind kind = cases::MeetingKind::other;
  Hold hold = Hold::none;       // what became of it, when it was booked as a hold
  // Whether it is its case's first joint meeting (first_joint_meeting() over
  // all the case's meetings), and then when its case was asked for consent
  // (consent_asked_at(); nullopt when unknown).
  bool first_joint = false;
  std::optional<time::Instant> consent_at;
  bool operator==(const MeetingRow&) const = default;
};

// Whether the meeting takes its time: neither cancelled nor an expired hold.
bool takes_time(const MeetingRow& m);

// Days from a start point to the meetings, over the scheduled meetings of a row.
// Every field is nullopt when there is no meeting.
struct LeadTimes {
  std::optional<double> median;             // the middle value; the mean of the two middle ones for an even count
  std::optional<double> p90;                // 90th percentile, nearest rank: the ceil(0.9 n)-th smallest
  std::optional<double> within_7_percent;   // share with at most 7 days, 0-100
  std::optional<double> within_14_percent;  // share with at most 14 days, 0-100
  bool operator==(const LeadTimes&) const = default;
};

// LeadTimes of `days` (any order).
LeadTimes lead_times(std::vector<double> days);

struct Figures {
  // Professional-holes: holes on working days (time::whole_holes; a holiday or a
  // closure on the hole day leaves none) times the members of the row.
  int holes_available = 0;
  // Professional-holes in which the member attends at least one scheduled or held meeting
  // lying wholly inside the hole. Two meetings in one member's hole count once.
  int holes_booked = 0;
  // Professional-holes not booked whose release deadline (hole_release.hpp) is
  // at or before "now": released unused. 0 when release is switched off.
  int holes_released = 0;
  // The rest, so that every hole is counted once:
  //   holes_available = holes_booked + holes_released + holes_open + holes_unused.
  // Open: neither booked nor released, and the hole has not ended by "now": it is
  // still in the professionals' feeds and can be booked (with release on, its
  // deadline has not come yet).
  int holes_open = 0;
  // Unused: ended neither booked nor released. Only with release switched off
  // (with release on, an unbooked hole is released at its deadline, before it starts).
  int holes_unused = 0;
  // holes_booked / holes_available * 100; 0 when no hole is available.
  double utilisation_percent = 0;
  // Scheduled and held meetings of the row, by their in_hole flag.
  int meetings_in_hole = 0;
  int meetings_outside_hole = 0;
  // Cancelled meetings of the row.
  int cancelled = 0;
  // Reschedules (MeetingRow::reschedules, summed) of the row's meetings, cancelled ones included.
  int rescheduled = 0;
  // From requested_at, and from local midnight of identified_on, to the start of
  // the row's scheduled meetings (meetings without identified_on are left out of
  // the second).
  LeadTimes days_from_request;
  LeadTimes days_from_identification;
  // Holds, meetings by kind and days to first joint meetings, of the row's meetings.
  CaseFigures cases;
  bool operator==(const Figures&) const = default;
};

enum class GroupBy { week, unit, professional };

// Where a week lies against "now". Past: it ended at or before now, its figures
// are final. Current: it holds now. Future: it starts after now; its bookings
// are those made so far.
enum class WeekStatus { past, current, future };

// "past", "current", "future".
std::string_view to_string(WeekStatus status);

struct FigureRow {
  // week: "2026-W48" (key and label); unit: the unit's name (both);
  // professional: key the id, label the name; totals: "total" / "Yhteensä";
  // the totals by week status: "past" / "Päättyneet viikot", "current" /
  // "Kuluva viikko", "future" / "Tulevat viikot".
  std::string key;
  std::string label;
  std::optional<std::chrono::year_month_day> week_start;  // the week's Monday; group_by week only
  // group_by week: the week's status; the totals by week status: theirs.
  std::optional<WeekStatus> week_status;
  Figures figures;
  bool operator==(const FigureRow&) const = default;
};

// Scheduled meetings by days from request to start: [from_days, to_days), the
// last bucket open-ended (to_days nullopt). A negative lead time counts in the first.
struct HistogramBucket {
  std::string label;  // "0–7 pv", ..., "28+ pv" (pv = päivää, days)
  int from_days = 0;
  std::optional<int> to_days;
  int count = 0;
  bool operator==(const HistogramBucket&) const = default;
};

struct Period {
  std::chrono::year_month_day from;  // local dates, inclusive; REQUIRES: ok(), from <= to
  std::chrono::year_month_day to;
  std::optional<std::string> unit;   // only members of this unit and meetings they attend
  GroupBy group_by = GroupBy::week;
  bool operator==(const Period&) const = default;
};

struct Utilisation {
  // The whole weeks reported: Monday 00:00 of from's week to Monday 00:00 after to's week.
  time::Interval weeks;
  // The same weeks as ISO weeks and local days: the first and the last week, the
  // Monday of the first and the Sunday of the last (the period's dates widened
  // to whole weeks: these, not from and to, are what the figures count).
  IsoWeek first_week{};
  IsoWeek last_week{};
  std::chrono::year_month_day first_day{};
  std::chrono::year_month_day last_day{};
  std::vector<std::string> units;  // every member's unit, distinct, sorted (byte order), ignoring the filter
  std::vector<FigureRow> rows;
  FigureRow totals;
  // The totals split by the status of the week each hole and each meeting (by
  // its local start) falls in; they add up to the totals, whatever group_by.
  // Utilisation over finished weeks is past.figures.utilisation_percent: the
  // current and future weeks' holes may still be booked, so counting them would
  // understate it.
  FigureRow past;
  FigureRow current;
  FigureRow future;
  std::vector<HistogramBucket> lead_time_histogram;  // 0-7, 7-14, 14-21, 21-28, 28+ days
  bool operator==(const Utilisation&) const = default;
};

// The figures of the whole weeks (Monday-Sunday, local) overlapping the local
// dates [period.from, period.to]. A meeting belongs to the week of its local
// start; meetings starting outside the weeks are ignored.
//
// Who counts: the members (a member listed twice counts once); with
// period.unit, only the members of that unit, and only the meetings one of them
// attends. Without a unit every meeting counts, whoever attends it.
//
// Rows:
//   week         one per week, in order (every week, also an empty one);
//   unit         one per unit of the counted members, sorted by name: its members'
//                holes, and the meetings one of its members attends;
//   professional one per counted member, sorted by name then id: their holes and
//                the meetings they attend.
// A meeting whose attendees come from two units counts in both units' rows but
// once in the totals. The lead-time histogram counts the totals' meetings.
// `now` decides which holes are past their release deadline (`release`;
// nullopt = release switched off), which are still open, and each week's status.
Utilisation utilisation(const Period& period, std::span<const Member> members, std::span<const MeetingRow> meetings,
                        time::Instant now, const std::optional<ReleaseRule>& release, const time::WorkRules& rules,
                        const time::Zone& zone);

// The instants of the weeks that utilisation(period, ...) reports:
// [Monday 00:00 of from's week, Monday 00:00 after to's week), local. Pass every
// meeting that starts in it, or the figures are undercounted.
// REQUIRES: from.ok(), to.ok(), from <= to.
time::Interval weeks_covering(std::chrono::year_month_day from, std::chrono::year_month_day to,
                              const time::Zone& zone);

}  // namespace yhteisaika::report
