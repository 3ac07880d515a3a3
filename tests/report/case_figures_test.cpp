// The case's figures (report/case_figures.hpp) on hand-made meetings: holds by
// outcome, meetings by kind, and the days to each case's first joint meeting,
// per ISO week through utilisation().
#include <yhteisaika/report/case_figures.hpp>
#include <yhteisaika/report/weekly_utilisation.hpp>

#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace std::chrono;
using namespace yhteisaika;
using cases::MeetingKind;
using report::CaseMeeting;
using report::Hold;
using report::MeetingRow;
using yhteisaika::test::helsinki;

namespace {

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }

CaseMeeting meeting(std::int64_t id, const char* start, MeetingKind kind, Hold hold = Hold::none,
                    bool cancelled = false) {
  return {id, {at(start), at(start) + 1h}, kind, cancelled, hold};
}

const std::vector<report::Member> kTeam{{ParticipantId{"a"}, "kotihoito", ""}, {ParticipantId{"b"}, "sosiaalityö", ""}};

// A meeting of a and b in week 2026-W48 (Mon 23 Nov) or W49 (Mon 30 Nov).
MeetingRow row(std::int64_t id, const char* start, MeetingKind kind, Hold hold = Hold::none, bool cancelled = false) {
  MeetingRow m;
  m.id = id;
  m.when = {at(start), at(start) + 1h};
  m.in_hole = false;
  m.cancelled = cancelled;
  m.requested_at = at("2026-11-01T09:00");
  m.attendees = {ParticipantId{"a"}, ParticipantId{"b"}};
  m.kind = kind;
  m.hold = hold;
  return m;
}

report::Utilisation two_weeks(const std::vector<MeetingRow>& meetings) {
  return report::utilisation({2026y / November / 23, 2026y / December / 6, std::nullopt, report::GroupBy::week}, kTeam,
                             meetings, sys_days{2026y / January / 1}, std::nullopt, time::WorkRules{}, helsinki());
}

}  // namespace

TEST_CASE("the first joint meeting is the earliest fixed joint one of the case", "[report][case_figures]") {
  const std::vector<CaseMeeting> meetings{
      meeting(1, "2026-11-02T10:00", MeetingKind::mapping),
      meeting(2, "2026-11-03T10:00", MeetingKind::joint, Hold::expired),
      meeting(3, "2026-11-04T10:00", MeetingKind::joint, Hold::held),
      meeting(4, "2026-11-05T10:00", MeetingKind::joint, Hold::none, true),
      meeting(5, "2026-11-12T10:00", MeetingKind::joint),
      meeting(6, "2026-11-10T10:00", MeetingKind::joint, Hold::confirmed),
  };
  // Mapping, an expired hold, a hold still waiting and a cancelled meeting are not joint meetings that happen.
  CHECK(report::first_joint_meeting(meetings) == 6);
  CHECK(report::first_joint_meeting(std::span(meetings).first(5)) == 5);
  CHECK(report::first_joint_meeting(std::span(meetings).first(4)) == std::nullopt);
  CHECK(report::first_joint_meeting({}) == std::nullopt);
  // Two at the same time: the lower id.
  const std::vector<CaseMeeting> tie{meeting(9, "2026-11-10T10:00", MeetingKind::joint),
                                     meeting(7, "2026-11-10T10:00", MeetingKind::joint)};
  CHECK(report::first_joint_meeting(tie) == 7);
}

TEST_CASE("consent is the first move to consent_asked", "[report][case_figures]") {
  using cases::Stage;
  const std::vector<cases::StageMove> history{
      {Stage::identified, Stage::consent_asked, at("2026-11-02T10:00"), "k"},
      {Stage::consent_asked, Stage::mapping, at("2026-11-04T10:00"), "k"},
      {Stage::mapping, Stage::consent_asked, at("2026-11-06T10:00"), "k"},
  };
  CHECK(report::consent_asked_at(history) == at("2026-11-02T10:00"));
  CHECK(report::consent_asked_at(std::span(history).subspan(1)) == at("2026-11-06T10:00"));
  CHECK(report::consent_asked_at({}) == std::nullopt);
}

TEST_CASE("a day count has the count and the middle value", "[report][case_figures]") {
  CHECK(report::day_count({}) == report::DayCount{0, std::nullopt});
  CHECK(report::day_count({9, 1, 4}) == report::DayCount{3, 4.0});
  CHECK(report::day_count({9, 1, 4, 2}) == report::DayCount{4, 3.0});
}

TEST_CASE("holds count by outcome in the week of the meeting", "[report][case_figures]") {
  const auto u = two_weeks({
      row(1, "2026-11-24T10:00", MeetingKind::joint, Hold::held),
      row(2, "2026-11-24T12:00", MeetingKind::joint, Hold::confirmed),
      row(3, "2026-11-26T10:00", MeetingKind::mapping, Hold::confirmed, true),  // confirmed, then cancelled
      row(4, "2026-11-26T12:00", MeetingKind::joint, Hold::expired),
      row(5, "2026-12-01T10:00", MeetingKind::joint, Hold::expired),  // run out or released: both expired
      row(6, "2026-12-01T12:00", MeetingKind::other),                 // never held
  });
  REQUIRE(u.rows.size() == 2);
  const auto& w48 = u.rows[0].figures.cases;
  const auto& w49 = u.rows[1].figures.cases;
  CHECK(u.rows[0].key == "2026-W48");
  CHECK((w48.holds_held == 1 && w48.holds_confirmed == 2 && w48.holds_expired == 1));
  CHECK((w49.holds_held == 0 && w49.holds_confirmed == 0 && w49.holds_expired == 1));
  CHECK(u.totals.figures.cases.holds_expired == 2);
  // The held and the confirmed one are meetings; the cancelled one and the expired holds are not.
  CHECK(w48.meetings_joint == 2);
  CHECK(w48.meetings_mapping == 0);
  CHECK(u.rows[0].figures.meetings_outside_hole == 2);
  CHECK(u.rows[0].figures.cancelled == 1);
  CHECK(w49.meetings_joint == 0);
  CHECK(w49.meetings_other == 1);
  CHECK(u.rows[1].figures.meetings_outside_hole == 1);
  CHECK(u.rows[1].figures.cancelled == 0);
}

TEST_CASE("an expired hold in the hole neither books the hole nor counts as a meeting", "[report][case_figures]") {
  auto expired = row(1, "2026-11-25T14:30", MeetingKind::joint, Hold::expired);
  expired.in_hole = true;
  auto held = row(2, "2026-12-02T14:30", MeetingKind::joint, Hold::held);
  held.in_hole = true;
  const auto u = two_weeks({expired, held});
  CHECK(u.rows[0].figures.holes_booked == 0);
  CHECK(u.rows[0].figures.meetings_in_hole == 0);
  CHECK(u.rows[0].figures.days_from_request.median == std::nullopt);
  // A hold waiting for consent takes its time: the hole is booked for both.
  CHECK(u.rows[1].figures.holes_booked == 2);
  CHECK(u.rows[1].figures.meetings_in_hole == 1);
  int histogram = 0;
  for (const auto& b : u.lead_time_histogram) histogram += b.count;
  CHECK(histogram == 1);
}

TEST_CASE("meetings by kind add up to the row's meetings", "[report][case_figures]") {
  const auto u = two_weeks({
      row(1, "2026-11-23T10:00", MeetingKind::mapping),
      row(2, "2026-11-24T10:00", MeetingKind::mapping),
      row(3, "2026-11-24T12:00", MeetingKind::plan_update),
      row(4, "2026-11-25T10:00", MeetingKind::joint),
      row(5, "2026-11-26T10:00", MeetingKind::other),
      row(6, "2026-11-27T10:00", MeetingKind::plan_update, Hold::none, true),
  });
  const auto& f = u.rows[0].figures;
  CHECK(f.cases.meetings_mapping == 2);
  CHECK(f.cases.meetings_joint == 1);
  CHECK(f.cases.meetings_plan_update == 1);
  CHECK(f.cases.meetings_other == 1);
  CHECK(f.cases.meetings_mapping + f.cases.meetings_joint + f.cases.meetings_plan_update + f.cases.meetings_other ==
        f.meetings_in_hole + f.meetings_outside_hole);
}

TEST_CASE("days to the first joint meeting count per week, from identification and from consent",
          "[report][case_figures]") {
  // Case A: identified Mon 2 Nov, consent Thu 12 Nov 10:00, first joint Tue 24 Nov 10:00.
  auto a = row(1, "2026-11-24T10:00", MeetingKind::joint);
  a.identified_on = 2026y / November / 2;
  a.first_joint = true;
  a.consent_at = at("2026-11-12T10:00");
  // Case B: identified Tue 10 Nov, no consent time known, first joint Thu 26 Nov 00:00.
  auto b = row(2, "2026-11-26T00:00", MeetingKind::joint);
  b.identified_on = 2026y / November / 10;
  b.first_joint = true;
  // Case A's second joint meeting is not a first one.
  auto a2 = row(3, "2026-11-27T10:00", MeetingKind::joint);
  a2.identified_on = 2026y / November / 2;
  a2.consent_at = at("2026-11-12T10:00");
  // Case C: identified Sun 1 Nov, consent Mon 30 Nov 10:00, first joint Wed 2 Dec 22:00.
  auto c = row(4, "2026-12-02T22:00", MeetingKind::joint);
  c.identified_on = 2026y / November / 1;
  c.first_joint = true;
  c.consent_at = at("2026-11-30T10:00");

  const auto u = two_weeks({a, b, a2, c});
  const auto& w48 = u.rows[0].figures.cases;
  // From local midnight: 22 days 10 h = 22.4167, and 16 days.
  CHECK(w48.first_joint_from_identification.count == 2);
  REQUIRE(w48.first_joint_from_identification.median);
  CHECK(*w48.first_joint_from_identification.median == Approx((22 + 10.0 / 24 + 16) / 2));
  CHECK(w48.first_joint_from_consent.count == 1);
  CHECK(*w48.first_joint_from_consent.median == Approx(12.0));
  const auto& w49 = u.rows[1].figures.cases;
  CHECK(w49.first_joint_from_identification.count == 1);
  CHECK(*w49.first_joint_from_identification.median == Approx(31 + 22.0 / 24));
  CHECK(*w49.first_joint_from_consent.median == Approx(2.5));
  CHECK(u.totals.figures.cases.first_joint_from_identification.count == 3);
  CHECK(*u.totals.figures.cases.first_joint_from_identification.median == Approx(22 + 10.0 / 24));
  CHECK(u.totals.figures.cases.first_joint_from_consent.count == 2);
  // An empty week has none.
  const auto empty = two_weeks({});
  CHECK(empty.rows[0].figures.cases == report::CaseFigures{});
}
