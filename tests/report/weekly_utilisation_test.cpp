#include <yhteisaika/report/weekly_utilisation.hpp>

#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace std::chrono;
using namespace yhteisaika;
using report::MeetingRow;
using report::Member;
using report::FigureRow;
using report::GroupBy;
using WeekFigures = report::FigureRow;
using yhteisaika::test::helsinki;

namespace {

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }

const std::vector<Member> kTeam{{ParticipantId{"a"}, "kotihoito", ""},
                                {ParticipantId{"b"}, "kotihoito", ""},
                                {ParticipantId{"c"}, "sosiaalityö", ""},
                                {ParticipantId{"d"}, "sosiaalityö", ""}};

struct Row {
  const char* start;
  const char* end;
  std::vector<const char*> attendees;
  const char* requested;
  bool in_hole = false;
  bool cancelled = false;
};

std::vector<MeetingRow> rows(const std::vector<Row>& spec) {
  std::vector<MeetingRow> out;
  for (const auto& r : spec) {
    MeetingRow m;
    m.id = static_cast<std::int64_t>(out.size()) + 1;
    m.when = {at(r.start), at(r.end)};
    m.in_hole = r.in_hole;
    m.cancelled = r.cancelled;
    m.requested_at = at(r.requested);
    for (const char* a : r.attendees) m.attendees.push_back(ParticipantId{a});
    out.push_back(m);
  }
  return out;
}

// Long after every meeting of these tests, so no hole is released (release_test.cpp covers that).
const time::Instant kLongBefore = std::chrono::sys_days{2026y / January / 1};

std::vector<FigureRow> weekly(year_month_day from, year_month_day to, const std::vector<MeetingRow>& meetings,
                              const time::WorkRules& rules = {}) {
  if (to < from) return {};
  return report::utilisation({from, to, std::nullopt, report::GroupBy::week}, kTeam, meetings, kLongBefore,
                             report::ReleaseRule{}, rules, helsinki())
      .rows;
}

WeekFigures one_week(year_month_day monday, const std::vector<MeetingRow>& meetings) {
  const auto weeks = weekly(monday, monday, meetings);
  REQUIRE(weeks.size() == 1);
  return weeks.front();
}

}  // namespace

TEST_CASE("a hand-built week gives the figures worked out by hand", "[report][weekly]") {
  // Week 2026-W48: the hole is Wednesday 2026-11-25 14:30-15:30, four members.
  const auto meetings = rows({
      // a and b in the hole, requested 5 days 4 h 30 min before (5.1875 days).
      {"2026-11-25T14:30", "2026-11-25T15:30", {"a", "b"}, "2026-11-20T10:00", true},
      // c in the hole, 30 minutes, requested 2 days before.
      {"2026-11-25T14:30", "2026-11-25T15:00", {"c"}, "2026-11-23T14:30", true},
      // d outside the hole on Thursday, requested 1 day before.
      {"2026-11-26T09:00", "2026-11-26T10:00", {"d"}, "2026-11-25T09:00"},
      // Last week's and next week's meetings are not this week's.
      {"2026-11-18T14:30", "2026-11-18T15:30", {"d"}, "2026-11-10T09:00", true},
      {"2026-11-30T00:00", "2026-11-30T01:00", {"d"}, "2026-11-10T09:00"},
  });
  const WeekFigures f = one_week(2026y / November / 23, meetings);
  CHECK(f.week_start == 2026y / November / 23);
  CHECK(f.key == "2026-W48");
  CHECK(f.figures.holes_available == 4);
  CHECK(f.figures.holes_booked == 3);
  CHECK(f.figures.utilisation_percent == Approx(75.0));
  CHECK(f.figures.meetings_in_hole == 2);
  CHECK(f.figures.meetings_outside_hole == 1);
  CHECK(f.figures.cancelled == 0);
  REQUIRE(f.figures.days_from_request.median);
  CHECK(*f.figures.days_from_request.median == Approx(2.0));
}

TEST_CASE("weeks cover every Monday-Sunday week that overlaps the dates, across a year boundary",
          "[report][weekly]") {
  const auto weeks = weekly(2026y / December / 31, 2027y / January / 4, {});
  REQUIRE(weeks.size() == 2);
  CHECK(weeks[0].week_start == 2026y / December / 28);
  CHECK(weeks[0].key == "2026-W53");
  CHECK(weeks[0].figures.holes_available == 4);  // Wednesday 2026-12-30 is a working day
  CHECK(weeks[1].week_start == 2027y / January / 4);
  CHECK(weeks[1].key == "2027-W01");
  CHECK(weeks[1].figures.holes_available == 0);  // Wednesday 2027-01-06 is Epiphany
  CHECK(weekly(2026y / November / 23, 2026y / November / 22, {}).empty());
}

TEST_CASE("a week whose hole day is Independence Day has no holes", "[report][weekly]") {
  // 2028-12-06 is a Wednesday.
  const auto meetings = rows({{"2028-12-07T14:30", "2028-12-07T15:30", {"a"}, "2028-12-01T09:00"}});
  const WeekFigures f = one_week(2028y / December / 4, meetings);
  CHECK(f.key == "2028-W49");
  CHECK(f.figures.holes_available == 0);
  CHECK(f.figures.holes_booked == 0);
  CHECK(f.figures.utilisation_percent == 0.0);
  CHECK(f.figures.meetings_outside_hole == 1);
}

TEST_CASE("a closure on the hole day leaves no holes that week", "[report][weekly]") {
  time::WorkRules rules;
  rules.closures = {2026y / November / 25};
  const auto weeks = weekly(2026y / November / 23, 2026y / November / 23, {}, rules);
  REQUIRE(weeks.size() == 1);
  CHECK(weeks[0].figures.holes_available == 0);
}

TEST_CASE("the median of an even count is the mean of the middle two", "[report][weekly]") {
  const auto meetings = rows({
      {"2026-11-26T09:00", "2026-11-26T10:00", {"a"}, "2026-11-23T09:00"},  // 3 days
      {"2026-11-27T09:00", "2026-11-27T10:00", {"b"}, "2026-11-25T09:00"},  // 2 days
      {"2026-11-23T09:00", "2026-11-23T10:00", {"c"}, "2026-11-13T09:00"},  // 10 days
      {"2026-11-24T12:00", "2026-11-24T13:00", {"d"}, "2026-11-24T00:00"},  // 0.5 days
  });
  const WeekFigures f = one_week(2026y / November / 23, meetings);
  REQUIRE(f.figures.days_from_request.median);
  CHECK(*f.figures.days_from_request.median == Approx(2.5));
}

TEST_CASE("cancelled meetings count as cancelled, not as booked holes or in the median", "[report][weekly]") {
  const auto meetings = rows({
      {"2026-11-25T14:30", "2026-11-25T15:30", {"a", "b"}, "2026-11-20T09:00", true, true},
      {"2026-11-26T09:00", "2026-11-26T10:00", {"c"}, "2026-11-25T09:00", false, true},
  });
  const WeekFigures f = one_week(2026y / November / 23, meetings);
  CHECK(f.figures.cancelled == 2);
  CHECK(f.figures.holes_booked == 0);
  CHECK(f.figures.meetings_in_hole == 0);
  CHECK(f.figures.meetings_outside_hole == 0);
  CHECK_FALSE(f.figures.days_from_request.median);

  SECTION("a scheduled meeting beside a cancelled one is counted alone") {
    auto more = meetings;
    more.push_back(rows({{"2026-11-25T14:30", "2026-11-25T15:30", {"a"}, "2026-11-24T14:30", true}}).front());
    const WeekFigures g = one_week(2026y / November / 23, more);
    CHECK(g.figures.cancelled == 2);
    CHECK(g.figures.holes_booked == 1);
    CHECK(g.figures.days_from_request.median == std::optional<double>(1.0));
  }
}

TEST_CASE("two meetings in one professional's hole count as one booked hole", "[report][weekly]") {
  const auto meetings = rows({
      {"2026-11-25T14:30", "2026-11-25T15:00", {"a", "c"}, "2026-11-20T09:00", true},
      {"2026-11-25T15:00", "2026-11-25T15:30", {"a", "a"}, "2026-11-20T09:00", true},
  });
  const WeekFigures f = one_week(2026y / November / 23, meetings);
  CHECK(f.figures.meetings_in_hole == 2);
  CHECK(f.figures.holes_booked == 2);  // a once, c once
  CHECK(f.figures.utilisation_percent == Approx(50.0));
}

TEST_CASE("a meeting outside the hole, or only partly in it, books no hole", "[report][weekly]") {
  const auto meetings = rows({
      {"2026-11-25T10:00", "2026-11-25T11:00", {"a"}, "2026-11-20T09:00"},
      {"2026-11-25T14:00", "2026-11-25T15:00", {"b"}, "2026-11-20T09:00"},
      {"2026-11-24T14:30", "2026-11-24T15:30", {"c"}, "2026-11-20T09:00"},  // Tuesday
  });
  const WeekFigures f = one_week(2026y / November / 23, meetings);
  CHECK(f.figures.meetings_outside_hole == 3);
  CHECK(f.figures.meetings_in_hole == 0);
  CHECK(f.figures.holes_booked == 0);
}

TEST_CASE("attendees who are not members book no member's hole", "[report][weekly]") {
  const auto meetings = rows({{"2026-11-25T14:30", "2026-11-25T15:30", {"x", "y"}, "2026-11-20T09:00", true}});
  const WeekFigures f = one_week(2026y / November / 23, meetings);
  CHECK(f.figures.meetings_in_hole == 1);
  CHECK(f.figures.holes_booked == 0);
}

TEST_CASE("a member listed twice is counted once", "[report][weekly]") {
  const std::vector<Member> team{
      {ParticipantId{"a"}, "u", ""}, {ParticipantId{"a"}, "u", ""}, {ParticipantId{"b"}, "u", ""}};
  const auto weeks = report::utilisation({2026y / November / 23, 2026y / November / 23, std::nullopt, GroupBy::week}, team, {}, kLongBefore,
                                         std::nullopt, time::WorkRules{}, helsinki())
                         .rows;
  REQUIRE(weeks.size() == 1);
  CHECK(weeks[0].figures.holes_available == 2);
}

TEST_CASE("weeks follow local time across the DST change", "[report][weekly][dst]") {
  // Summer time starts on Sunday 2026-03-29 at 03:00 (UTC+2 -> UTC+3). The hole of
  // Wednesday 2026-04-01 is 14:30-15:30 EEST, i.e. 11:30-12:30 UTC.
  const auto meetings = rows({
      // Sunday 23:30 EEST = 20:30 UTC Sunday: still week 13.
      {"2026-03-29T23:30", "2026-03-29T23:45", {"a"}, "2026-03-27T23:30"},
      // Monday 00:30 EEST = 21:30 UTC Sunday: already week 14.
      {"2026-03-30T00:30", "2026-03-30T00:45", {"b"}, "2026-03-27T00:30"},
      // The summer hole, written in UTC.
      {"2026-04-01T11:30:00Z", "2026-04-01T12:30:00Z", {"c"}, "2026-03-30T11:30:00Z", true},
      // The same UTC hour as the winter hole is 15:30-16:30 in summer: not in the hole.
      {"2026-04-01T12:30:00Z", "2026-04-01T13:30:00Z", {"d"}, "2026-03-30T11:30:00Z"},
  });
  const auto weeks = weekly(2026y / March / 23, 2026y / April / 5, meetings);
  REQUIRE(weeks.size() == 2);
  CHECK(weeks[0].key == "2026-W13");
  CHECK(weeks[0].figures.meetings_outside_hole == 1);
  // 2026-03-27T23:30+02:00 to 2026-03-29T23:30+03:00 is two days less the hour lost.
  REQUIRE(weeks[0].figures.days_from_request.median);
  CHECK(*weeks[0].figures.days_from_request.median == Approx(2.0 - 1.0 / 24));
  CHECK(weeks[1].key == "2026-W14");
  CHECK(weeks[1].figures.meetings_outside_hole == 2);
  CHECK(weeks[1].figures.meetings_in_hole == 1);
  CHECK(weeks[1].figures.holes_available == 4);
  CHECK(weeks[1].figures.holes_booked == 1);
  // Lead times: b 3 days less the lost hour, c 2 days, d 2 days and 1 hour.
  REQUIRE(weeks[1].figures.days_from_request.median);
  CHECK(*weeks[1].figures.days_from_request.median == Approx(2.0 + 1.0 / 24));
}

TEST_CASE("the order of the meeting rows does not change the figures", "[report][weekly][invariant]") {
  auto meetings = rows({
      {"2026-11-25T14:30", "2026-11-25T15:30", {"a", "b"}, "2026-11-20T10:00", true},
      {"2026-11-25T14:30", "2026-11-25T15:00", {"c"}, "2026-11-23T14:30", true},
      {"2026-11-26T09:00", "2026-11-26T10:00", {"d"}, "2026-11-25T09:00"},
      {"2026-12-02T14:30", "2026-12-02T15:30", {"d"}, "2026-11-25T09:00", true, true},
  });
  const auto expected = weekly(2026y / November / 23, 2026y / December / 6, meetings);
  std::reverse(meetings.begin(), meetings.end());
  CHECK(weekly(2026y / November / 23, 2026y / December / 6, meetings) == expected);
}

TEST_CASE("the weeks covered are whole local weeks around the dates", "[report][weekly]") {
  const time::Interval covered = report::weeks_covering(2026y / November / 25, 2026y / December / 1, helsinki());
  CHECK(covered.start == at("2026-11-23T00:00"));
  CHECK(covered.end == at("2026-12-07T00:00"));
  CHECK(time::format_rfc3339(report::weeks_covering(2026y / March / 25, 2026y / March / 25, helsinki()).end,
                             helsinki()) == "2026-03-30T00:00:00+03:00");
}

TEST_CASE("the figures name the whole ISO weeks they count, not the dates asked for", "[report][weekly][issue-10]") {
  // The dashboard labelled the figures with the dates asked for, while they
  // cover the whole ISO weeks around them.
  struct Case {
    year_month_day from, to;
    const char* first_week;
    const char* last_week;
    year_month_day first_day, last_day;
  };
  const Case cases[] = {
      {2026y / November / 25, 2026y / December / 8, "2026-W48", "2026-W50", 2026y / November / 23,
       2026y / December / 13},
      {2026y / December / 31, 2027y / January / 4, "2026-W53", "2027-W01", 2026y / December / 28,
       2027y / January / 10},
      {2026y / November / 23, 2026y / November / 23, "2026-W48", "2026-W48", 2026y / November / 23,
       2026y / November / 29},
      {2026y / November / 29, 2026y / November / 30, "2026-W48", "2026-W49", 2026y / November / 23,
       2026y / December / 6},
  };
  for (const Case& c : cases) {
    const auto u = report::utilisation({c.from, c.to, std::nullopt, GroupBy::week}, kTeam, {}, kLongBefore,
                                       report::ReleaseRule{}, time::WorkRules{}, helsinki());
    CAPTURE(report::to_string(report::iso_week_of(c.from)));
    CHECK(report::to_string(u.first_week) == c.first_week);
    CHECK(report::to_string(u.last_week) == c.last_week);
    CHECK(u.first_day == c.first_day);
    CHECK(u.last_day == c.last_day);
    CHECK(u.rows.front().key == c.first_week);
    CHECK(u.rows.back().key == c.last_week);
  }
}
