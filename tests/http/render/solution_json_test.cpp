// A solve's answer as a coordinator's client reads it: value in, JSON out.
#include "../../../src/http/render/solution_json.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

service::Solution solution() {
  service::Solution s;
  s.window = {utc(2026y / 11 / 23, 7), utc(2026y / 12 / 7, 7)};
  s.required = {ParticipantId{"laakari-korhonen"}, ParticipantId{"psykologi-makela"}};
  return s;
}

}  // namespace

TEST_CASE("a slot found is rendered with its alternatives and the optional attendees", "[http][render][solve]") {
  auto s = solution();
  s.answer.chosen = solve::Slot{{utc(2026y / 11 / 25, 12, 30), utc(2026y / 11 / 25, 13, 30)}, true};
  s.answer.alternatives = {solve::Slot{{utc(2026y / 12 / 2, 12, 30), utc(2026y / 12 / 2, 13, 30)}, true}};
  s.answer.optional_busy = {ParticipantId{"kelan-asiantuntija-salo"}};
  CHECK(http::json_text(http::solution_json(s, helsinki())) ==
        R"({"start":"2026-11-25T14:30:00+02:00","end":"2026-11-25T15:30:00+02:00","in_hole":true,)"
        R"("optional_free":[],"optional_busy":["kelan-asiantuntija-salo"],"strategy":"hole-first",)"
        R"("required":["laakari-korhonen","psykologi-makela"],)"
        R"("alternatives":[{"start":"2026-12-02T14:30:00+02:00","end":"2026-12-02T15:30:00+02:00","in_hole":true}],)"
        R"("window":{"from":"2026-11-23T09:00:00+02:00","to":"2026-12-07T09:00:00+02:00"}})");
}

TEST_CASE("no slot is rendered with the reason and who has no free time", "[http][render][solve]") {
  auto s = solution();
  s.strategy = solve::Strategy::earliest;
  s.answer.reason = "no free time in working hours in the window for: laakari-korhonen";
  s.answer.without_free_time = {ParticipantId{"laakari-korhonen"}};
  auto o = http::solution_json(s, helsinki());
  CHECK(o.at("start").is_null());
  CHECK_FALSE(o.contains("end"));
  CHECK(o.at("reason") == "no free time in working hours in the window for: laakari-korhonen");
  CHECK(http::json_text(o.at("without_free_time")) == R"(["laakari-korhonen"])");
  CHECK(o.at("strategy") == "earliest");
  CHECK(o.at("alternatives").as_array().empty());
}
