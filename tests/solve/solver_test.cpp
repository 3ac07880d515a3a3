#include <yhteisaika/solve/solver.hpp>

#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

using namespace yhteisaika;
using namespace std::chrono_literals;
using time::Interval;

namespace {

using yhteisaika::test::helsinki;

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }
Interval span(const char* from, const char* to) { return {at(from), at(to)}; }
std::string show(time::Instant t) { return time::format_rfc3339(t, helsinki()); }

// A team whose busy lists the test fills in by id.
struct Team {
  std::map<std::string, std::vector<Interval>> busy;

  solve::SolveRequest request(std::vector<std::string> required, std::vector<std::string> optional = {}) {
    solve::SolveRequest r;
    for (auto& id : required) r.required.push_back({ParticipantId{id}, busy[id]});
    for (auto& id : optional) r.optional.push_back({ParticipantId{id}, busy[id]});
    r.window = {at("2026-11-23T09:00"), at("2026-12-07T09:00")};
    return r;
  }
};

solve::SolveAnswer run(const solve::SolveRequest& r) { return solve::solve(r, time::WorkRules{}, helsinki()); }

std::string chosen_start(const solve::SolveAnswer& a) { return a.chosen ? show(a.chosen->time.start) : "none"; }

}  // namespace

TEST_CASE("hole-first books the first Wednesday hole when everyone is free", "[solve][hole]") {
  Team team;
  const auto answer = run(team.request({"a", "b"}));
  REQUIRE(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(show(answer.chosen->time.end) == "2026-11-25T15:30:00+02:00");
  CHECK(answer.chosen->in_hole);
}

TEST_CASE("a busy hole moves the meeting to next week's hole, not to an earlier free hour", "[solve][hole]") {
  Team team;
  team.busy["b"] = {span("2026-11-25T14:00", "2026-11-25T15:00")};
  const auto answer = run(team.request({"a", "b"}));
  CHECK(chosen_start(answer) == "2026-12-02T14:30:00+02:00");
  CHECK(answer.chosen->in_hole);
}

TEST_CASE("a short meeting may start at any 15-minute boundary inside the hole", "[solve][hole][grid]") {
  Team team;
  team.busy["a"] = {span("2026-11-25T14:30", "2026-11-25T14:40")};
  auto request = team.request({"a"});
  request.duration = 30min;
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-11-25T14:45:00+02:00");
  CHECK(answer.chosen->in_hole);
}

TEST_CASE("busy time that ends when the hole starts does not block it (intervals are half-open)", "[solve][interval]") {
  Team team;
  team.busy["a"] = {span("2026-11-25T13:00", "2026-11-25T14:30"), span("2026-11-25T15:30", "2026-11-25T16:00")};
  CHECK(chosen_start(run(team.request({"a"}))) == "2026-11-25T14:30:00+02:00");
}

TEST_CASE("when no hole is free in the window, hole-first falls back to the earliest working slot", "[solve][fallback]") {
  Team team;
  team.busy["a"] = {span("2026-11-25T14:30", "2026-11-25T15:30"), span("2026-12-02T14:30", "2026-12-02T15:30")};
  team.busy["b"] = {span("2026-11-23T09:00", "2026-11-23T12:00")};
  const auto answer = run(team.request({"a", "b"}));
  CHECK(chosen_start(answer) == "2026-11-23T12:00:00+02:00");
  CHECK_FALSE(answer.chosen->in_hole);
}

TEST_CASE("a meeting longer than the hole is placed in working hours", "[solve][fallback]") {
  Team team;
  auto request = team.request({"a"});
  request.duration = 90min;
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-11-23T09:00:00+02:00");
  CHECK_FALSE(answer.chosen->in_hole);
}

TEST_CASE("strategy earliest takes the earliest working slot even before a free hole", "[solve][earliest]") {
  Team team;
  auto request = team.request({"a"});
  request.strategy = solve::Strategy::earliest;
  request.window = span("2026-11-23T07:00", "2026-11-30T07:00");
  CHECK(chosen_start(run(request)) == "2026-11-23T08:00:00+02:00");
}

TEST_CASE("earliest reports in_hole when its slot happens to be inside the hole", "[solve][earliest][hole]") {
  Team team;
  team.busy["a"] = {span("2026-11-23T08:00", "2026-11-25T14:30")};
  auto request = team.request({"a"});
  request.strategy = solve::Strategy::earliest;
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  CHECK(answer.chosen->in_hole);
}

TEST_CASE("a window starting off the grid starts the meeting at the next 15-minute boundary", "[solve][grid]") {
  Team team;
  auto request = team.request({"a"});
  request.strategy = solve::Strategy::earliest;
  request.window.start = at("2026-11-23T09:07");
  CHECK(chosen_start(run(request)) == "2026-11-23T09:15:00+02:00");
}

TEST_CASE("a meeting lies wholly inside the window", "[solve][window]") {
  Team team;
  auto request = team.request({"a"});
  request.window = span("2026-11-25T15:15", "2026-11-26T08:30");  // 45 min left on each day
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "none");
}

TEST_CASE("the summer hole is 14:30 local at +03:00", "[solve][dst]") {
  Team team;
  auto request = team.request({"a"});
  request.window = span("2027-05-31T08:00", "2027-06-07T08:00");
  const auto answer = run(request);
  CHECK(chosen_start(answer) == "2027-06-02T14:30:00+03:00");
  CHECK(answer.chosen->time.start == time::Instant{std::chrono::sys_days{2027y / 6 / 2}} + 11h + 30min);
}

TEST_CASE("a holiday Wednesday has no hole and no working hours", "[solve][holiday]") {
  Team team;
  auto request = team.request({"a"});
  // Christmas Day 2030 is a Wednesday; Boxing Day follows.
  request.window = span("2030-12-24T00:00", "2030-12-27T00:00");
  CHECK(chosen_start(run(request)) == "none");
  request.window = span("2030-12-25T00:00", "2030-12-28T00:00");
  CHECK(chosen_start(run(request)) == "2030-12-27T08:00:00+02:00");
}

TEST_CASE("optional attendees never change the slot, and the answer says who of them is free", "[solve][optional]") {
  Team team;
  team.busy["opt-busy"] = {span("2026-11-25T14:00", "2026-11-25T16:00")};
  const auto answer = run(team.request({"a"}, {"opt-free", "opt-busy"}));
  CHECK(chosen_start(answer) == "2026-11-25T14:30:00+02:00");
  REQUIRE(answer.optional_free.size() == 1);
  CHECK(answer.optional_free[0].value == "opt-free");
  REQUIRE(answer.optional_busy.size() == 1);
  CHECK(answer.optional_busy[0].value == "opt-busy");
}

TEST_CASE("when nothing fits, the reason names the required attendee who alone has no time", "[solve][reason]") {
  Team team;
  team.busy["full"] = {span("2026-11-20T00:00", "2026-12-10T00:00")};
  const auto answer = run(team.request({"a", "full"}));
  CHECK_FALSE(answer.chosen);
  REQUIRE(answer.without_free_time.size() == 1);
  CHECK(answer.without_free_time[0].value == "full");
  CHECK_THAT(answer.reason, Catch::Contains("full"));
}

TEST_CASE("a window without working hours says so instead of blaming the attendees", "[solve][reason][issue-10]") {
  // A weekend or holiday window named every required attendee as having no
  // free time, though nobody could have met then.
  Team team;
  team.busy["full"] = {span("2026-11-20T00:00", "2026-12-10T00:00")};
  auto request = team.request({"a", "full"});
  SECTION("a weekend") {
    request.window = span("2026-11-28T00:00", "2026-11-30T00:00");
    const auto answer = run(request);
    CHECK_FALSE(answer.chosen);
    CHECK(answer.without_free_time.empty());
    CHECK(answer.reason == "the window holds no working hours");
  }
  SECTION("Christmas Eve to Boxing Day") {
    request.window = span("2030-12-24T00:00", "2030-12-27T00:00");
    const auto answer = run(request);
    CHECK(answer.without_free_time.empty());
    CHECK(answer.reason == "the window holds no working hours");
  }
  SECTION("working time too short for the meeting") {
    request.window = span("2026-11-25T15:15", "2026-11-26T08:30");  // 45 min left on each day
    const auto answer = run(request);
    CHECK(answer.without_free_time.empty());
    CHECK(answer.reason == "the window holds no working hours for a meeting of 60 minutes");
  }
}

TEST_CASE("the reason lists the attendees without free time comma-separated", "[solve][reason][issue-10]") {
  // The ids were separated by spaces only ("for: full-1 full-2").
  Team team;
  team.busy["full-1"] = {span("2026-11-20T00:00", "2026-12-10T00:00")};
  team.busy["full-2"] = team.busy["full-1"];
  const auto answer = run(team.request({"full-1", "a", "full-2"}));
  CHECK_FALSE(answer.chosen);
  CHECK(answer.reason == "no free time in working hours in the window for: full-1, full-2");
}

TEST_CASE("when each attendee has time but never together, the reason is no common time", "[solve][reason]") {
  Team team;
  // a is free only in the mornings, b only in the afternoons.
  for (int d = 23; d <= 30; ++d) {
    const auto day = std::chrono::sys_days{2026y / 11 / d} - 2h;  // local midnight, winter time
    team.busy["a"].push_back({day + 12h, day + 24h});
    team.busy["b"].push_back({day, day + 12h});
  }
  for (int d = 1; d <= 7; ++d) {
    const auto day = std::chrono::sys_days{2026y / 12 / d} - 2h;
    team.busy["a"].push_back({day + 12h, day + 24h});
    team.busy["b"].push_back({day, day + 12h});
  }
  team.busy["a"] = time::merge_intervals(team.busy["a"]);
  team.busy["b"] = time::merge_intervals(team.busy["b"]);
  const auto answer = run(team.request({"a", "b"}));
  CHECK_FALSE(answer.chosen);
  CHECK(answer.without_free_time.empty());
  CHECK(answer.reason == "no common time");
}

TEST_CASE("alternatives follow the strategy's order and never overlap", "[solve][alternatives]") {
  Team team;
  const auto answer = run(team.request({"a"}));
  REQUIRE(answer.alternatives.size() == 5);
  CHECK(show(answer.alternatives[0].time.start) == "2026-12-02T14:30:00+02:00");  // the next hole first
  CHECK(answer.alternatives[0].in_hole);
  CHECK(show(answer.alternatives[1].time.start) == "2026-11-23T09:00:00+02:00");  // then working hours
  std::vector<Interval> all{answer.chosen->time};
  for (const auto& s : answer.alternatives) all.push_back(s.time);
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) CHECK_FALSE(all[i].overlaps(all[j]));
}

TEST_CASE("the answer does not depend on the order of attendees or of their busy time", "[solve][invariant]") {
  Team team;
  std::mt19937 random(42);
  const std::vector<std::string> ids{"a", "b", "c", "d", "e", "f"};
  for (const auto& id : ids) {
    std::vector<Interval> raw;
    for (int i = 0; i < 40; ++i) {
      const auto start = at("2026-11-23T08:00") + std::chrono::minutes(15 * (random() % 1300));
      raw.push_back({start, start + std::chrono::minutes(15 * (1 + random() % 8))});
    }
    std::shuffle(raw.begin(), raw.end(), random);
    team.busy[id] = time::merge_intervals(raw);
  }
  const auto reference = run(team.request(ids));
  auto shuffled = ids;
  for (int round = 0; round < 10; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    const auto answer = run(team.request(shuffled));
    CHECK(answer.chosen == reference.chosen);
    CHECK(answer.alternatives == reference.alternatives);
  }
}
