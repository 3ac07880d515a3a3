#include <yhteisaika/report/weekly_utilisation.hpp>

#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

// Figures by week, unit and professional over three weeks of a hand-built team,
// every number worked out by hand in the comments.

using namespace std::chrono;
using namespace yhteisaika;
using report::GroupBy;
using report::LeadTimes;
using report::MeetingRow;
using report::Member;
using yhteisaika::test::helsinki;

namespace {

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }

// Names sort in another order than ids: Aalto (b), Laine (d), Mäkelä (c), Salo (a).
const std::vector<Member> kTeam{{ParticipantId{"a"}, "kotihoito", "Salo"},
                                {ParticipantId{"b"}, "kotihoito", "Aalto"},
                                {ParticipantId{"c"}, "sosiaalityö", "Mäkelä"},
                                {ParticipantId{"d"}, "sosiaalityö", "Laine"}};

MeetingRow row(std::int64_t id, const char* start, const char* end, std::vector<const char*> attendees,
               const char* requested, std::optional<year_month_day> identified, bool in_hole, bool cancelled = false,
               int reschedules = 0) {
  MeetingRow m;
  m.id = id;
  m.when = {at(start), at(end)};
  m.in_hole = in_hole;
  m.cancelled = cancelled;
  m.requested_at = at(requested);
  m.identified_on = identified;
  for (const char* a : attendees) m.attendees.push_back(ParticipantId{a});
  m.reschedules = reschedules;
  return m;
}

// Weeks 2026-W48..W50; holes on Wednesdays 11-25, 12-02 and 12-09.
const std::vector<MeetingRow> kMeetings{
    // W48 hole: request 5 days before; identified 2026-11-16 00:00 = 9 d 14.5 h before; moved once.
    row(1, "2026-11-25T14:30", "2026-11-25T15:30", {"a", "c"}, "2026-11-20T14:30", 2026y / November / 16, true,
        false, 1),
    // W48 Thursday: request 14 days before; identified 24 d 9 h before.
    row(2, "2026-11-26T09:00", "2026-11-26T10:00", {"b"}, "2026-11-12T09:00", 2026y / November / 2, false),
    // W49 hole, half an hour: request 21 days before; no identification date.
    row(3, "2026-12-02T14:30", "2026-12-02T15:00", {"d"}, "2026-11-11T14:30", std::nullopt, true),
    // W49 cancelled after two moves.
    row(4, "2026-12-04T09:00", "2026-12-04T10:00", {"a"}, "2026-11-30T09:00", std::nullopt, false, true, 2),
    // W49 Thursday, a non-member only: request 1 day before; identified 2 d 10 h before.
    row(6, "2026-12-03T10:00", "2026-12-03T11:00", {"x"}, "2026-12-02T10:00", 2026y / December / 1, false),
    // W50 hole, everyone: request 9 days before; identified 9 d 14.5 h before.
    row(5, "2026-12-09T14:30", "2026-12-09T15:30", {"a", "b", "c", "d"}, "2026-11-30T14:30", 2026y / November / 30,
        true),
};

// After the deadlines of W48 (11-24 12:00) and W49 (12-01 12:00), before W50's (12-08 12:00).
const time::Instant kNow = at("2026-12-01T13:00");

report::Utilisation figures(GroupBy group_by, std::optional<std::string> unit = std::nullopt,
                            std::vector<MeetingRow> meetings = kMeetings) {
  return report::utilisation({2026y / November / 23, 2026y / December / 13, std::move(unit), group_by}, kTeam,
                             meetings, kNow, report::ReleaseRule{}, time::WorkRules{}, helsinki());
}

constexpr double k9d14h30 = 9 + 14.5 / 24;  // 9.604166...

void check_lead(const LeadTimes& t, std::optional<double> median, std::optional<double> p90,
                std::optional<double> within_7, std::optional<double> within_14) {
  const auto same = [](std::optional<double> got, std::optional<double> want) {
    return got.has_value() == want.has_value() && (!got || *got == Approx(*want));
  };
  CHECK(same(t.median, median));
  CHECK(same(t.p90, p90));
  CHECK(same(t.within_7_percent, within_7));
  CHECK(same(t.within_14_percent, within_14));
}

}  // namespace

TEST_CASE("lead times: median, nearest-rank 90th percentile and shares within 7 and 14 days", "[report][lead]") {
  check_lead(report::lead_times({}), std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  check_lead(report::lead_times({3}), 3.0, 3.0, 100.0, 100.0);
  // Sorted 1 5 9 14 21: median 9; rank ceil(4.5) = 5 -> 21; 2 of 5 at most 7 days, 4 of 5 at most 14.
  check_lead(report::lead_times({21, 5, 14, 1, 9}), 9.0, 21.0, 40.0, 80.0);
  // Ten values 1..10: median 5.5; rank ceil(9) = 9 -> 9; 7 of 10 within 7.
  check_lead(report::lead_times({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}), 5.5, 9.0, 70.0, 100.0);
  // Eleven values 1..11: rank ceil(9.9) = 10 -> 10.
  check_lead(report::lead_times({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), 6.0, 10.0, 700.0 / 11, 100.0);
  // Exactly 7 and 14 days count as within.
  check_lead(report::lead_times({7, 14, 14.01}), 14.0, 14.01, 100.0 / 3, 200.0 / 3);
}

TEST_CASE("figures per week: holes booked and released, meetings, lead times", "[report][utilisation]") {
  const auto u = figures(GroupBy::week);
  CHECK(u.units == std::vector<std::string>{"kotihoito", "sosiaalityö"});
  REQUIRE(u.rows.size() == 3);
  const auto& w48 = u.rows[0];
  CHECK(w48.key == "2026-W48");
  CHECK(w48.label == "2026-W48");
  CHECK(w48.week_start == 2026y / November / 23);
  // Four professional-holes; a and c booked; b and d unused after the deadline.
  CHECK(w48.figures.holes_available == 4);
  CHECK(w48.figures.holes_booked == 2);
  CHECK(w48.figures.holes_released == 2);
  CHECK(w48.figures.utilisation_percent == Approx(50.0));
  CHECK(w48.figures.meetings_in_hole == 1);
  CHECK(w48.figures.meetings_outside_hole == 1);
  CHECK(w48.figures.cancelled == 0);
  CHECK(w48.figures.rescheduled == 1);
  check_lead(w48.figures.days_from_request, 9.5, 14.0, 50.0, 100.0);
  check_lead(w48.figures.days_from_identification, (k9d14h30 + 24.375) / 2, 24.375, 0.0, 50.0);

  const auto& w49 = u.rows[1];
  CHECK(w49.key == "2026-W49");
  CHECK(w49.figures.holes_booked == 1);    // d
  CHECK(w49.figures.holes_released == 3);  // a, b, c
  CHECK(w49.figures.utilisation_percent == Approx(25.0));
  CHECK(w49.figures.meetings_in_hole == 1);
  CHECK(w49.figures.meetings_outside_hole == 1);  // x's meeting counts: no unit filter
  CHECK(w49.figures.cancelled == 1);
  CHECK(w49.figures.rescheduled == 2);
  check_lead(w49.figures.days_from_request, 11.0, 21.0, 50.0, 50.0);
  check_lead(w49.figures.days_from_identification, 2 + 10.0 / 24, 2 + 10.0 / 24, 100.0, 100.0);

  const auto& w50 = u.rows[2];
  CHECK(w50.figures.holes_booked == 4);
  CHECK(w50.figures.holes_released == 0);  // its deadline has not come
  CHECK(w50.figures.utilisation_percent == Approx(100.0));
  check_lead(w50.figures.days_from_request, 9.0, 9.0, 0.0, 100.0);

  const auto& t = u.totals;
  CHECK(t.key == "total");
  CHECK(t.label == "Yhteensä");
  CHECK_FALSE(t.week_start);
  CHECK(t.figures.holes_available == 12);
  CHECK(t.figures.holes_booked == 7);
  CHECK(t.figures.holes_released == 5);
  CHECK(t.figures.utilisation_percent == Approx(700.0 / 12));
  CHECK(t.figures.meetings_in_hole == 3);
  CHECK(t.figures.meetings_outside_hole == 2);
  CHECK(t.figures.cancelled == 1);
  CHECK(t.figures.rescheduled == 3);
  // From request: 1 5 9 14 21. From identification: 2.42 9.60 9.60 24.375.
  check_lead(t.figures.days_from_request, 9.0, 21.0, 40.0, 80.0);
  check_lead(t.figures.days_from_identification, k9d14h30, 24.375, 25.0, 75.0);

  // 1 and 5 -> 0-7; 9 -> 7-14; 14 -> 14-21 (buckets are half-open); 21 -> 21-28.
  REQUIRE(u.lead_time_histogram.size() == 5);
  const std::vector<int> counts{2, 1, 1, 1, 0};
  for (std::size_t b = 0; b < 5; ++b) {
    CHECK(u.lead_time_histogram[b].count == counts[b]);
    CHECK(u.lead_time_histogram[b].from_days == static_cast<int>(7 * b));
  }
  CHECK(u.lead_time_histogram[0].label == "0\u20137 pv");
  CHECK(u.lead_time_histogram[3].to_days == 28);
  CHECK(u.lead_time_histogram[4].label == "28+ pv");
  CHECK_FALSE(u.lead_time_histogram[4].to_days);
}

TEST_CASE("figures per unit count a unit's members' holes and the meetings they attend", "[report][utilisation]") {
  const auto u = figures(GroupBy::unit);
  REQUIRE(u.rows.size() == 2);
  const auto& home = u.rows[0];
  CHECK(home.key == "kotihoito");
  CHECK(home.label == "kotihoito");
  CHECK_FALSE(home.week_start);
  // a, b over three weeks: booked W48 a, W50 a b; released W48 b, W49 a b.
  CHECK(home.figures.holes_available == 6);
  CHECK(home.figures.holes_booked == 3);
  CHECK(home.figures.holes_released == 3);
  CHECK(home.figures.meetings_in_hole == 2);       // 1 and 5
  CHECK(home.figures.meetings_outside_hole == 1);  // 2
  CHECK(home.figures.cancelled == 1);              // 4
  CHECK(home.figures.rescheduled == 3);
  check_lead(home.figures.days_from_request, 9.0, 14.0, 100.0 / 3, 100.0);

  const auto& social = u.rows[1];
  CHECK(social.key == "sosiaalityö");
  CHECK(social.figures.holes_booked == 4);    // W48 c, W49 d, W50 c d
  CHECK(social.figures.holes_released == 2);  // W48 d, W49 c
  CHECK(social.figures.meetings_in_hole == 3);
  CHECK(social.figures.meetings_outside_hole == 0);
  check_lead(social.figures.days_from_request, 9.0, 21.0, 100.0 / 3, 200.0 / 3);

  // Meeting 1 (a and c) is in both units' rows, once in the totals.
  CHECK(u.totals.figures.meetings_in_hole == 3);
}

TEST_CASE("figures per professional are sorted by name and keyed by id", "[report][utilisation]") {
  const auto u = figures(GroupBy::professional);
  REQUIRE(u.rows.size() == 4);
  std::vector<std::string> keys, labels;
  for (const auto& r : u.rows) {
    keys.push_back(r.key);
    labels.push_back(r.label);
  }
  CHECK(labels == std::vector<std::string>{"Aalto", "Laine", "Mäkelä", "Salo"});
  CHECK(keys == std::vector<std::string>{"b", "d", "c", "a"});
  const auto& d = u.rows[1].figures;
  CHECK(d.holes_available == 3);
  CHECK(d.holes_booked == 2);
  CHECK(d.holes_released == 1);
  CHECK(d.meetings_in_hole == 2);
  check_lead(d.days_from_request, 15.0, 21.0, 0.0, 50.0);
}

TEST_CASE("a unit filter counts only its members and the meetings they attend", "[report][utilisation]") {
  const auto u = figures(GroupBy::week, "kotihoito");
  CHECK(u.units == std::vector<std::string>{"kotihoito", "sosiaalityö"});  // still every unit, for the controls
  CHECK(u.totals.figures.holes_available == 6);
  CHECK(u.totals.figures.holes_booked == 3);
  CHECK(u.totals.figures.holes_released == 3);
  CHECK(u.totals.figures.meetings_in_hole == 2);
  CHECK(u.totals.figures.meetings_outside_hole == 1);
  CHECK(u.totals.figures.cancelled == 1);
  std::vector<int> counts;
  for (const auto& b : u.lead_time_histogram) counts.push_back(b.count);
  CHECK(counts == std::vector<int>{1, 1, 1, 0, 0});  // 5, 9 and 14 days
  CHECK(figures(GroupBy::unit, "kotihoito").rows.size() == 1);
}

TEST_CASE("without a release rule no hole is released", "[report][utilisation]") {
  const auto u = report::utilisation({2026y / November / 23, 2026y / December / 13, std::nullopt, GroupBy::week}, kTeam, kMeetings, kNow,
                                     std::nullopt, time::WorkRules{}, helsinki());
  CHECK(u.totals.figures.holes_released == 0);
}

TEST_CASE("the order of rows and members does not change the figures", "[report][utilisation][invariant]") {
  auto meetings = kMeetings;
  std::mt19937 random(7);
  for (GroupBy g : {GroupBy::week, GroupBy::unit, GroupBy::professional}) {
    const auto expected = figures(g);
    for (int round = 0; round < 5; ++round) {
      std::shuffle(meetings.begin(), meetings.end(), random);
      CHECK(figures(g, std::nullopt, meetings) == expected);
    }
  }
}

namespace {

// Hole counts of one figure: available, booked, released, open, unused.
struct Holes {
  int available, booked, released, open, unused;
  bool operator==(const Holes&) const = default;
};

Holes holes_of(const report::Figures& f) {
  return {f.holes_available, f.holes_booked, f.holes_released, f.holes_open, f.holes_unused};
}

std::string text(const Holes& h) {
  return std::to_string(h.available) + " = " + std::to_string(h.booked) + " booked + " + std::to_string(h.released) +
         " released + " + std::to_string(h.open) + " open + " + std::to_string(h.unused) + " unused";
}

}  // namespace

TEST_CASE("weeks that have not happened are counted apart, not as unused holes of finished weeks",
          "[report][utilisation][issue-10]") {
  // The dashboard counted future weeks' unbooked holes in the headline
  // utilisation and left booked + released short of available, unexplained.
  using report::WeekStatus;
  constexpr auto P = WeekStatus::past;
  constexpr auto C = WeekStatus::current;
  constexpr auto F = WeekStatus::future;
  struct Case {
    const char* now;
    bool release;
    std::vector<WeekStatus> weeks;  // W48, W49, W50
    Holes past, current, future;
  };
  // Booked: W48 a c, W49 d, W50 a b c d. Deadlines: Tuesdays 12:00 before the holes.
  const Case cases[] = {
      // Before everything: all three weeks are to come, their unbooked holes open.
      {"2026-11-20T12:00", true, {F, F, F}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {12, 7, 0, 5, 0}},
      // W48 after its deadline: b and d released; W49 and W50 still open.
      {"2026-11-24T13:00", true, {C, F, F}, {0, 0, 0, 0, 0}, {4, 2, 2, 0, 0}, {8, 5, 0, 3, 0}},
      // Monday 00:00 of W49: W48 has just ended; W49's deadline has not come.
      {"2026-11-30T00:00", true, {P, C, F}, {4, 2, 2, 0, 0}, {4, 1, 0, 3, 0}, {4, 4, 0, 0, 0}},
      // After W49's deadline.
      {"2026-12-01T13:00", true, {P, C, F}, {4, 2, 2, 0, 0}, {4, 1, 3, 0, 0}, {4, 4, 0, 0, 0}},
      // The Monday after W50: every week has ended.
      {"2026-12-14T00:00", true, {P, P, P}, {12, 7, 5, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}},
      // Release off: a past unbooked hole is unused, a coming one open.
      {"2026-12-01T13:00", false, {P, C, F}, {4, 2, 0, 0, 2}, {4, 1, 0, 3, 0}, {4, 4, 0, 0, 0}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.now, c.release);
    for (GroupBy g : {GroupBy::week, GroupBy::unit, GroupBy::professional}) {
      CAPTURE(static_cast<int>(g));
      const auto u = report::utilisation({2026y / November / 23, 2026y / December / 13, std::nullopt, g}, kTeam,
                                         kMeetings, at(c.now),
                                         c.release ? std::optional{report::ReleaseRule{}} : std::nullopt,
                                         time::WorkRules{}, helsinki());
      CHECK(text(holes_of(u.past.figures)) == text(c.past));
      CHECK(text(holes_of(u.current.figures)) == text(c.current));
      CHECK(text(holes_of(u.future.figures)) == text(c.future));
      CHECK(u.past.key == "past");
      CHECK(u.past.label == "Päättyneet viikot");
      CHECK(u.current.key == "current");
      CHECK(u.future.key == "future");
      CHECK(u.future.week_status == F);
      // The headline: booked over available in finished weeks only.
      const double finished = c.past.available == 0 ? 0.0 : 100.0 * c.past.booked / c.past.available;
      CHECK(u.past.figures.utilisation_percent == Approx(finished));
      if (g == GroupBy::week) {
        std::vector<WeekStatus> statuses;
        for (const auto& row : u.rows) statuses.push_back(row.week_status.value());
        CHECK(statuses == c.weeks);
      } else {
        for (const auto& row : u.rows) CHECK_FALSE(row.week_status);
      }
    }
  }
}

TEST_CASE("every hole count adds up: available = booked + released + open + unused, and the weeks' parts to the totals",
          "[report][utilisation][issue-10]") {
  // 69 booked + 27 released did not make the 110 holes available, with nothing
  // naming the rest, and no figure said which part of the period was counted.
  for (const char* now : {"2026-11-20T12:00", "2026-11-25T15:00", "2026-12-01T13:00", "2026-12-09T15:00"}) {
    for (bool release : {true, false}) {
      for (GroupBy g : {GroupBy::week, GroupBy::unit, GroupBy::professional}) {
        CAPTURE(now, release, static_cast<int>(g));
        const auto u = report::utilisation({2026y / November / 23, 2026y / December / 13, std::nullopt, g}, kTeam,
                                           kMeetings, at(now),
                                           release ? std::optional{report::ReleaseRule{}} : std::nullopt,
                                           time::WorkRules{}, helsinki());
        std::vector<const report::FigureRow*> all{&u.totals, &u.past, &u.current, &u.future};
        for (const auto& row : u.rows) all.push_back(&row);
        for (const auto* row : all) {
          const auto& f = row->figures;
          CAPTURE(row->key);
          CHECK(f.holes_available == f.holes_booked + f.holes_released + f.holes_open + f.holes_unused);
          if (release) CHECK(f.holes_unused == 0);
        }
        const auto sum = [&](auto field) {
          return field(u.past.figures) + field(u.current.figures) + field(u.future.figures);
        };
        const auto& t = u.totals.figures;
        CHECK(sum([](const report::Figures& f) { return f.holes_available; }) == t.holes_available);
        CHECK(sum([](const report::Figures& f) { return f.holes_booked; }) == t.holes_booked);
        CHECK(sum([](const report::Figures& f) { return f.holes_released; }) == t.holes_released);
        CHECK(sum([](const report::Figures& f) { return f.holes_open; }) == t.holes_open);
        CHECK(sum([](const report::Figures& f) { return f.holes_unused; }) == t.holes_unused);
        CHECK(sum([](const report::Figures& f) { return f.meetings_in_hole; }) == t.meetings_in_hole);
        CHECK(sum([](const report::Figures& f) { return f.meetings_outside_hole; }) == t.meetings_outside_hole);
        CHECK(sum([](const report::Figures& f) { return f.cancelled; }) == t.cancelled);
        CHECK(sum([](const report::Figures& f) { return f.rescheduled; }) == t.rescheduled);
      }
    }
  }
}
