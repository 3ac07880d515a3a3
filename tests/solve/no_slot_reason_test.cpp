// The no-slot reason names what rules the window out, in the order of
// docs/scheduling-rules.md: a required professional with no free time, a
// required participant whose windows leave none, no free room, no common time.

#include <yhteisaika/solve/solver.hpp>

#include "solve_support.hpp"

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace yhteisaika::test;
using namespace std::chrono_literals;

namespace {

const time::Interval kAround{at("2026-11-22T00:00"), at("2026-12-08T00:00")};

std::vector<std::string> ids(const std::vector<ParticipantId>& list) {
  std::vector<std::string> out;
  for (const auto& id : list) out.push_back(id.value);
  return out;
}

// A circle with a professional who is always busy, a participant free only on
// Saturdays, and a room that is always busy, each to be asked for or not.
Circle blocked_circle() {
  Circle circle;
  circle.busy["full"] = {kAround};
  circle.labels["p1"] = "Äiti";
  circle.busy["p1"] = outside_windows(kAround, {6}, 10h, 14h);
  circle.labels["p2"] = "Isä";
  circle.busy["p2"] = circle.busy["p1"];
  circle.busy["sali"] = {kAround};
  return circle;
}

}  // namespace

TEST_CASE("a required professional with no free time is named first", "[solve][reason][participants]") {
  Circle circle = blocked_circle();
  auto request = circle.request({"p1", "a", "full"});
  request.rooms = solve::RoomNeed{{circle.room("sali")}};
  const auto answer = run(request);
  CHECK_FALSE(answer.chosen);
  CHECK(answer.reason == "no free time in working hours in the window for: full");
  CHECK(ids(answer.without_free_time) == std::vector<std::string>{"p1", "full"});
}

TEST_CASE("else a required participant whose windows leave no time is named by label",
          "[solve][reason][participants]") {
  Circle circle = blocked_circle();
  auto request = circle.request({"p1", "a", "p2"});
  request.rooms = solve::RoomNeed{{circle.room("sali")}};
  const auto answer = run(request);
  CHECK_FALSE(answer.chosen);
  CHECK(answer.reason == "no working time within their stated availability in the window for: Äiti, Isä");
  CHECK(ids(answer.without_free_time) == std::vector<std::string>{"p1", "p2"});
}

TEST_CASE("a participant without a label is named by id", "[solve][reason][participants]") {
  Circle circle = blocked_circle();
  circle.labels["p1"] = "";
  const auto answer = run(circle.request({"a", "p1"}));
  CHECK(answer.reason == "no working time within their stated availability in the window for: p1");
}

TEST_CASE("else, when everyone has time but no named room is free, the reason is no free room",
          "[solve][reason][rooms]") {
  Circle circle = blocked_circle();
  auto request = circle.request({"a", "b"});
  SECTION("the room is always busy") {
    request.rooms = solve::RoomNeed{{circle.room("sali")}};
  }
  SECTION("the free room is too small") {
    request.rooms = solve::RoomNeed{{circle.room("sali"), circle.room("koppi", 1)}};
  }
  const auto answer = run(request);
  CHECK_FALSE(answer.chosen);
  CHECK(answer.reason == "no free room");
  CHECK(answer.without_free_time.empty());
}

TEST_CASE("else, when the people and a room each have time but never together, the reason is no common time",
          "[solve][reason][rooms]") {
  Circle circle;
  circle.labels["p1"] = "Asiakas";
  circle.busy["p1"] = outside_windows(kAround, {1, 2, 3, 4, 5}, 8h, 12h);  // mornings only
  circle.busy["sali"] = outside_windows(kAround, {1, 2, 3, 4, 5}, 12h, 16h);  // afternoons only
  auto request = circle.request({"a", "p1"});
  request.rooms = solve::RoomNeed{{circle.room("sali")}};
  const auto answer = run(request);
  CHECK_FALSE(answer.chosen);
  CHECK(answer.reason == "no common time");
  CHECK(answer.without_free_time.empty());
}

TEST_CASE("a window without working hours is said before anyone or any room is blamed", "[solve][reason][rooms]") {
  Circle circle = blocked_circle();
  auto request = circle.request({"full", "p1"});
  request.rooms = solve::RoomNeed{{circle.room("sali")}};
  request.window = span("2026-11-28T00:00", "2026-11-30T00:00");
  const auto answer = run(request);
  CHECK(answer.reason == "the window holds no working hours");
  CHECK(answer.without_free_time.empty());
}
