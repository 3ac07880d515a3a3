// The coordinators' handlers (src/http/handlers/meetings.cpp) reached through
// the API: what a coordinator's client reads back.
#include "../../../src/http/handlers/meetings.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

const std::string kTeam =
    R"("required": ["sosiaalityontekija-aalto", "laakari-korhonen", "psykologi-makela"], "duration_minutes": 60)";

}  // namespace

TEST_CASE("a coordinator solves, books, reads, moves and cancels a meeting through the API",
          "[http][handlers][meetings]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);

  auto solved = api.request(verb::post, "/api/v1/solve", "{" + kTeam + "}", coordinator);
  REQUIRE(solved.result_int() == 200);
  const auto solution = body_of(solved);
  REQUIRE(solution.at("start").is_string());
  const std::string start(solution.at("start").as_string());
  CHECK(start.starts_with("2026-1"));
  CHECK(start.ends_with("+02:00"));  // Helsinki in winter
  CHECK(solution.at("strategy") == "hole-first");
  CHECK(solution.at("required").as_array().size() == 3);
  CHECK(solution.at("stale").as_array().empty());
  CHECK(solution.at("window").as_object().at("from") == "2026-11-23T09:00:00+02:00");

  auto booked = api.request(verb::post, "/api/v1/meetings", R"({"case_ref": "YA-2026-0042", )" + kTeam + "}",
                            coordinator);
  REQUIRE(booked.result_int() == 201);
  auto meeting = body_of(booked);
  const auto id = meeting.at("id").as_int64();
  CHECK(booked[beast_http::field::location] == "/api/v1/meetings/" + std::to_string(id));
  CHECK(meeting.at("start").as_string() == start);  // the solver's slot
  CHECK(meeting.at("status") == "scheduled");
  CHECK(meeting.at("sequence") == 0);
  CHECK(meeting.at("stale").as_array().empty());
  const auto& first = meeting.at("attendees").as_array().at(0).as_object();
  CHECK(first.at("id") == "sosiaalityontekija-aalto");
  CHECK_FALSE(first.at("name").as_string().empty());  // from the team
  CHECK(first.at("role") == "required");

  const std::string path = "/api/v1/meetings/" + std::to_string(id);
  CHECK(body_of(api.get(path, {}, coordinator)).at("start").as_string() == start);
  auto listed = body_of(api.get("/api/v1/meetings?case_ref=YA-2026-0042", {}, coordinator));
  REQUIRE(listed.at("meetings").as_array().size() == 1);
  CHECK(listed.at("meetings").as_array()[0].as_object().at("id") == id);

  auto invite = api.get(path + "/invite.ics", {}, coordinator);
  CHECK(invite[beast_http::field::content_type] == "text/calendar; charset=utf-8; method=REQUEST");
  CHECK(invite.body().find("METHOD:REQUEST") != std::string::npos);

  auto moved = api.request(verb::post, path + "/reschedule", "", coordinator);
  REQUIRE(moved.result_int() == 200);
  CHECK(body_of(moved).at("sequence") == 1);

  auto cancelled = api.request(verb::delete_, path, "", coordinator);
  REQUIRE(cancelled.result_int() == 200);
  CHECK(body_of(cancelled).at("status") == "cancelled");
  CHECK(api.get(path + "/invite.ics", {}, coordinator).body().find("METHOD:CANCEL") != std::string::npos);

  const std::string figures = api.get("/metrics").body();
  CHECK(figures.find("yhteisaika_solves_total 1\n") != std::string::npos);
  CHECK(figures.find("yhteisaika_bookings_total 1\n") != std::string::npos);
  CHECK(api.log.str().find(R"("msg":"meeting cancelled")") != std::string::npos);
}

TEST_CASE("the meetings' handlers name what is wrong in a request", "[http][handlers][meetings]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  struct Case {
    verb method;
    std::string target;
    std::string body;
    unsigned status;
    std::string error;
    std::string field;  // "" = none
  };
  auto c = GENERATE(
      Case{verb::post, "/api/v1/solve", "not json", 400, "bad_json", ""},
      Case{verb::post, "/api/v1/solve", "[1]", 400, "bad_request", ""},
      Case{verb::post, "/api/v1/solve", R"({"required": ["laakari-korhonen"], "dayz": 3})", 400, "bad_request", "dayz"},
      Case{verb::post, "/api/v1/solve", R"({"duration_minutes": 60})", 400, "bad_request", "required"},
      Case{verb::post, "/api/v1/solve", R"({"required": ["laakari-korhonen"], "strategy": "latest"})", 422,
           "invalid_value", "strategy"},
      Case{verb::post, "/api/v1/solve", R"({"required": ["laakari-korhonen"], "from": "tomorrow"})", 422,
           "invalid_value", "from"},
      Case{verb::post, "/api/v1/meetings", R"({"required": ["laakari-korhonen"]})", 400, "bad_request", "case_ref"},
      Case{verb::post, "/api/v1/meetings", R"({"case_ref": "YA-1", "required": ["nobody"]})", 422, "unknown_attendee",
           "required[0]"},
      Case{verb::get, "/api/v1/meetings/abc", "", 404, "not_found", ""},
      Case{verb::get, "/api/v1/meetings/0", "", 404, "not_found", ""},
      Case{verb::post, "/api/v1/meetings/abc/reschedule", "{}", 404, "not_found", ""},
      Case{verb::post, "/api/v1/meetings/999/reschedule", R"({"without_declined": "yes"})", 400, "bad_request",
           "without_declined"},
      Case{verb::get, "/api/v1/meetings?declined=maybe", "", 422, "invalid_value", "declined"},
      Case{verb::get, "/api/v1/meetings?from=2026-12-01&to=2026-11-01", "", 422, "invalid_value", "to"},
      Case{verb::get, "/api/v1/meetings?from=someday", "", 422, "invalid_value", "from"});
  CAPTURE(c.target, c.body);
  auto res = api.request(c.method, c.target, c.body, coordinator);
  CHECK(res.result_int() == c.status);
  CHECK(res[beast_http::field::content_type] == "application/json");
  auto body = body_of(res);
  CHECK(body.at("error").as_string() == c.error);
  CHECK_FALSE(body.at("detail").as_string().empty());
  if (c.field.empty()) {
    CHECK_FALSE(body.contains("field"));
  } else {
    CHECK(body.at("field").as_string() == c.field);
  }
}
