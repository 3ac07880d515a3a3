// The cases' handlers (src/http/handlers/cases.cpp, issue 13) reached through
// the API: what a coordinator's client reads back, and every refusal with its
// status and field.
#include "../../../src/http/handlers/cases.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

const std::string kNewCase = R"({"case_ref": "YA-2026-0042", "coordinator": "sosiaalityontekija-aalto",
  "identified_on": "2026-11-20", "trigger": "ed_frequent_visitor", "segment": 3,
  "team": ["sosiaalityontekija-aalto", "laakari-korhonen", "psykologi-makela"]})";

// Opens kNewCase (or `body`) and returns its path, /api/v1/cases/{id}.
std::string open_case(ApiFixture& api, const std::string& token, const std::string& body = kNewCase) {
  auto created = api.request(verb::post, "/api/v1/cases", body, token);
  INFO(created.body());
  REQUIRE(created.result_int() == 201);
  return std::string(created[beast_http::field::location]);
}

std::string stage_of(ApiFixture& api, const std::string& path, const std::string& token) {
  return std::string(body_of(api.get(path, {}, token)).at("stage").as_string());
}

}  // namespace

TEST_CASE("a coordinator opens a case and reads it whole, and in the list newest first", "[http][handlers][cases]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  auto created = api.request(verb::post, "/api/v1/cases", kNewCase, coordinator);
  REQUIRE(created.result_int() == 201);
  auto c = body_of(created);
  CHECK(c.at("stage") == "identified");
  CHECK(c.at("case_ref") == "YA-2026-0042");
  CHECK(c.at("trigger") == "ed_frequent_visitor");
  CHECK(c.at("segment") == 3);
  CHECK(c.at("team").as_array().size() == 3);
  CHECK(c.at("history").as_array().empty());
  const std::string path = "/api/v1/cases/" + std::to_string(c.at("id").as_int64());
  CHECK(created[beast_http::field::location] == path);

  auto one = body_of(api.get(path, {}, coordinator));
  CHECK(one.at("case_ref") == "YA-2026-0042");
  CHECK(one.at("participants").as_array().empty());
  CHECK(one.at("meetings").as_array().empty());

  // The demo bookings' cases are there too; the new one comes first.
  auto list = body_of(api.get("/api/v1/cases", {}, coordinator)).at("cases").as_array();
  REQUIRE(list.size() > 1);
  CHECK(list.at(0).at("case_ref") == "YA-2026-0042");
  CHECK(list.at(0).at("team_size") == 3);
  CHECK(list.at(0).at("stage_since").is_null());
  for (std::size_t i = 1; i < list.size(); ++i) CHECK(list[i - 1].at("id").as_int64() > list[i].at("id").as_int64());

  auto mine = body_of(api.get("/api/v1/cases?stage=identified&coordinator=sosiaalityontekija-aalto", {}, coordinator))
                  .at("cases")
                  .as_array();
  REQUIRE_FALSE(mine.empty());
  for (const auto& item : mine) {
    CHECK(item.at("coordinator") == "sosiaalityontekija-aalto");
    CHECK(item.at("stage") == "identified");
  }
  CHECK(body_of(api.get("/api/v1/cases?stage=closed", {}, coordinator)).at("cases").as_array().empty());

  // A meeting booked for the case's reference is among its meetings.
  auto booked = api.request(verb::post, "/api/v1/meetings",
                            R"({"case_ref": "YA-2026-0042", "required": ["laakari-korhonen"]})", coordinator);
  REQUIRE(booked.result_int() == 201);
  auto meetings = body_of(api.get(path, {}, coordinator)).at("meetings").as_array();
  REQUIRE(meetings.size() == 1);
  CHECK(meetings.at(0).at("id") == body_of(booked).at("id"));
}

TEST_CASE("PATCH moves a case one stage at a time or to closed, each move in its history, and a closed case takes no "
          "meetings",
          "[http][handlers][cases]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  const std::string admin = api.token(store::TokenRole::admin);
  const std::string path = open_case(api, coordinator);

  auto moved = api.request(verb::patch, path, R"({"stage": "consent_asked"})", coordinator);
  REQUIRE(moved.result_int() == 200);
  CHECK(body_of(moved).at("stage") == "consent_asked");
  api.now += std::chrono::hours{2};
  auto mapped = api.request(verb::patch, path, R"({"stage": "mapping", "segment": 4})", admin);
  REQUIRE(mapped.result_int() == 200);
  auto history = body_of(mapped).at("history").as_array();
  REQUIRE(history.size() == 2);
  CHECK(history.at(0).at("from") == "identified");
  CHECK(history.at(0).at("to") == "consent_asked");
  CHECK(history.at(0).at("at") == "2026-11-23T09:00:00+02:00");
  CHECK(history.at(0).at("actor") == "coordinator:api-test");
  CHECK(history.at(1).at("at") == "2026-11-23T11:00:00+02:00");
  CHECK(history.at(1).at("actor") == "admin:api-test");
  CHECK(body_of(mapped).at("segment") == 4);

  // A skip, a step back: 409 naming the stage, and nothing changes.
  for (const char* body : {R"({"stage": "plan_made", "segment": 1})", R"({"stage": "identified"})"}) {
    CAPTURE(body);
    auto refused = api.request(verb::patch, path, body, coordinator);
    CHECK(refused.result_int() == 409);
    CHECK(body_of(refused).at("error") == "stage_move");
    CHECK(body_of(refused).at("field") == "stage");
    CHECK(std::string(body_of(refused).at("detail").as_string()).find("team_invited or closed") != std::string::npos);
  }
  CHECK(stage_of(api, path, coordinator) == "mapping");
  CHECK(body_of(api.get(path, {}, coordinator)).at("segment") == 4);

  REQUIRE(api.request(verb::patch, path, R"({"stage": "closed"})", coordinator).result_int() == 200);
  auto reopened = api.request(verb::patch, path, R"({"stage": "follow_up"})", coordinator);
  CHECK(reopened.result_int() == 409);
  CHECK(body_of(reopened).at("error") == "stage_move");
  auto meeting = api.request(verb::post, "/api/v1/meetings",
                             R"({"case_ref": "YA-2026-0042", "required": ["laakari-korhonen"]})", coordinator);
  CHECK(meeting.result_int() == 409);
  CHECK(body_of(meeting).at("error") == "case_closed");

  // Every move is audited, by the token that made it (from the test's day on:
  // the demo cases' moves lie in the weeks before).
  auto audit = api.get("/api/v1/audit?from=2026-11-23&to=2026-12-01", {}, admin);
  REQUIRE(audit.result_int() == 200);
  std::size_t moves = 0;
  const auto entries = body_of(audit).at("entries").as_array();
  for (const auto& e : entries) moves += e.at("action") == "move_stage";
  CHECK(moves == 3);
}

TEST_CASE("a case's refusals name the field, with the status a client can act on", "[http][handlers][cases]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  const std::string path = open_case(api, coordinator);
  const auto with = [](const std::string& field, const std::string& value) {
    boost::json::object o = boost::json::parse(kNewCase).as_object();
    o["case_ref"] = "YA-2026-0043";
    o[field] = boost::json::parse(value);
    return boost::json::serialize(o);
  };
  struct Row {
    verb method;
    std::string target, body;
    unsigned status;
    std::string error, field;
  };
  auto row = GENERATE_COPY(
      Row{verb::post, "/api/v1/cases", with("coordinator", R"("nobody")"), 422, "invalid_value", "coordinator"},
      Row{verb::post, "/api/v1/cases", with("team", R"(["laakari-korhonen", "psykologi-makela", "ei-ketaan"])"), 422,
          "invalid_value", "team[2]"},
      Row{verb::post, "/api/v1/cases", with("team", R"(["laakari-korhonen", "laakari-korhonen"])"), 422,
          "invalid_value", "team[1]"},
      Row{verb::post, "/api/v1/cases", with("trigger", R"("worry")"), 422, "unknown_word", "trigger"},
      Row{verb::post, "/api/v1/cases", with("segment", "5"), 422, "invalid_value", "segment"},
      Row{verb::post, "/api/v1/cases", with("identified_on", R"("2026-02-30")"), 422, "invalid_value",
          "identified_on"},
      Row{verb::post, "/api/v1/cases", with("case_ref", R"("131052-308T")"), 422, "identity_code", "case_ref"},
      Row{verb::post, "/api/v1/cases", with("case_ref", R"("Matti Meikäläinen")"), 422, "invalid_value",
          "case_ref"},
      Row{verb::post, "/api/v1/cases", with("case_ref", R"("YA-2026-0042")"), 409, "exists", "case_ref"},
      Row{verb::post, "/api/v1/cases", with("stage", R"("mapping")"), 400, "bad_request", "stage"},
      Row{verb::post, "/api/v1/cases", R"({"case_ref": "YA-2026-0043"})", 400, "bad_request", "coordinator"},
      Row{verb::patch, path, R"({"stage": "open"})", 422, "unknown_word", "stage"},
      Row{verb::patch, path, R"({"segment": 0})", 422, "invalid_value", "segment"},
      Row{verb::patch, path, R"({"coordinator": "nobody"})", 422, "invalid_value", "coordinator"},
      Row{verb::patch, path, R"({"team": ["laakari-korhonen", "x"]})", 422, "invalid_value", "team[1]"},
      Row{verb::patch, path, R"({"case_ref": "YA-1"})", 400, "bad_request", "case_ref"},
      Row{verb::patch, path, "[]", 400, "bad_request", ""},
      Row{verb::get, "/api/v1/cases?stage=open", "", 422, "unknown_word", "stage"},
      Row{verb::get, "/api/v1/cases/abc", "", 404, "not_found", ""},
      Row{verb::get, "/api/v1/cases/0", "", 404, "not_found", ""},
      Row{verb::get, "/api/v1/cases/999", "", 404, "not_found", ""},
      Row{verb::patch, "/api/v1/cases/999", R"({"stage": "closed"})", 404, "not_found", ""});
  CAPTURE(row.target, row.body);
  auto res = api.request(row.method, row.target, row.body, coordinator);
  CHECK(res.result_int() == row.status);
  auto body = body_of(res);
  CHECK(body.at("error").as_string() == row.error);
  if (row.field.empty()) {
    CHECK_FALSE(body.contains("field"));
  } else {
    CHECK(body.at("field").as_string() == row.field);
  }
  CHECK(res.body().find("131052-308T") == std::string::npos);  // never repeated back
  CHECK(res.body().find("Meikäläinen") == std::string::npos);
}

TEST_CASE("only coordinators and admins reach the cases", "[http][handlers][cases]") {
  ApiFixture api;
  const std::string manager = api.token(store::TokenRole::manager);
  for (const auto& [method, target] : {std::pair{verb::get, "/api/v1/cases"}, std::pair{verb::post, "/api/v1/cases"},
                                       std::pair{verb::get, "/api/v1/cases/1"},
                                       std::pair{verb::patch, "/api/v1/cases/1"}}) {
    CAPTURE(target);
    CHECK(api.request(method, target, kNewCase, manager).result_int() == 403);
    CHECK(api.request(method, target, kNewCase).result_int() == 401);
  }
}

TEST_CASE("POST /api/v1/meetings keeps working for a meeting without a case: its reference becomes one",
          "[http][handlers][cases][meetings]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  auto booked = api.request(verb::post, "/api/v1/meetings",
                            R"({"case_ref": "YA-2026-0777", "required": ["psykologi-makela", "laakari-korhonen"]})",
                            coordinator);
  REQUIRE(booked.result_int() == 201);
  auto list = body_of(api.get("/api/v1/cases", {}, coordinator)).at("cases").as_array();
  REQUIRE_FALSE(list.empty());
  const auto& made = list.at(0).as_object();
  CHECK(made.at("case_ref") == "YA-2026-0777");
  CHECK(made.at("stage") == "identified");
  CHECK(made.at("coordinator") == "psykologi-makela");  // its first required attendee
  CHECK(made.at("identified_on") == "2026-11-23");      // the day it was booked
  auto one = body_of(api.get("/api/v1/cases/" + std::to_string(made.at("id").as_int64()), {}, coordinator));
  REQUIRE(one.at("meetings").as_array().size() == 1);
  CHECK(one.at("meetings").as_array().at(0).at("id") == body_of(booked).at("id"));
}

TEST_CASE("the service erases the contact data that fell due while it was down when it opens",
          "[http][handlers][cases][retention]") {
  std::shared_ptr<store::MemoryDatabase> database;
  std::string path;
  {
    ApiFixture before;
    database = before.database;
    before.now -= std::chrono::days{200};
    const std::string coordinator = before.token(store::TokenRole::coordinator);
    path = open_case(before, coordinator);
    REQUIRE(before.request(verb::post, path + "/participants",
                           R"({"kind": "close_one", "label": "Äiti", "email": "aiti@example.fi"})", coordinator)
                .result_int() == 201);
    REQUIRE(before.request(verb::patch, path, R"({"stage": "closed"})", coordinator).result_int() == 200);
    auto kept = body_of(before.get(path, {}, coordinator)).at("participants").as_array();
    CHECK(kept.at(0).at("email") == "aiti@example.fi");
  }
  service::Seams seams;
  seams.open_store = test::memory_store_of(database);
  ApiFixture after(std::move(seams));  // 200 days on: past the default 180
  const std::string coordinator = after.token(store::TokenRole::coordinator);
  auto erased = body_of(after.get(path, {}, coordinator)).at("participants").as_array();
  REQUIRE(erased.size() == 1);
  CHECK(erased.at(0).at("email").is_null());
  CHECK(erased.at(0).at("label") == "Äiti");
}
