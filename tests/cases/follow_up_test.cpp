#include <yhteisaika/cases/follow_up.hpp>

#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace {

using namespace std::chrono;
using namespace yhteisaika;
using namespace yhteisaika::cases;
using yhteisaika::test::helsinki;

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }
std::string show(time::Instant t) { return time::format_rfc3339(t, helsinki()); }

Case open_case() {
  Case c;
  c.ref = CaseRef{"YA-2026-0042"};
  c.coordinator = ParticipantId{"sairaanhoitaja-nieminen"};
  c.identified_on = 2026y / 11 / 20;
  c.stage = Stage::follow_up;
  return c;
}

const std::vector<MeetingDate> kMeetings{
    {MeetingKind::mapping, 2026y / 12 / 1},
    {MeetingKind::plan_update, 2027y / 2 / 10},
    {MeetingKind::joint, 2027y / 1 / 13},
    {MeetingKind::other, 2027y / 3 / 1},
};

}  // namespace

TEST_CASE("the next follow-up is due follow_up_weeks after the latest joint or plan update meeting",
          "[cases][follow-up]") {
  CHECK(next_follow_up_due(kMeetings, weeks{6}) == 2027y / 3 / 24);
  CHECK(next_follow_up_due(kMeetings, weeks{1}) == 2027y / 2 / 17);
  SECTION("a joint meeting alone starts the rhythm") {
    const std::vector<MeetingDate> joint{{MeetingKind::joint, 2027y / 1 / 13}};
    CHECK(next_follow_up_due(joint, weeks{4}) == 2027y / 2 / 10);
  }
  SECTION("mapping and other meetings do not") {
    const std::vector<MeetingDate> early{{MeetingKind::mapping, 2026y / 12 / 1}, {MeetingKind::other, 2027y / 3 / 1}};
    CHECK(next_follow_up_due(early, weeks{6}) == std::nullopt);
    CHECK(next_follow_up_due({}, weeks{6}) == std::nullopt);
  }
}

TEST_CASE("a follow-up is booked from 7 days before it is due to 7 days after", "[cases][follow-up]") {
  CHECK(follow_up_days(2027y / 3 / 24) == DateRange{2027y / 3 / 17, 2027y / 3 / 31});
  CHECK(follow_up_days(2027y / 1 / 3) == DateRange{2026y / 12 / 27, 2027y / 1 / 10});
}

TEST_CASE("the follow-up window is whole local days and starts no earlier than now", "[cases][follow-up][dst]") {
  // Clocks go forward on 2027-03-28, inside the window.
  const time::Interval w = follow_up_window(2027y / 3 / 24, at("2027-03-01T09:00"), helsinki());
  CHECK(show(w.start) == "2027-03-17T00:00:00+02:00");
  CHECK(show(w.end) == "2027-04-01T00:00:00+03:00");
  CHECK(w.length() == days{15} - hours{1});
  SECTION("from inside the window, it starts now") {
    const time::Interval late = follow_up_window(2027y / 3 / 24, at("2027-03-20T13:05"), helsinki());
    CHECK(show(late.start) == "2027-03-20T13:05:00+02:00");
    CHECK(late.end == w.end);
  }
  SECTION("past the window it is empty: the follow-up is overdue") {
    const time::Interval overdue = follow_up_window(2027y / 3 / 24, at("2027-04-02T09:00"), helsinki());
    CHECK(overdue.empty());
    CHECK(overdue.start == overdue.end);
  }
}

TEST_CASE("a case with no meeting for twice follow_up_weeks is stalled", "[cases][follow-up]") {
  const Case c = open_case();
  // The latest meeting of any kind is 2027-03-01; 2 x 4 weeks later is 2027-04-26.
  CHECK_FALSE(is_stalled(c, kMeetings, weeks{4}, 2027y / 4 / 25));
  CHECK(is_stalled(c, kMeetings, weeks{4}, 2027y / 4 / 26));
  SECTION("a meeting still to come keeps the case moving") {
    std::vector<MeetingDate> planned = kMeetings;
    planned.push_back({MeetingKind::plan_update, 2027y / 5 / 5});
    CHECK_FALSE(is_stalled(c, planned, weeks{4}, 2027y / 4 / 26));
  }
  SECTION("a case without meetings counts from the day it was identified") {
    CHECK_FALSE(is_stalled(c, {}, weeks{2}, 2026y / 12 / 17));
    CHECK(is_stalled(c, {}, weeks{2}, 2026y / 12 / 18));
  }
  SECTION("a closed case is never stalled") {
    Case closed = c;
    closed.stage = Stage::closed;
    CHECK_FALSE(is_stalled(closed, kMeetings, weeks{4}, 2030y / 1 / 1));
  }
}
