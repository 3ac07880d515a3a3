// A joint client's case as the API answers it, whole and as a list item.
#include "../../../src/http/render/case_json.hpp"

#include "../../../src/http/handlers/case_requests.hpp"
#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

#include <regex>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

cases::Case a_case() {
  cases::Case c;
  c.id = cases::CaseId{7};
  c.ref = CaseRef{"YA-2026-0042"};
  c.coordinator = ParticipantId{"sosiaalityontekija-aalto"};
  c.identified_on = 2026y / 11 / 20;
  c.trigger = cases::Trigger::ed_frequent_visitor;
  c.segment = 3;
  c.team = {ParticipantId{"sosiaalityontekija-aalto"}, ParticipantId{"laakari-korhonen"}};
  c.stage = cases::Stage::consent_asked;
  c.participants = {{"p1", cases::ParticipantKind::client, "Asiakas", std::nullopt, {}, {}},
                    {"p2", cases::ParticipantKind::close_one, "Äiti", "aiti@example.fi", {}, {}}};
  c.history = {{cases::Stage::identified, cases::Stage::consent_asked, utc(2026y / 11 / 23, 8, 15), "Sanna Aalto"}};
  return c;
}

}  // namespace

TEST_CASE("a case is rendered with its team, participants and stage history in local time", "[http][render][cases]") {
  auto o = http::case_json(a_case(), helsinki());
  CHECK(o.at("id") == 7);
  CHECK(o.at("case_ref") == "YA-2026-0042");
  CHECK(o.at("coordinator") == "sosiaalityontekija-aalto");
  CHECK(o.at("identified_on") == "2026-11-20");
  CHECK(o.at("trigger") == "ed_frequent_visitor");
  CHECK(o.at("segment") == 3);
  CHECK(o.at("stage") == "consent_asked");
  CHECK(o.at("team") == boost::json::array{"sosiaalityontekija-aalto", "laakari-korhonen"});
  const auto& participants = o.at("participants").as_array();
  REQUIRE(participants.size() == 2);
  CHECK(participants[0].as_object().at("kind") == "client");
  CHECK(participants[1].as_object().at("label") == "Äiti");
  const auto& history = o.at("history").as_array();
  REQUIRE(history.size() == 1);
  CHECK(history[0].as_object().at("from") == "identified");
  CHECK(history[0].as_object().at("to") == "consent_asked");
  CHECK(history[0].as_object().at("at") == "2026-11-23T10:15:00+02:00");
  CHECK(history[0].as_object().at("actor") == "Sanna Aalto");
  CHECK_FALSE(o.contains("meetings"));  // the handler's to add
}

TEST_CASE("a case without a segment shows null", "[http][render][cases]") {
  auto c = a_case();
  c.segment.reset();
  CHECK(http::case_json(c, helsinki()).at("segment").is_null());
  CHECK(http::case_list_item_json(c, helsinki()).at("segment").is_null());
}

TEST_CASE("a case in a list shows its stage since the last move and its sizes", "[http][render][cases]") {
  auto o = http::case_list_item_json(a_case(), helsinki());
  CHECK(o.at("id") == 7);
  CHECK(o.at("case_ref") == "YA-2026-0042");
  CHECK(o.at("stage") == "consent_asked");
  CHECK(o.at("stage_since") == "2026-11-23T10:15:00+02:00");
  CHECK(o.at("team_size") == 2);
  CHECK(o.at("participants_count") == 2);
  CHECK_FALSE(o.contains("participants"));  // a list stays small
  CHECK_FALSE(o.contains("history"));
  auto fresh = a_case();
  fresh.history.clear();
  CHECK(http::case_list_item_json(fresh, helsinki()).at("stage_since").is_null());
}

TEST_CASE("a new case read from a body renders back with the same fields", "[http][render][cases]") {
  const std::regex pattern("[A-Za-z0-9-]*[0-9][A-Za-z0-9-]*");
  const std::string body = R"({"case_ref":"YA-2026-0042","coordinator":"sosiaalityontekija-aalto",)"
                           R"("identified_on":"2026-11-20","trigger":"no_shows","segment":2,)"
                           R"("team":["sosiaalityontekija-aalto","laakari-korhonen"]})";
  auto read = http::read_body(body, [&](http::Fields& f) { return http::read_new_case(f, pattern); });
  REQUIRE(read.has_value());
  cases::Case c;
  c.id = cases::CaseId{1};
  c.ref = read->ref;
  c.coordinator = read->coordinator;
  c.identified_on = read->identified_on;
  c.trigger = read->trigger;
  c.segment = read->segment;
  c.team = read->team;
  auto o = http::case_json(c, helsinki());
  auto sent = boost::json::parse(body).as_object();
  for (const auto& [key, value] : sent) {
    CAPTURE(std::string(key));
    CHECK(o.at(key) == value);
  }
  CHECK(o.at("stage") == "identified");
}
