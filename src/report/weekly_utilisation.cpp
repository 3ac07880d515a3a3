#include <yhteisaika/report/weekly_utilisation.hpp>

#include <yhteisaika/report/iso_week.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

// One pass over the professional-holes and one over the meetings: each adds to
// the rows it belongs to (by week, unit or professional) and to the totals, so
// the work is linear in (holes x members) + (meetings x attendees).

namespace yhteisaika::report {

namespace {

using namespace std::chrono;

constexpr int kBucketDays = 7;
constexpr int kBuckets = 5;  // 0-7, 7-14, 14-21, 21-28, 28+

double days_between(time::Instant from, time::Instant to) { return duration<double, days::period>(to - from).count(); }

local_days local_day(year_month_day d) { return local_days{sys_days{d}.time_since_epoch()}; }

// What a row adds up before it becomes Figures.
struct Tally {
  Figures figures;
  std::vector<double> from_request;
  std::vector<double> from_identification;

  // Each hole is exactly one of booked, released, open (not ended) or unused.
  void add_hole(bool booked, bool released, bool ended) {
    ++figures.holes_available;
    if (booked) {
      ++figures.holes_booked;
    } else if (released) {
      ++figures.holes_released;
    } else {
      ++(ended ? figures.holes_unused : figures.holes_open);
    }
  }

  void add_meeting(const MeetingRow& m, std::optional<double> request_days, std::optional<double> identification_days) {
    figures.rescheduled += m.reschedules;
    if (m.cancelled) {
      ++figures.cancelled;
      return;
    }
    ++(m.in_hole ? figures.meetings_in_hole : figures.meetings_outside_hole);
    if (request_days) from_request.push_back(*request_days);
    if (identification_days) from_identification.push_back(*identification_days);
  }

  Figures finish() {
    Figures f = figures;
    f.utilisation_percent = f.holes_available == 0 ? 0.0 : 100.0 * f.holes_booked / f.holes_available;
    f.days_from_request = lead_times(std::move(from_request));
    f.days_from_identification = lead_times(std::move(from_identification));
    return f;
  }
};

std::string bucket_label(int from_days, std::optional<int> to_days) {
  // U+2013 EN DASH between the bounds, as Finnish typography writes ranges.
  return to_days ? std::to_string(from_days) + "\u2013" + std::to_string(*to_days) + " pv"
                 : std::to_string(from_days) + "+ pv";
}

// The status of the week [start, end) against now.
WeekStatus status_of(time::Interval week, time::Instant now) {
  if (week.end <= now) return WeekStatus::past;
  return week.start <= now ? WeekStatus::current : WeekStatus::future;
}

}  // namespace

std::string_view to_string(WeekStatus status) {
  switch (status) {
    case WeekStatus::past:
      return "past";
    case WeekStatus::current:
      return "current";
    case WeekStatus::future:
      return "future";
  }
  return "past";
}

LeadTimes lead_times(std::vector<double> days) {
  LeadTimes out;
  if (days.empty()) return out;
  std::sort(days.begin(), days.end());
  const std::size_t n = days.size();
  out.median = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
  out.p90 = days[(9 * n + 9) / 10 - 1];  // rank ceil(0.9 n), 1-based
  const auto share = [&](double limit) {
    const auto within = std::upper_bound(days.begin(), days.end(), limit) - days.begin();
    return 100.0 * static_cast<double>(within) / static_cast<double>(n);
  };
  out.within_7_percent = share(7.0);
  out.within_14_percent = share(14.0);
  return out;
}

time::Interval weeks_covering(year_month_day from, year_month_day to, const time::Zone& zone) {
  const local_days first = local_day(monday_of(from));
  const local_days after_last = local_day(monday_of(to)) + days{7};
  return {zone.to_instant(first), zone.to_instant(after_last)};
}

Utilisation utilisation(const Period& period, std::span<const Member> members, std::span<const MeetingRow> meetings,
                        time::Instant now, const std::optional<ReleaseRule>& release, const time::WorkRules& rules,
                        const time::Zone& zone) {
  Utilisation out;
  out.weeks = weeks_covering(period.from, period.to, zone);
  const local_days first_monday = local_day(monday_of(period.from));
  const auto week_count = static_cast<std::size_t>((local_day(monday_of(period.to)) - first_monday).count() / 7 + 1);
  out.first_day = monday_of(period.from);
  out.last_day = year_month_day{sys_days{monday_of(period.to)} + days{6}};
  out.first_week = iso_week_of(out.first_day);
  out.last_week = iso_week_of(out.last_day);
  // Each week's status, by index from the first.
  std::vector<WeekStatus> week_status(week_count);
  for (std::size_t w = 0; w < week_count; ++w) {
    const local_days monday = first_monday + days{7 * static_cast<int>(w)};
    week_status[w] = status_of({zone.to_instant(monday), zone.to_instant(monday + days{7})}, now);
  }

  // Members: distinct, every unit for the controls, the counted ones indexed.
  std::vector<const Member*> counted;
  std::unordered_map<ParticipantId, std::size_t> member_index;
  for (const Member& m : members) {
    if (std::find(out.units.begin(), out.units.end(), m.unit) == out.units.end()) out.units.push_back(m.unit);
    if (period.unit && m.unit != *period.unit) continue;
    if (member_index.emplace(m.id, counted.size()).second) counted.push_back(&m);
  }
  std::sort(out.units.begin(), out.units.end());

  // The rows, and which row each counted member's holes go to.
  std::vector<std::size_t> row_of_member(counted.size(), 0);
  switch (period.group_by) {
    case GroupBy::week:
      for (std::size_t w = 0; w < week_count; ++w) {
        const year_month_day monday{sys_days{(first_monday + days{7 * static_cast<int>(w)}).time_since_epoch()}};
        const std::string name = to_string(iso_week_of(monday));
        out.rows.push_back({name, name, monday, week_status[w], {}});
      }
      break;
    case GroupBy::unit: {
      std::map<std::string, std::size_t> unit_rows;
      for (const Member* m : counted) unit_rows.emplace(m->unit, 0);
      for (auto& [unit, row] : unit_rows) {
        row = out.rows.size();
        out.rows.push_back({unit, unit, std::nullopt, std::nullopt, {}});
      }
      for (std::size_t i = 0; i < counted.size(); ++i) row_of_member[i] = unit_rows.at(counted[i]->unit);
      break;
    }
    case GroupBy::professional: {
      std::vector<std::size_t> order(counted.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      const auto label = [&](std::size_t i) { return counted[i]->name.empty() ? counted[i]->id.value : counted[i]->name; };
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::pair{label(a), counted[a]->id} < std::pair{label(b), counted[b]->id};
      });
      for (std::size_t i : order) {
        row_of_member[i] = out.rows.size();
        out.rows.push_back({counted[i]->id.value, label(i), std::nullopt, std::nullopt, {}});
      }
      break;
    }
  }
  std::vector<Tally> tallies(out.rows.size());
  Tally total;
  std::array<Tally, 3> by_status;  // by WeekStatus
  const auto status_tally = [&](std::size_t week) -> Tally& {
    return by_status[static_cast<std::size_t>(week_status[week])];
  };

  // Meetings of the weeks (by local start) that count.
  std::vector<const MeetingRow*> counted_meetings;
  std::vector<std::size_t> week_of_meeting;
  for (const MeetingRow& m : meetings) {
    const local_days day = floor<days>(zone.to_local(m.when.start));
    if (day < first_monday || day >= first_monday + days{7 * static_cast<int>(week_count)}) continue;
    if (period.unit && std::none_of(m.attendees.begin(), m.attendees.end(),
                                    [&](const ParticipantId& a) { return member_index.contains(a); })) {
      continue;
    }
    counted_meetings.push_back(&m);
    week_of_meeting.push_back(static_cast<std::size_t>((day - first_monday).count() / 7));
  }

  // Professional-holes: booked when the member attends a scheduled meeting lying wholly inside.
  const std::vector<time::Interval> holes = time::whole_holes(out.weeks, rules, zone);
  std::vector<bool> booked(holes.size() * counted.size(), false);  // [hole][member]
  for (const MeetingRow* m : counted_meetings) {
    if (m->cancelled) continue;
    // Holes do not overlap: at most the one starting last at or before the meeting holds it.
    auto it = std::upper_bound(holes.begin(), holes.end(), m->when.start,
                               [](time::Instant t, const time::Interval& h) { return t < h.start; });
    if (it == holes.begin() || !std::prev(it)->contains(m->when)) continue;
    const auto h = static_cast<std::size_t>(std::prev(it) - holes.begin());
    for (const ParticipantId& a : m->attendees) {
      if (auto found = member_index.find(a); found != member_index.end()) booked[h * counted.size() + found->second] = true;
    }
  }
  for (std::size_t h = 0; h < holes.size(); ++h) {
    const bool past_deadline = release && release_deadline(holes[h].start, *release, zone) <= now;
    const bool ended = holes[h].end <= now;
    const auto week = static_cast<std::size_t>((floor<days>(zone.to_local(holes[h].start)) - first_monday).count() / 7);
    for (std::size_t i = 0; i < counted.size(); ++i) {
      const bool is_booked = booked[h * counted.size() + i];
      const bool released = past_deadline && !is_booked;
      total.add_hole(is_booked, released, ended);
      status_tally(week).add_hole(is_booked, released, ended);
      tallies[period.group_by == GroupBy::week ? week : row_of_member[i]].add_hole(is_booked, released, ended);
    }
  }

  // Meetings.
  std::vector<int> histogram(kBuckets, 0);
  std::vector<std::size_t> rows_of_meeting;
  for (std::size_t k = 0; k < counted_meetings.size(); ++k) {
    const MeetingRow& m = *counted_meetings[k];
    const double request_days = days_between(m.requested_at, m.when.start);
    std::optional<double> identification_days;
    if (m.identified_on && m.identified_on->ok()) {
      identification_days = days_between(zone.to_instant(local_day(*m.identified_on)), m.when.start);
    }
    rows_of_meeting.clear();
    if (period.group_by == GroupBy::week) {
      rows_of_meeting.push_back(week_of_meeting[k]);
    } else {
      for (const ParticipantId& a : m.attendees) {
        if (auto found = member_index.find(a); found != member_index.end()) {
          rows_of_meeting.push_back(row_of_member[found->second]);
        }
      }
      std::sort(rows_of_meeting.begin(), rows_of_meeting.end());
      rows_of_meeting.erase(std::unique(rows_of_meeting.begin(), rows_of_meeting.end()), rows_of_meeting.end());
    }
    for (std::size_t row : rows_of_meeting) tallies[row].add_meeting(m, request_days, identification_days);
    total.add_meeting(m, request_days, identification_days);
    status_tally(week_of_meeting[k]).add_meeting(m, request_days, identification_days);
    if (!m.cancelled) {
      const int bucket = request_days < 0 ? 0 : std::min(kBuckets - 1, static_cast<int>(request_days / kBucketDays));
      ++histogram[static_cast<std::size_t>(bucket)];
    }
  }

  for (std::size_t r = 0; r < out.rows.size(); ++r) out.rows[r].figures = tallies[r].finish();
  out.totals = {"total", "Yhteensä", std::nullopt, std::nullopt, total.finish()};
  const auto status_row = [&](WeekStatus status, const char* label) {
    return FigureRow{std::string(to_string(status)), label, std::nullopt, status,
                     by_status[static_cast<std::size_t>(status)].finish()};
  };
  out.past = status_row(WeekStatus::past, "Päättyneet viikot");
  out.current = status_row(WeekStatus::current, "Kuluva viikko");
  out.future = status_row(WeekStatus::future, "Tulevat viikot");
  for (int b = 0; b < kBuckets; ++b) {
    const int from_days = b * kBucketDays;
    const std::optional<int> to_days = b + 1 < kBuckets ? std::optional<int>{from_days + kBucketDays} : std::nullopt;
    out.lead_time_histogram.push_back({bucket_label(from_days, to_days), from_days, to_days,
                                       histogram[static_cast<std::size_t>(b)]});
  }
  return out;
}

}  // namespace yhteisaika::report
