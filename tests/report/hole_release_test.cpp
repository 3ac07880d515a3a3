#include <yhteisaika/report/hole_release.hpp>

#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace std::chrono;
using namespace yhteisaika;
using report::ReleaseRule;
using yhteisaika::test::helsinki;

namespace {

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }
std::string text(time::Instant t) { return time::format_rfc3339(t, helsinki()); }

}  // namespace

TEST_CASE("a hole's release deadline is the last rule time at or before its start", "[report][release]") {
  struct Case {
    const char* hole_start;
    ReleaseRule rule;
    const char* deadline;
  };
  const Case cases[] = {
      // The default: Tuesday noon, the day before the Wednesday hole.
      {"2026-11-25T14:30", ReleaseRule{}, "2026-11-24T12:00:00+02:00"},
      {"2026-11-25T14:30", ReleaseRule{Wednesday, minutes{12 * 60}}, "2026-11-25T12:00:00+02:00"},
      // A rule time after the hole's start on its own day belongs to the week before.
      {"2026-11-25T14:30", ReleaseRule{Wednesday, minutes{15 * 60}}, "2026-11-18T15:00:00+02:00"},
      {"2026-11-25T14:30", ReleaseRule{Wednesday, minutes{14 * 60 + 30}}, "2026-11-25T14:30:00+02:00"},
      {"2026-11-25T14:30", ReleaseRule{Friday, minutes{16 * 60}}, "2026-11-20T16:00:00+02:00"},
      // Summer time began on Sunday 2026-03-29: the deadline is local noon, +03:00.
      {"2026-04-01T14:30", ReleaseRule{}, "2026-03-31T12:00:00+03:00"},
      // Across the autumn change: Tuesday 2026-10-27 is already winter time.
      {"2026-10-28T14:30", ReleaseRule{Friday, minutes{12 * 60}}, "2026-10-23T12:00:00+03:00"},
  };
  for (const auto& c : cases) {
    INFO("hole " << c.hole_start);
    CHECK(text(report::release_deadline(at(c.hole_start), c.rule, helsinki())) == c.deadline);
  }
}

TEST_CASE("the last deadline passed changes only when the next deadline comes", "[report][release]") {
  const ReleaseRule rule;
  CHECK(text(report::last_release_at_or_before(at("2026-11-24T11:59"), rule, helsinki())) ==
        "2026-11-17T12:00:00+02:00");
  CHECK(text(report::last_release_at_or_before(at("2026-11-24T12:00"), rule, helsinki())) ==
        "2026-11-24T12:00:00+02:00");
  CHECK(text(report::last_release_at_or_before(at("2026-11-30T23:00"), rule, helsinki())) ==
        "2026-11-24T12:00:00+02:00");
}

TEST_CASE("a hole without the professional's meeting is released once its deadline passed", "[report][release]") {
  // Holes of 2026-11-25, 2026-12-02 and 2026-12-09; deadlines the Tuesdays before at noon.
  const time::Interval span{at("2026-11-23T00:00"), at("2026-12-14T00:00")};
  const std::vector<time::Interval> scheduled{
      {at("2026-12-02T14:30"), at("2026-12-02T15:00")},  // uses the hole of 2026-12-02
      {at("2026-11-25T14:00"), at("2026-11-25T15:00")},  // only partly in the hole: does not use it
  };
  const auto released = [&](const char* now, std::optional<ReleaseRule> rule = ReleaseRule{}) {
    std::vector<std::string> out;
    for (const auto& h : report::released_holes(span, scheduled, at(now), rule, time::WorkRules{}, helsinki())) {
      out.push_back(text(h.start));
    }
    return out;
  };
  CHECK(released("2026-11-24T11:59").empty());
  CHECK(released("2026-11-24T12:00") == std::vector<std::string>{"2026-11-25T14:30:00+02:00"});
  // 2026-12-02 is used; 2026-12-09's deadline (2026-12-08 12:00) has not come.
  CHECK(released("2026-12-08T11:00") == std::vector<std::string>{"2026-11-25T14:30:00+02:00"});
  CHECK(released("2026-12-08T12:00") ==
        std::vector<std::string>{"2026-11-25T14:30:00+02:00", "2026-12-09T14:30:00+02:00"});
  CHECK(released("2026-12-31T12:00", std::nullopt).empty());  // release switched off
}
