#pragma once
// When a case is due its next follow-up, and when it has stalled
// (scheduling-rules.md, "Follow-ups and triggers"):
//   - next_follow_up_due = the date of the latest joint or plan_update meeting
//     + follow_up_weeks;
//   - the follow-up is booked in [due - 7 days, due + 7 days], both days whole;
//   - a case with no meeting for 2 x follow_up_weeks is stalled.
// Meetings come in as plain dates. Only meetings that are on count ("scheduled or
// held"): the caller leaves out cancelled ones and holds that expired.
//
// Thread safety: pure functions.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <optional>
#include <span>

namespace yhteisaika::cases {

// A case's meeting as the follow-up rules see it: its kind and the local date of
// its start. REQUIRES: the meeting is scheduled or held.
struct MeetingDate {
  MeetingKind kind = MeetingKind::other;
  std::chrono::year_month_day date;
  bool operator==(const MeetingDate&) const = default;
};

// Two local dates, both included.
struct DateRange {
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
  bool operator==(const DateRange&) const = default;
};

// The latest joint or plan_update meeting's date + follow_up; nullopt when there
// is none (mapping and other meetings do not start the follow-up rhythm).
// REQUIRES: follow_up > 0 weeks.
std::optional<std::chrono::year_month_day> next_follow_up_due(std::span<const MeetingDate> meetings,
                                                              std::chrono::weeks follow_up);

// The days a follow-up due on `due` is booked in: [due - 7 days, due + 7 days].
DateRange follow_up_days(std::chrono::year_month_day due);

// The same days as a solve window in instants, [00:00 local of due - 7 days,
// 00:00 local of due + 8 days), starting no earlier than `now`; empty
// (start == end) when `now` is past it: the follow-up is overdue.
time::Interval follow_up_window(std::chrono::year_month_day due, time::Instant now, const time::Zone& zone);

// True when an open case has had no meeting for 2 x follow_up by `today`: the
// latest meeting of any kind (one still to come counts: it is planned), or the
// day the case was identified when it has none, is 2 x follow_up or more before
// `today`. A closed case is never stalled. REQUIRES: follow_up > 0 weeks.
bool is_stalled(const Case& c, std::span<const MeetingDate> meetings, std::chrono::weeks follow_up,
                std::chrono::year_month_day today);

}  // namespace yhteisaika::cases
