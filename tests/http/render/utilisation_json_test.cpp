// The managers' figures as a client reads them: value in, JSON out.
#include "../../../src/http/render/utilisation_json.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono;

namespace {

report::FigureRow row(std::string key, double percent) {
  report::FigureRow r;
  r.key = key;
  r.label = key;
  r.figures.holes_available = 3;
  r.figures.holes_booked = 2;
  r.figures.holes_open = 1;
  r.figures.utilisation_percent = percent;
  r.figures.days_from_request.median = 5.625;
  r.figures.days_from_request.within_7_percent = 100;
  return r;
}

}  // namespace

TEST_CASE("the figures are rendered with their weeks, rows and totals, to two decimals", "[http][render][figures]") {
  report::Utilisation figures;
  figures.first_week = {2026y, 48};
  figures.last_week = {2026y, 49};
  figures.first_day = 2026y / 11 / 23;
  figures.last_day = 2026y / 12 / 6;
  figures.units = {"Terveysasema"};
  auto week = row("2026-W48", 200.0 / 3);
  week.week_start = 2026y / 11 / 23;
  week.week_status = report::WeekStatus::current;
  figures.rows = {week};
  figures.totals = row("total", 100);
  figures.lead_time_histogram = {{"0–7 pv", 0, 7, 1}, {"28+ pv", 28, std::nullopt, 0}};
  const report::Period period{2026y / 11 / 25, 2026y / 12 / 1, std::nullopt, report::GroupBy::week};

  auto o = http::utilisation_json(period, figures);
  CHECK(o.at("from") == "2026-11-25");
  CHECK(o.at("to") == "2026-12-01");
  CHECK(http::json_text(o.at("weeks")) ==
        R"({"first":"2026-W48","last":"2026-W49","first_day":"2026-11-23","last_day":"2026-12-06"})");
  CHECK(o.at("unit").is_null());
  CHECK(o.at("group_by") == "week");
  CHECK(http::json_text(o.at("units")) == R"(["Terveysasema"])");
  const auto& r = o.at("rows").as_array().at(0).as_object();
  CHECK(r.at("week_start") == "2026-11-23");
  CHECK(r.at("week_status") == "current");
  CHECK(r.at("holes_available") == 3);
  CHECK(r.at("holes_booked") == 2);
  CHECK(r.at("holes_open") == 1);
  CHECK(http::json_text(r.at("utilisation_percent")) == "66.67");  // not 66.66666666666667
  CHECK(http::json_text(r.at("days_from_request")) ==
        R"({"median":5.63,"p90":null,"within_7_percent":100,"within_14_percent":null})");
  const auto& totals = o.at("totals").as_object();
  CHECK_FALSE(totals.contains("week_start"));  // only week rows have one
  CHECK(http::json_text(totals.at("utilisation_percent")) == "100");
  CHECK(o.at("by_week_status").as_object().contains("future"));
  CHECK(http::json_text(o.at("lead_time_histogram")) ==
        R"([{"label":"0–7 pv","from_days":0,"count":1,"to_days":7},)"
        R"({"label":"28+ pv","from_days":28,"count":0,"to_days":null}])");

  SECTION("a unit and another grouping are named") {
    const report::Period by_unit{2026y / 11 / 25, 2026y / 12 / 1, "Terveysasema", report::GroupBy::unit};
    auto u = http::utilisation_json(by_unit, figures);
    CHECK(u.at("unit") == "Terveysasema");
    CHECK(u.at("group_by") == "unit");
  }
}

TEST_CASE("every row carries the case's figures: holds, meetings by kind, days to the first joint meeting",
          "[http][render][figures][issue-13]") {
  report::Utilisation figures;
  auto week = row("2026-W48", 50);
  auto& c = week.figures.cases;
  c.holds_held = 1;
  c.holds_confirmed = 2;
  c.holds_expired = 3;
  c.meetings_mapping = 4;
  c.meetings_joint = 5;
  c.meetings_plan_update = 6;
  c.meetings_other = 7;
  c.first_joint_from_identification = {2, 22.416666};
  figures.rows = {week};
  const report::Period period{2026y / 11 / 23, 2026y / 11 / 29, std::nullopt, report::GroupBy::week};
  auto o = http::utilisation_json(period, figures);
  const auto& r = o.at("rows").as_array().at(0).as_object();
  CHECK(r.at("holds_held") == 1);
  CHECK(r.at("holds_confirmed") == 2);
  CHECK(r.at("holds_expired") == 3);
  CHECK(http::json_text(r.at("meetings_by_kind")) == R"({"mapping":4,"joint":5,"plan_update":6,"other":7})");
  CHECK(http::json_text(r.at("first_joint_from_identification")) == R"({"count":2,"median_days":22.42})");
  CHECK(http::json_text(r.at("first_joint_from_consent")) == R"({"count":0,"median_days":null})");
  CHECK(o.at("totals").as_object().at("holds_held") == 0);
}
