#include <yhteisaika/solve/solver.hpp>

#include "solve_support.hpp"

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace yhteisaika::test;
using namespace std::chrono_literals;

namespace {

// A request for a and b needing one of `rooms`.
solve::SolveRequest needing(Circle& circle, std::vector<solve::Room> rooms, std::optional<std::size_t> headcount = {}) {
  auto request = circle.request({"a", "b"});
  request.rooms = solve::RoomNeed{std::move(rooms), headcount};
  return request;
}

}  // namespace

TEST_CASE("a remote meeting needs no room and names none", "[solve][rooms]") {
  Circle circle;
  const auto answer = run(circle.request({"a", "b"}));
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK_FALSE(answer.chosen->room);
}

TEST_CASE("the meeting takes a named room that is free for all of the slot", "[solve][rooms]") {
  Circle circle;
  circle.busy["sali-1"] = {span("2026-11-25T14:00", "2026-11-25T16:00")};
  const auto answer = run(needing(circle, {circle.room("sali-1"), circle.room("sali-2")}));
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(answer.chosen->in_hole);
  CHECK(chosen_room(answer) == "sali-2");
}

TEST_CASE("when every named room is busy in the hole, the meeting moves to the next hole", "[solve][rooms]") {
  Circle circle;
  circle.busy["sali-1"] = {span("2026-11-25T14:00", "2026-11-25T15:00")};
  circle.busy["sali-2"] = {span("2026-11-25T15:15", "2026-11-25T16:00")};
  const auto answer = run(needing(circle, {circle.room("sali-1"), circle.room("sali-2")}));
  CHECK(chosen_start(answer) == "2026-12-02T14:30:00+02:00");
  CHECK(answer.chosen->in_hole);
  CHECK(chosen_room(answer) == "sali-1");
}

TEST_CASE("a room free for only part of the slot is not taken, but fits a shorter meeting", "[solve][rooms]") {
  Circle circle;
  circle.busy["sali"] = {span("2026-11-25T15:00", "2026-11-25T15:15")};
  auto request = needing(circle, {circle.room("sali")});
  CHECK(chosen_start(run(request)) == "2026-12-02T14:30:00+02:00");
  request.duration = 30min;
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(chosen_room(answer) == "sali");
}

TEST_CASE("a room too small for the headcount is never taken, even when listed first", "[solve][rooms][capacity]") {
  Circle circle;
  const auto answer = run(needing(circle, {circle.room("pieni", 4), circle.room("iso", 8)}, 5));
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(chosen_room(answer) == "iso");
}

TEST_CASE("a room seating exactly the headcount will do", "[solve][rooms][capacity]") {
  Circle circle;
  CHECK(chosen_room(run(needing(circle, {circle.room("pieni", 5)}, 5))) == "pieni");
}

TEST_CASE("without a stated headcount a room must seat every required and optional attendee",
          "[solve][rooms][capacity]") {
  Circle circle;
  auto request = circle.request({"a", "b", "c"}, {"d", "e"});
  SECTION("four seats are too few for five") {
    request.rooms = solve::RoomNeed{{circle.room("neljä", 4), circle.room("viisi", 5)}};
    CHECK(chosen_room(run(request)) == "viisi");
  }
  SECTION("a stated headcount wins over the count") {
    request.rooms = solve::RoomNeed{{circle.room("neljä", 4), circle.room("viisi", 5)}, 3};
    CHECK(chosen_room(run(request)) == "neljä");
  }
}

TEST_CASE("when several named rooms are free, the earliest in the request's order is taken", "[solve][rooms][tie]") {
  Circle circle;
  CHECK(chosen_room(run(needing(circle, {circle.room("sali-1"), circle.room("sali-2")}))) == "sali-1");
  CHECK(chosen_room(run(needing(circle, {circle.room("sali-2"), circle.room("sali-1")}))) == "sali-2");
}

TEST_CASE("preferring the first room never makes the meeting later", "[solve][rooms][tie]") {
  // The slot is the earliest with any room free; the order only picks among
  // the rooms free for that slot.
  Circle circle;
  circle.busy["sali-1"] = {span("2026-11-25T14:30", "2026-11-25T14:45")};
  const auto answer = run(needing(circle, {circle.room("sali-1"), circle.room("sali-2")}));
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(chosen_room(answer) == "sali-2");
}

TEST_CASE("a room whose calendar cannot be read is never free", "[solve][rooms][unreadable]") {
  Circle circle;
  auto unread = circle.room("sali-1");
  unread.unreadable = true;
  SECTION("another room is taken, though later") {
    circle.busy["sali-2"] = {span("2026-11-25T14:00", "2026-11-25T16:00")};
    const auto answer = run(needing(circle, {unread, circle.room("sali-2")}));
    CHECK(chosen_start(answer) == "2026-12-02T14:30:00+02:00");
    CHECK(chosen_room(answer) == "sali-2");
  }
  SECTION("with no other room nothing fits") {
    const auto answer = run(needing(circle, {unread}));
    CHECK_FALSE(answer.chosen);
    CHECK(answer.reason == "no free room");
  }
}

TEST_CASE("a request needing a room but naming none finds nothing", "[solve][rooms]") {
  Circle circle;
  const auto answer = run(needing(circle, {}));
  CHECK_FALSE(answer.chosen);
  CHECK(answer.reason == "no free room");
}

TEST_CASE("people's busy time and the rooms' together decide the slot", "[solve][rooms]") {
  // a is busy in the first hole, the room in the second: the third hole.
  Circle circle;
  circle.busy["a"] = {span("2026-11-25T14:30", "2026-11-25T15:30")};
  circle.busy["sali"] = {span("2026-12-02T08:00", "2026-12-02T16:00")};
  auto request = needing(circle, {circle.room("sali")});
  request.window = span("2026-11-23T09:00", "2026-12-14T09:00");
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-12-09T14:30:00+02:00");
  CHECK(chosen_room(answer) == "sali");
}

TEST_CASE("each alternative names the room it would take", "[solve][rooms][alternatives]") {
  Circle circle;
  circle.busy["sali-1"] = {span("2026-12-02T14:00", "2026-12-02T16:00")};
  const auto answer = run(needing(circle, {circle.room("sali-1"), circle.room("sali-2")}));
  CHECK(chosen_room(answer) == "sali-1");
  REQUIRE_FALSE(answer.alternatives.empty());
  CHECK(show(answer.alternatives[0].time.start) == "2026-12-02T14:30:00+02:00");
  REQUIRE(answer.alternatives[0].room);
  CHECK(answer.alternatives[0].room->value == "sali-2");
}

TEST_CASE("optional attendees never move the slot, nor count against a stated headcount",
          "[solve][rooms][optional]") {
  Circle circle;
  circle.busy["opt"] = {span("2026-11-25T14:00", "2026-11-25T16:00")};
  auto request = circle.request({"a"}, {"opt"});
  request.rooms = solve::RoomNeed{{circle.room("pieni", 1)}, 1};
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(chosen_room(answer) == "pieni");
  REQUIRE(answer.optional_busy.size() == 1);
  CHECK(answer.optional_busy[0].value == "opt");
}
