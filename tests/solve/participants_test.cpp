#include <yhteisaika/solve/solver.hpp>

#include "solve_support.hpp"

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace yhteisaika::test;
using namespace std::chrono_literals;

namespace {

// The window of Circle::request, widened by a day on each side.
const time::Interval kAround{at("2026-11-22T00:00"), at("2026-12-08T00:00")};

}  // namespace

TEST_CASE("a participant's windows ruling out the hole move the meeting to the next free time",
          "[solve][participants]") {
  Circle circle;
  circle.labels["p1"] = "Äiti";
  circle.busy["p1"] = outside_windows(kAround, {2, 4}, 12h, 16h);  // tue and thu 12:00-16:00
  circle.busy["a"] = {span("2026-11-24T12:00", "2026-11-24T13:00")};
  const auto answer = run(circle.request({"a", "p1"}));
  CHECK(chosen_start(answer) == "2026-11-24T13:00:00+02:00");
  CHECK_FALSE(answer.chosen->in_hole);
}

TEST_CASE("a participant's window inside the hole keeps a short meeting in the hole", "[solve][participants]") {
  Circle circle;
  circle.labels["p1"] = "Asiakas";
  circle.busy["p1"] = outside_windows(kAround, {3}, 15h, 16h);  // wed 15:00-16:00
  auto request = circle.request({"a", "p1"});
  request.duration = 30min;
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-11-25T15:00:00+02:00");
  CHECK(answer.chosen->in_hole);
}

TEST_CASE("an optional participant's windows never move the slot", "[solve][participants][optional]") {
  Circle circle;
  circle.labels["p2"] = "Isä";
  circle.busy["p2"] = outside_windows(kAround, {1}, 8h, 12h);
  const auto answer = run(circle.request({"a"}, {"p2"}));
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  REQUIRE(answer.optional_busy.size() == 1);
  CHECK(answer.optional_busy[0].value == "p2");
}
