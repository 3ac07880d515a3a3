#include <yhteisaika/report/weekly_utilisation.hpp>

#include <yhteisaika/report/iso_week.hpp>

#include <algorithm>
#include <unordered_map>

// Meetings are put into their week's bucket once (one zone lookup each), so the
// work is linear in weeks + meetings. The figures of one week are computed by
// week_figures() over a member index and that week's rows: figures per unit or
// per professional will call it with a narrower member index and rows.

namespace yhteisaika::report {

namespace {

using namespace std::chrono;

// Distinct members, each with a dense index for the booked-hole table.
using MemberIndex = std::unordered_map<ParticipantId, std::size_t>;

MemberIndex index_members(std::span<const Member> members) {
  MemberIndex index;
  for (const auto& m : members) index.emplace(m.id, index.size());
  return index;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const auto mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  if (values.size() % 2 == 1) return values[mid];
  const double upper = values[mid];
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

double days_between(time::Instant from, time::Instant to) { return duration<double, days::period>(to - from).count(); }

WeekFigures week_figures(local_days monday, const MemberIndex& members, const std::vector<const MeetingRow*>& rows,
                         const time::WorkRules& rules, const time::Zone& zone) {
  const year_month_day start{sys_days{monday.time_since_epoch()}};
  WeekFigures f;
  f.week_start = start;
  f.iso_week = to_string(iso_week_of(start));

  const time::Interval week{zone.to_instant(monday), zone.to_instant(monday + days{7})};
  const std::vector<time::Interval> holes = time::whole_holes(week, rules, zone);
  f.holes_available = static_cast<int>(holes.size() * members.size());

  std::vector<bool> booked(holes.size() * members.size(), false);  // [hole][member]
  std::vector<double> lead_days;
  for (const MeetingRow* m : rows) {
    if (m->cancelled) {
      ++f.cancelled;
      continue;
    }
    ++(m->in_hole ? f.meetings_in_hole : f.meetings_outside_hole);
    lead_days.push_back(days_between(m->requested_at, m->when.start));
    for (std::size_t h = 0; h < holes.size(); ++h) {
      if (!holes[h].contains(m->when)) continue;
      for (const auto& attendee : m->attendees) {
        if (const auto it = members.find(attendee); it != members.end()) booked[h * members.size() + it->second] = true;
      }
    }
  }
  f.holes_booked = static_cast<int>(std::count(booked.begin(), booked.end(), true));
  f.utilisation_percent = f.holes_available == 0 ? 0.0 : 100.0 * f.holes_booked / f.holes_available;
  f.median_days_to_meeting = median(std::move(lead_days));
  return f;
}

}  // namespace

time::Interval weeks_covering(year_month_day from, year_month_day to, const time::Zone& zone) {
  const local_days first{sys_days{monday_of(from)}.time_since_epoch()};
  const local_days after_last{(sys_days{monday_of(to)} + days{7}).time_since_epoch()};
  return {zone.to_instant(first), zone.to_instant(after_last)};
}

std::vector<WeekFigures> weekly_utilisation(year_month_day from, year_month_day to, std::span<const Member> members,
                                            std::span<const MeetingRow> meetings, const time::WorkRules& rules,
                                            const time::Zone& zone) {
  if (to < from) return {};
  const local_days first{sys_days{monday_of(from)}.time_since_epoch()};
  const local_days last{sys_days{monday_of(to)}.time_since_epoch()};
  const auto week_count = static_cast<std::size_t>((last - first).count() / 7 + 1);

  std::vector<std::vector<const MeetingRow*>> by_week(week_count);
  for (const auto& m : meetings) {
    const local_days day = floor<days>(zone.to_local(m.when.start));
    if (day < first || day >= last + days{7}) continue;
    by_week[static_cast<std::size_t>((day - first).count() / 7)].push_back(&m);
  }

  const MemberIndex index = index_members(members);
  std::vector<WeekFigures> figures;
  figures.reserve(week_count);
  for (std::size_t w = 0; w < week_count; ++w) {
    figures.push_back(week_figures(first + days{7 * static_cast<int>(w)}, index, by_week[w], rules, zone));
  }
  return figures;
}

}  // namespace yhteisaika::report
