#include <yhteisaika/cases/participant_busy.hpp>

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;
using namespace yhteisaika;
using cases::day_set;
using cases::Participant;
using cases::WeeklyWindow;
using time::Interval;
using yhteisaika::test::helsinki;

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }
Interval span(const char* from, const char* to) { return {at(from), at(to)}; }

// Intervals as "from/to" in RFC 3339 with Helsinki's offset of the time, so a
// failure shows the wall clock and the DST offset at once.
std::vector<std::string> shown(const std::vector<Interval>& intervals) {
  std::vector<std::string> out;
  for (const Interval& i : intervals) {
    out.push_back(time::format_rfc3339(i.start, helsinki()) + "/" + time::format_rfc3339(i.end, helsinki()));
  }
  return out;
}

Participant with_windows(std::vector<WeeklyWindow> windows, std::vector<Interval> unavailable = {}) {
  Participant p;
  p.id = "p1";
  p.kind = cases::ParticipantKind::close_one;
  p.label = "Äiti";
  p.availability = std::move(windows);
  p.unavailable = std::move(unavailable);
  return p;
}

WeeklyWindow window(cases::DaySet days, int from_h, int from_m, int to_h, int to_m) {
  return {days, hours{from_h} + minutes{from_m}, hours{to_h} + minutes{to_m}};
}

std::vector<Interval> busy(const Participant& p, Interval w) { return cases::participant_busy(p, w, helsinki()); }

}  // namespace

TEST_CASE("a participant with no windows and no unavailable spans is never busy", "[cases][busy]") {
  const Participant p = with_windows({});
  CHECK(busy(p, span("2026-12-07T00:00", "2026-12-21T00:00")).empty());
}

TEST_CASE("weekly windows leave the rest of the window busy", "[cases][busy]") {
  const Participant p = with_windows({window(day_set({Tuesday, Thursday}), 12, 0, 16, 0)});
  CHECK(shown(busy(p, span("2026-12-07T00:00", "2026-12-14T00:00"))) ==
        std::vector<std::string>{
            "2026-12-07T00:00:00+02:00/2026-12-08T12:00:00+02:00",
            "2026-12-08T16:00:00+02:00/2026-12-10T12:00:00+02:00",
            "2026-12-10T16:00:00+02:00/2026-12-14T00:00:00+02:00",
        });
  SECTION("a window that starts inside a day's window keeps only what follows") {
    CHECK(shown(busy(p, span("2026-12-08T13:00", "2026-12-08T18:00"))) ==
          std::vector<std::string>{"2026-12-08T16:00:00+02:00/2026-12-08T18:00:00+02:00"});
  }
  SECTION("an empty window has no busy time") { CHECK(busy(p, span("2026-12-08T13:00", "2026-12-08T13:00")).empty()); }
}

TEST_CASE("a weekly window is the same wall-clock time in the week clocks go forward", "[cases][busy][dst]") {
  // Helsinki moves from +02:00 to +03:00 on Sunday 2026-03-29 at 03:00.
  const Participant p = with_windows({window(day_set({Tuesday}), 12, 0, 16, 0)});
  const auto b = busy(p, span("2026-03-23T00:00", "2026-04-06T00:00"));
  CHECK(shown(b) == std::vector<std::string>{
                        "2026-03-23T00:00:00+02:00/2026-03-24T12:00:00+02:00",
                        "2026-03-24T16:00:00+02:00/2026-03-31T12:00:00+03:00",
                        "2026-03-31T16:00:00+03:00/2026-04-06T00:00:00+03:00",
                    });
  REQUIRE(b.size() == 3);
  // Four hours open on each Tuesday, whatever the offset.
  CHECK(b[1].start - b[0].end == hours{4});
  CHECK(b[2].start - b[1].end == hours{4});
}

TEST_CASE("a weekly window is the same wall-clock time in the week clocks go back", "[cases][busy][dst]") {
  // Helsinki moves from +03:00 to +02:00 on Sunday 2026-10-25 at 04:00.
  const Participant p = with_windows({window(day_set({Tuesday}), 12, 0, 16, 0)});
  CHECK(shown(busy(p, span("2026-10-19T00:00", "2026-11-02T00:00"))) ==
        std::vector<std::string>{
            "2026-10-19T00:00:00+03:00/2026-10-20T12:00:00+03:00",
            "2026-10-20T16:00:00+03:00/2026-10-27T12:00:00+02:00",
            "2026-10-27T16:00:00+02:00/2026-11-02T00:00:00+02:00",
        });
}

TEST_CASE("a whole-day window on the DST days is the local day, 23 or 25 hours long", "[cases][busy][dst]") {
  const Participant sunday = with_windows({window(day_set({Sunday}), 0, 0, 24, 0)});
  SECTION("the autumn Sunday has 25 hours") {
    const auto b = busy(sunday, span("2026-10-24T00:00", "2026-10-27T00:00"));
    REQUIRE(b.size() == 2);
    CHECK(b[1].start - b[0].end == hours{25});
  }
  SECTION("the spring Sunday has 23 hours") {
    const auto b = busy(sunday, span("2026-03-28T00:00", "2026-03-31T00:00"));
    REQUIRE(b.size() == 2);
    CHECK(b[1].start - b[0].end == hours{23});
  }
  SECTION("a window edge in the spring gap moves forward by the gap") {
    // 03:00-05:00 on 2026-03-29: 03:00 does not exist and reads as 04:00 +03:00.
    const Participant early = with_windows({window(day_set({Sunday}), 3, 0, 5, 0)});
    const auto b = busy(early, span("2026-03-29T00:00", "2026-03-30T00:00"));
    CHECK(shown(b) == std::vector<std::string>{
                          "2026-03-29T00:00:00+02:00/2026-03-29T04:00:00+03:00",
                          "2026-03-29T05:00:00+03:00/2026-03-30T00:00:00+03:00",
                      });
  }
}

TEST_CASE("unavailable spans join the windows' busy time, clipped, sorted and merged whatever their order",
          "[cases][busy]") {
  std::vector<Interval> unavailable{
      span("2026-12-10T00:00", "2026-12-12T00:00"),  // over Thursday's window
      span("2026-12-01T00:00", "2026-12-07T09:00"),  // starts before the window
      span("2026-12-08T13:00", "2026-12-08T14:00"),  // inside Tuesday's window
      span("2026-12-08T13:30", "2026-12-08T14:30"),  // overlaps the one before
      span("2026-12-20T00:00", "2026-12-24T00:00"),  // after the window
  };
  const std::vector<std::string> expected{
      "2026-12-07T00:00:00+02:00/2026-12-08T12:00:00+02:00",
      "2026-12-08T13:00:00+02:00/2026-12-08T14:30:00+02:00",
      "2026-12-08T16:00:00+02:00/2026-12-14T00:00:00+02:00",
  };
  std::mt19937 shuffle_with(13);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(unavailable.begin(), unavailable.end(), shuffle_with);
    const Participant p = with_windows(
        {window(day_set({Thursday}), 12, 0, 16, 0), window(day_set({Tuesday}), 12, 0, 16, 0)}, unavailable);
    const auto b = busy(p, span("2026-12-07T00:00", "2026-12-14T00:00"));
    CHECK(shown(b) == expected);
    CHECK(b == time::merge_intervals(b));
  }
  SECTION("without windows only the unavailable spans are busy") {
    const Participant p = with_windows({}, unavailable);
    CHECK(shown(busy(p, span("2026-12-07T00:00", "2026-12-14T00:00"))) ==
          std::vector<std::string>{
              "2026-12-07T00:00:00+02:00/2026-12-07T09:00:00+02:00",
              "2026-12-08T13:00:00+02:00/2026-12-08T14:30:00+02:00",
              "2026-12-10T00:00:00+02:00/2026-12-12T00:00:00+02:00",
          });
  }
}

TEST_CASE("the solver given a participant's busy time books inside their window", "[cases][busy][solve]") {
  // The same shape as a professional's busy list: the solver needs nothing else.
  const Participant p = with_windows({window(day_set({Tuesday}), 12, 0, 16, 0)});
  const Interval w = span("2026-03-23T09:00", "2026-04-06T09:00");
  const auto b = busy(p, w);
  solve::SolveRequest request;
  request.required.push_back({ParticipantId{"p1"}, b});
  request.window = w;
  request.duration = minutes{60};
  const auto answer = solve::solve(request, time::WorkRules{}, helsinki());
  REQUIRE(answer.chosen);
  CHECK(time::format_rfc3339(answer.chosen->time.start, helsinki()) == "2026-03-24T12:00:00+02:00");
}

TEST_CASE("a participant whose windows leave no slot is named by label", "[cases][busy][no-slot]") {
  const time::WorkRules rules;
  const Interval two_weeks = span("2026-12-07T08:00", "2026-12-21T08:00");
  const auto has_slot = [&](const Participant& p, Interval w, int minutes_) {
    return cases::has_slot_alone(p, w, minutes{minutes_}, rules, helsinki());
  };

  SECTION("windows in working hours leave a slot, weekend-only windows none") {
    CHECK(has_slot(with_windows({window(day_set({Tuesday}), 12, 0, 16, 0)}), two_weeks, 60));
    CHECK_FALSE(has_slot(with_windows({window(day_set({Saturday, Sunday}), 8, 0, 16, 0)}), two_weeks, 60));
    CHECK(has_slot(with_windows({}), two_weeks, 60));
  }
  SECTION("a window shorter than the meeting leaves none") {
    const Participant half_hour = with_windows({window(day_set({Tuesday}), 15, 30, 16, 0)});
    CHECK_FALSE(has_slot(half_hour, two_weeks, 60));
    CHECK(has_slot(half_hour, two_weeks, 30));
  }
  SECTION("working hours cut the window: 15:00-18:00 holds one hour up to 16:00") {
    const Participant evening = with_windows({window(day_set({Monday}), 15, 0, 18, 0)});
    CHECK(has_slot(evening, two_weeks, 60));
    CHECK_FALSE(has_slot(evening, two_weeks, 75));
  }
  SECTION("a slot starts on the grid after an unavailable span") {
    // Tuesday 12:00-14:00, unavailable until `until` and from 13:25: 65 minutes
    // from 12:20 hold no hour that starts on the grid.
    const auto one_tuesday = [](const char* until) {
      return with_windows({window(day_set({Tuesday}), 12, 0, 14, 0)},
                          {Interval{at("2026-12-08T00:00"), at(until)}, span("2026-12-08T13:25", "2026-12-08T14:00")});
    };
    const Interval tuesday = span("2026-12-08T08:00", "2026-12-08T16:00");
    CHECK(has_slot(one_tuesday("2026-12-08T12:10"), tuesday, 60));        // 12:15-13:15
    CHECK_FALSE(has_slot(one_tuesday("2026-12-08T12:20"), tuesday, 60));  // 12:30-13:30 ends too late
  }
  SECTION("a holiday is no working time: Thursday-only in Christmas week leaves none") {
    const Interval christmas_week = span("2026-12-21T08:00", "2026-12-28T08:00");
    const std::vector<Participant> required{
        with_windows({window(day_set({Thursday}), 8, 0, 16, 0)}),  // 24.12 is Christmas Eve
        with_windows({window(day_set({Tuesday}), 8, 0, 16, 0)}),
    };
    std::vector<Participant> named = required;
    named[0].label = "Isä";
    named[1].label = "Järjestötyöntekijä";
    CHECK(cases::labels_without_slot(named, christmas_week, minutes{60}, rules, helsinki()) ==
          std::vector<std::string>{"Isä"});
  }
  SECTION("every participant without a slot is named, in the order given") {
    std::vector<Participant> required{with_windows({window(day_set({Saturday}), 10, 0, 12, 0)}),
                                      with_windows({window(day_set({Tuesday}), 12, 0, 16, 0)}),
                                      with_windows({}, {two_weeks})};
    required[0].label = "Asiakas";
    required[1].label = "Äiti";
    required[2].label = "Poliisi";
    CHECK(cases::labels_without_slot(required, two_weeks, minutes{60}, rules, helsinki()) ==
          std::vector<std::string>{"Asiakas", "Poliisi"});
  }
  SECTION("a window without working time names nobody") {
    std::vector<Participant> required{with_windows({window(day_set({Saturday}), 10, 0, 12, 0)})};
    CHECK(cases::labels_without_slot(required, span("2026-12-12T00:00", "2026-12-14T00:00"), minutes{60}, rules,
                                     helsinki())
              .empty());
  }
}

TEST_CASE("has_slot_alone agrees with the solver in the DST weeks", "[cases][busy][no-slot][dst]") {
  const time::WorkRules rules;
  const std::vector<Participant> people{
      with_windows({window(day_set({Monday}), 8, 0, 9, 0)}),
      with_windows({window(day_set({Monday}), 8, 0, 8, 45)}),
      with_windows({window(day_set({Sunday}), 0, 0, 24, 0)}),
      with_windows({window(day_set({Wednesday}), 15, 30, 17, 0)}),
      with_windows({window(day_set({Friday}), 15, 0, 16, 0)}, {span("2026-03-27T15:10", "2026-03-27T15:20")}),
      with_windows({window(day_set({Friday}), 15, 0, 16, 0)}, {span("2026-10-30T15:00", "2026-10-30T15:05")}),
      // 50 minutes from 15:05 to 15:55 hold no 45 that start on the grid.
      with_windows({window(day_set({Friday}), 15, 0, 16, 0)},
                   {span("2026-03-27T15:00", "2026-03-27T15:05"), span("2026-03-27T15:55", "2026-03-27T16:00"),
                    span("2026-10-30T15:00", "2026-10-30T15:05"), span("2026-10-30T15:55", "2026-10-30T16:00")}),
      with_windows({}, {span("2026-03-25T00:00", "2026-04-08T00:00")}),
  };
  const Interval spring_week = span("2026-03-25T00:00", "2026-04-01T00:00");
  const Interval autumn_week = span("2026-10-22T00:00", "2026-10-31T00:00");
  for (const Interval w : {spring_week, autumn_week}) {
    for (const int length : {30, 45, 60}) {
      for (std::size_t i = 0; i < people.size(); ++i) {
        CAPTURE(i, length, time::format_rfc3339(w.start, helsinki()));
        const auto b = busy(people[i], w);
        solve::SolveRequest request;
        request.required.push_back({ParticipantId{"p"}, b});
        request.window = w;
        request.duration = minutes{length};
        const bool solver_finds = solve::solve(request, rules, helsinki()).chosen.has_value();
        CHECK(cases::has_slot_alone(people[i], w, minutes{length}, rules, helsinki()) == solver_finds);
      }
    }
  }
}
