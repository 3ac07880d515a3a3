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
  CaseTally cases;
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

  void add_meeting(const MeetingRow& m, std::optional<double> request_days, std::optional<double> identification_days,
                   std::optional<double> consent_days) {
    figures.rescheduled += m.reschedules;
    cases.add({m.id, m.when, m.kind, m.cancelled, m.hold}, m.first_joint, identification_days, consent_days);
    if (m.hold == Hold::expired) return;
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
    f.cases = cases.finish();
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

bool takes_time(const MeetingRow& m) { return !m.cancelled && m.hold != Hold::expired; }

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

namespace {

// The weeks a period covers: from the Monday of its first day to the Sunday of
// its last, each with its status against now.
struct Weeks {
  local_days first_monday;
  std::vector<WeekStatus> status;  // by index from the first week

  std::size_t count() const { return status.size(); }
  local_days monday(std::size_t w) const { return first_monday + days{7 * static_cast<int>(w)}; }
  // The index of the week holding local day `day`. REQUIRES: holds(day).
  std::size_t of(local_days day) const { return static_cast<std::size_t>((day - first_monday).count() / 7); }
  bool holds(local_days day) const { return day >= first_monday && day < monday(count()); }
};

Weeks weeks_of(const Period& period, time::Instant now, const time::Zone& zone) {
  Weeks weeks{local_day(monday_of(period.from)), {}};
  const auto count = static_cast<std::size_t>((local_day(monday_of(period.to)) - weeks.first_monday).count() / 7 + 1);
  for (std::size_t w = 0; w < count; ++w) {
    const local_days monday = weeks.monday(w);
    weeks.status.push_back(status_of({zone.to_instant(monday), zone.to_instant(monday + days{7})}, now));
  }
  return weeks;
}

// A meeting that counts, and the week of its local start.
struct CountedMeeting {
  const MeetingRow* meeting;
  std::size_t week;
};

// One call of utilisation(): the members and meetings that count, the rows they
// add to, and the tallies of the rows, the totals and the week statuses.
class Count {
 public:
  Count(const Period& period, const time::Zone& zone, Weeks weeks) : period_(period), zone_(zone), weeks_(std::move(weeks)) {}

  // Every member's unit (sorted, for the controls), and the distinct members that count.
  void take_members(std::span<const Member> members, std::vector<std::string>& units) {
    for (const Member& m : members) {
      if (std::find(units.begin(), units.end(), m.unit) == units.end()) units.push_back(m.unit);
      if (period_.unit && m.unit != *period_.unit) continue;
      if (member_index_.emplace(m.id, counted_.size()).second) counted_.push_back(&m);
    }
    std::sort(units.begin(), units.end());
  }

  // The rows of the grouping, and which row each counted member's holes go to.
  void make_rows(std::vector<FigureRow>& rows) {
    row_of_member_.assign(counted_.size(), 0);
    switch (period_.group_by) {
      case GroupBy::week:
        for (std::size_t w = 0; w < weeks_.count(); ++w) {
          const year_month_day monday{sys_days{weeks_.monday(w).time_since_epoch()}};
          const std::string name = to_string(iso_week_of(monday));
          rows.push_back({name, name, monday, weeks_.status[w], {}});
        }
        break;
      case GroupBy::unit:
        make_unit_rows(rows);
        break;
      case GroupBy::professional:
        make_professional_rows(rows);
        break;
    }
    tallies_.resize(rows.size());
  }

  // The meetings of the weeks (by local start) that count: with a unit, those one of its members attends.
  void take_meetings(std::span<const MeetingRow> meetings) {
    for (const MeetingRow& m : meetings) {
      const local_days day = floor<days>(zone_.to_local(m.when.start));
      if (!weeks_.holds(day)) continue;
      if (period_.unit && std::none_of(m.attendees.begin(), m.attendees.end(),
                                       [&](const ParticipantId& a) { return member_index_.contains(a); })) {
        continue;
      }
      meetings_.push_back({&m, weeks_.of(day)});
    }
  }

  // Every professional-hole of the weeks: booked when the member attends a
  // scheduled or held meeting lying wholly inside it, else released past its deadline,
  // else open or (ended) unused.
  void count_holes(const time::Interval& span, time::Instant now, const std::optional<ReleaseRule>& release,
                   const time::WorkRules& rules) {
    const std::vector<time::Interval> holes = time::whole_holes(span, rules, zone_);
    const std::vector<bool> booked = booked_holes(holes);
    for (std::size_t h = 0; h < holes.size(); ++h) {
      const bool past_deadline = release && release_deadline(holes[h].start, *release, zone_) <= now;
      const bool ended = holes[h].end <= now;
      const std::size_t week = weeks_.of(floor<days>(zone_.to_local(holes[h].start)));
      for (std::size_t i = 0; i < counted_.size(); ++i) {
        const bool is_booked = booked[h * counted_.size() + i];
        const bool released = past_deadline && !is_booked;
        total_.add_hole(is_booked, released, ended);
        by_status(week).add_hole(is_booked, released, ended);
        tallies_[period_.group_by == GroupBy::week ? week : row_of_member_[i]].add_hole(is_booked, released, ended);
      }
    }
  }

  // Every counted meeting in its rows, the totals and its week's status, and the
  // lead-time histogram of those that take their time.
  void count_meetings() {
    std::vector<std::size_t> rows;
    for (const CountedMeeting& c : meetings_) {
      const MeetingRow& m = *c.meeting;
      const double request_days = days_between(m.requested_at, m.when.start);
      std::optional<double> identification_days;
      if (m.identified_on && m.identified_on->ok()) {
        identification_days = days_between(zone_.to_instant(local_day(*m.identified_on)), m.when.start);
      }
      std::optional<double> consent_days;
      if (m.first_joint && m.consent_at) consent_days = days_between(*m.consent_at, m.when.start);
      rows_of(m, c.week, rows);
      for (std::size_t row : rows) tallies_[row].add_meeting(m, request_days, identification_days, consent_days);
      total_.add_meeting(m, request_days, identification_days, consent_days);
      by_status(c.week).add_meeting(m, request_days, identification_days, consent_days);
      if (takes_time(m)) {
        const int bucket = request_days < 0 ? 0 : std::min(kBuckets - 1, static_cast<int>(request_days / kBucketDays));
        ++histogram_[static_cast<std::size_t>(bucket)];
      }
    }
  }

  void finish(Utilisation& out) {
    for (std::size_t r = 0; r < out.rows.size(); ++r) out.rows[r].figures = tallies_[r].finish();
    out.totals = {"total", "Yhteensä", std::nullopt, std::nullopt, total_.finish()};
    const auto status_row = [&](WeekStatus status, const char* label) {
      return FigureRow{std::string(to_string(status)), label, std::nullopt, status,
                       by_status_[static_cast<std::size_t>(status)].finish()};
    };
    out.past = status_row(WeekStatus::past, "Päättyneet viikot");
    out.current = status_row(WeekStatus::current, "Kuluva viikko");
    out.future = status_row(WeekStatus::future, "Tulevat viikot");
    for (int b = 0; b < kBuckets; ++b) {
      const int from_days = b * kBucketDays;
      const std::optional<int> to_days = b + 1 < kBuckets ? std::optional<int>{from_days + kBucketDays} : std::nullopt;
      out.lead_time_histogram.push_back({bucket_label(from_days, to_days), from_days, to_days,
                                         histogram_[static_cast<std::size_t>(b)]});
    }
  }

 private:
  Tally& by_status(std::size_t week) { return by_status_[static_cast<std::size_t>(weeks_.status[week])]; }

  void make_unit_rows(std::vector<FigureRow>& rows) {
    std::map<std::string, std::size_t> unit_rows;
    for (const Member* m : counted_) unit_rows.emplace(m->unit, 0);
    for (auto& [unit, row] : unit_rows) {
      row = rows.size();
      rows.push_back({unit, unit, std::nullopt, std::nullopt, {}});
    }
    for (std::size_t i = 0; i < counted_.size(); ++i) row_of_member_[i] = unit_rows.at(counted_[i]->unit);
  }

  // One row a professional, by name (their id when they have none), then id.
  void make_professional_rows(std::vector<FigureRow>& rows) {
    std::vector<std::size_t> order(counted_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto label = [&](std::size_t i) { return counted_[i]->name.empty() ? counted_[i]->id.value : counted_[i]->name; };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::pair{label(a), counted_[a]->id} < std::pair{label(b), counted_[b]->id};
    });
    for (std::size_t i : order) {
      row_of_member_[i] = rows.size();
      rows.push_back({counted_[i]->id.value, label(i), std::nullopt, std::nullopt, {}});
    }
  }

  // [hole][member]: whether the counted member attends a scheduled meeting wholly inside the hole.
  std::vector<bool> booked_holes(const std::vector<time::Interval>& holes) const {
    std::vector<bool> booked(holes.size() * counted_.size(), false);
    for (const CountedMeeting& c : meetings_) {
      const MeetingRow* m = c.meeting;
      if (!takes_time(*m)) continue;
      // Holes do not overlap: at most the one starting last at or before the meeting holds it.
      auto it = std::upper_bound(holes.begin(), holes.end(), m->when.start,
                                 [](time::Instant t, const time::Interval& h) { return t < h.start; });
      if (it == holes.begin() || !std::prev(it)->contains(m->when)) continue;
      const auto h = static_cast<std::size_t>(std::prev(it) - holes.begin());
      for (const ParticipantId& a : m->attendees) {
        if (auto found = member_index_.find(a); found != member_index_.end()) booked[h * counted_.size() + found->second] = true;
      }
    }
    return booked;
  }

  // The rows a meeting adds to: its week's, or (by unit or professional) those of
  // the counted members attending it, each once.
  void rows_of(const MeetingRow& m, std::size_t week, std::vector<std::size_t>& rows) const {
    rows.clear();
    if (period_.group_by == GroupBy::week) {
      rows.push_back(week);
      return;
    }
    for (const ParticipantId& a : m.attendees) {
      if (auto found = member_index_.find(a); found != member_index_.end()) rows.push_back(row_of_member_[found->second]);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  }

  const Period& period_;
  const time::Zone& zone_;
  Weeks weeks_;
  std::vector<const Member*> counted_;
  std::unordered_map<ParticipantId, std::size_t> member_index_;
  std::vector<std::size_t> row_of_member_;
  std::vector<CountedMeeting> meetings_;
  std::vector<Tally> tallies_;
  Tally total_;
  std::array<Tally, 3> by_status_;  // by WeekStatus
  std::vector<int> histogram_ = std::vector<int>(kBuckets, 0);
};

}  // namespace

Utilisation utilisation(const Period& period, std::span<const Member> members, std::span<const MeetingRow> meetings,
                        time::Instant now, const std::optional<ReleaseRule>& release, const time::WorkRules& rules,
                        const time::Zone& zone) {
  Utilisation out;
  out.weeks = weeks_covering(period.from, period.to, zone);
  out.first_day = monday_of(period.from);
  out.last_day = year_month_day{sys_days{monday_of(period.to)} + days{6}};
  out.first_week = iso_week_of(out.first_day);
  out.last_week = iso_week_of(out.last_day);

  Count count(period, zone, weeks_of(period, now, zone));
  count.take_members(members, out.units);
  count.make_rows(out.rows);
  count.take_meetings(meetings);
  count.count_holes(out.weeks, now, release, rules);
  count.count_meetings();
  count.finish(out);
  return out;
}

}  // namespace yhteisaika::report
