// The managers' figures as CSV (RFC 4180), from hand-built figures.
#include "../../src/http/csv.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace std::chrono;
using namespace yhteisaika;

namespace {

report::FigureRow figure_row(std::string key, std::string label, std::optional<report::WeekStatus> status,
                             report::Figures f) {
  return {std::move(key), std::move(label), std::nullopt, status, f};
}

report::Figures holes(int available, int booked, int released, int open, int unused) {
  report::Figures f;
  f.holes_available = available;
  f.holes_booked = booked;
  f.holes_released = released;
  f.holes_open = open;
  f.holes_unused = unused;
  f.utilisation_percent = available == 0 ? 0.0 : 100.0 * booked / available;
  return f;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = text.find("\r\n", at);
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

}  // namespace

TEST_CASE("the CSV carries each week's status, the open and unused holes, and the past, current and future totals",
          "[http][csv][issue-10]") {
  // The CSV had no column for holes neither booked nor released, nor any row of
  // finished weeks alone, so its totals did not add up and mixed future weeks in.
  report::Utilisation u;
  auto w48 = figure_row("2026-W48", "2026-W48", report::WeekStatus::past, holes(10, 7, 3, 0, 0));
  w48.week_start = 2026y / November / 23;
  auto w49 = figure_row("2026-W49", "2026-W49", report::WeekStatus::current, holes(10, 2, 0, 8, 0));
  w49.week_start = 2026y / November / 30;
  u.rows = {w48, w49};
  u.totals = figure_row("total", "Yhteensä", std::nullopt, holes(20, 9, 3, 8, 0));
  u.past = figure_row("past", "Päättyneet viikot", report::WeekStatus::past, holes(10, 7, 3, 0, 0));
  u.current = figure_row("current", "Kuluva viikko", report::WeekStatus::current, holes(10, 2, 0, 8, 0));
  u.future = figure_row("future", "Tulevat viikot", report::WeekStatus::future, holes(0, 0, 0, 0, 0));

  const auto got = lines(http::utilisation_csv(u, report::GroupBy::week));
  REQUIRE(got.size() == 7);
  CHECK(got[0].starts_with("key,label,week_start,week_status,holes_available,holes_booked,holes_released,holes_open,"
                           "holes_unused,utilisation_percent,"));
  CHECK(got[1].starts_with("2026-W48,2026-W48,2026-11-23,past,10,7,3,0,0,70,"));
  CHECK(got[2].starts_with("2026-W49,2026-W49,2026-11-30,current,10,2,0,8,0,20,"));
  CHECK(got[3].starts_with("total,Yhteensä,,,20,9,3,8,0,45,"));
  CHECK(got[4].starts_with("past,Päättyneet viikot,,past,10,7,3,0,0,70,"));
  CHECK(got[5].starts_with("current,Kuluva viikko,,current,10,2,0,8,0,20,"));
  CHECK(got[6].starts_with("future,Tulevat viikot,,future,0,0,0,0,0,0,"));

  SECTION("by unit there is no week_start, but the week_status column stays for the last three rows") {
    u.rows = {figure_row("kotihoito", "kotihoito", std::nullopt, holes(20, 9, 3, 8, 0))};
    const auto units = lines(http::utilisation_csv(u, report::GroupBy::unit));
    REQUIRE(units.size() == 6);
    CHECK(units[0].starts_with("key,label,week_status,holes_available,"));
    CHECK(units[1].starts_with("kotihoito,kotihoito,,20,9,3,8,0,45,"));
    CHECK(units[3].starts_with("past,Päättyneet viikot,past,10,"));
  }
}

TEST_CASE("the case's figures are columns after every older one", "[http][csv][figures][issue-13]") {
  report::Utilisation u;
  auto w48 = figure_row("2026-W48", "2026-W48", report::WeekStatus::past, holes(10, 7, 3, 0, 0));
  w48.week_start = 2026y / November / 23;
  auto& c = w48.figures.cases;
  c.holds_held = 1;
  c.holds_confirmed = 2;
  c.holds_expired = 3;
  c.meetings_mapping = 4;
  c.meetings_joint = 5;
  c.meetings_plan_update = 6;
  c.meetings_other = 7;
  c.first_joint_from_identification = {2, 22.416666};
  c.first_joint_from_consent = {0, std::nullopt};
  u.rows = {w48};
  const auto got = lines(http::utilisation_csv(u, report::GroupBy::week));
  REQUIRE(got.size() == 6);
  // The older columns keep their places: the case's come last.
  CHECK(got[0] ==
        "key,label,week_start,week_status,holes_available,holes_booked,holes_released,holes_open,holes_unused,"
        "utilisation_percent,meetings_in_hole,meetings_outside_hole,cancelled,rescheduled,"
        "days_from_request_median,days_from_request_p90,days_from_request_within_7_percent,"
        "days_from_request_within_14_percent,days_from_identification_median,days_from_identification_p90,"
        "days_from_identification_within_7_percent,days_from_identification_within_14_percent,"
        "holds_held,holds_confirmed,holds_expired,meetings_mapping,meetings_joint,meetings_plan_update,"
        "meetings_other,first_joint_from_identification_count,first_joint_from_identification_median_days,"
        "first_joint_from_consent_count,first_joint_from_consent_median_days");
  CHECK(got[1].ends_with(",1,2,3,4,5,6,7,2,22.42,0,"));
  CHECK(got[2].ends_with(",0,0,0,0,0,0,0,0,,0,"));  // the totals: nothing counted
}
