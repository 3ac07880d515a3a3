// Holds through the API (issue 13): POST /api/v1/meetings with hold_minutes,
// POST /api/v1/meetings/{id}/confirm, DELETE of a held meeting, and what the
// meeting JSON and invite say; the clock is the fixture's.
#include "../../../src/http/handlers/meetings.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;
using namespace std::chrono_literals;

namespace {

const std::string kTeam =
    R"("required": ["sosiaalityontekija-aalto", "laakari-korhonen"], "duration_minutes": 60)";

std::string hold_body(const std::string& case_ref, const std::string& hold_minutes) {
  return R"({"case_ref": ")" + case_ref + R"(", "hold_minutes": )" + hold_minutes + ", " + kTeam + "}";
}

}  // namespace

TEST_CASE("a coordinator holds a meeting, and confirms it before the hold runs out", "[http][handlers][holds]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);

  auto held = api.request(verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", "120"), coordinator);
  REQUIRE(held.result_int() == 201);
  const auto meeting = body_of(held);
  CHECK(meeting.at("status") == "held");
  CHECK(meeting.at("hold_expires_at") == "2026-11-23T11:00:00+02:00");  // now (09:00) + 2 h
  const std::string path = "/api/v1/meetings/" + std::to_string(meeting.at("id").as_int64());

  auto invite = api.get(path + "/invite.ics", {}, coordinator);
  CHECK(invite.body().find("METHOD:REQUEST") != std::string::npos);
  CHECK(invite.body().find("STATUS:TENTATIVE") != std::string::npos);

  // Blocked for another booking at that very time.
  const std::string start(meeting.at("start").as_string());
  auto taken = api.request(verb::post, "/api/v1/meetings",
                           R"({"case_ref": "YA-2026-0043", "start": ")" + start + R"(", )" + kTeam + "}", coordinator);
  CHECK(taken.result_int() == 409);
  CHECK(body_of(taken).at("error") == "slot_taken");

  api.now += 119min;
  auto confirmed = api.request(verb::post, path + "/confirm", "", coordinator);
  REQUIRE(confirmed.result_int() == 200);
  const auto after = body_of(confirmed);
  CHECK(after.at("status") == "scheduled");
  CHECK(after.at("sequence") == 1);
  CHECK(after.at("hold_expires_at") == "2026-11-23T11:00:00+02:00");
  CHECK(api.get(path + "/invite.ics", {}, coordinator).body().find("STATUS:CONFIRMED") != std::string::npos);

  auto again = api.request(verb::post, path + "/confirm", "", coordinator);
  CHECK(again.result_int() == 409);
  CHECK(body_of(again).at("error") == "not_held");
  CHECK(std::string(body_of(again).at("detail").as_string()).find("confirmed already") != std::string::npos);
}

TEST_CASE("confirming after the hold ran out is 409 not_held, saying when it ran out", "[http][handlers][holds]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  auto held = api.request(verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", "30"), coordinator);
  REQUIRE(held.result_int() == 201);
  const std::string path = "/api/v1/meetings/" + std::to_string(body_of(held).at("id").as_int64());

  api.now += 31min;
  SECTION("before the service expired it") {}
  SECTION("after") {
    REQUIRE(api.service->housekeeping().run_once(api.now).empty());
    auto expired = body_of(api.get(path, {}, coordinator));
    CHECK(expired.at("status") == "expired");
    CHECK(expired.at("sequence") == 1);
    CHECK(api.get(path + "/invite.ics", {}, coordinator).body().find("METHOD:CANCEL") != std::string::npos);
  }
  auto late = api.request(verb::post, path + "/confirm", "", coordinator);
  CHECK(late.result_int() == 409);
  const auto body = body_of(late);
  CHECK(body.at("error") == "not_held");
  CHECK(std::string(body.at("detail").as_string()).find("ran out at 2026-11-23T09:30:00+02:00") != std::string::npos);
}

TEST_CASE("DELETE releases a held meeting early", "[http][handlers][holds]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  auto held = api.request(verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", "60"), coordinator);
  REQUIRE(held.result_int() == 201);
  const std::string path = "/api/v1/meetings/" + std::to_string(body_of(held).at("id").as_int64());

  auto released = api.request(verb::delete_, path, "", coordinator);
  REQUIRE(released.result_int() == 200);
  CHECK(body_of(released).at("status") == "expired");
  CHECK(body_of(released).at("sequence") == 1);
  auto invite = api.get(path + "/invite.ics", {}, coordinator);
  CHECK(invite[beast_http::field::content_type] == "text/calendar; charset=utf-8; method=CANCEL");

  auto again = api.request(verb::delete_, path, "", coordinator);
  CHECK(again.result_int() == 409);
  CHECK(body_of(again).at("error") == "not_scheduled");
}

TEST_CASE("a booked meeting shows no hold, and bad holds and confirms name what is wrong", "[http][handlers][holds]") {
  struct Case {
    verb method;
    std::string target;  // "{booked}": the booked meeting's path
    std::string body;
    store::TokenRole role;
    unsigned status;
    std::string error;
    std::string field;  // "" = none
  };
  const auto coordinator = store::TokenRole::coordinator;
  // Generated before the fixture: each value runs the test case anew.
  auto c = GENERATE_COPY(
      Case{verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", "0"), coordinator, 422, "invalid_value",
           "hold_minutes"},
      Case{verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", "20161"), coordinator, 422, "invalid_value",
           "hold_minutes"},
      Case{verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", "1e9"), coordinator, 400, "bad_request",
           "hold_minutes"},
      Case{verb::post, "/api/v1/meetings", hold_body("YA-2026-0042", R"("60")"), coordinator, 400, "bad_request",
           "hold_minutes"},
      Case{verb::post, "{booked}/confirm", "", coordinator, 409, "not_held", ""},
      Case{verb::post, "/api/v1/meetings/999/confirm", "", coordinator, 404, "not_found", ""},
      Case{verb::post, "/api/v1/meetings/abc/confirm", "", coordinator, 404, "not_found", ""},
      Case{verb::post, "{booked}/confirm", "", store::TokenRole::manager, 403, "forbidden", ""});

  ApiFixture api;
  const std::string token = api.token(c.role);
  auto booked = api.request(verb::post, "/api/v1/meetings", R"({"case_ref": "YA-2026-0041", )" + kTeam + "}",
                            api.token(coordinator));
  REQUIRE(booked.result_int() == 201);
  CHECK(body_of(booked).at("status") == "scheduled");
  CHECK(body_of(booked).at("hold_expires_at").is_null());
  std::string target = c.target;
  if (target.starts_with("{booked}")) {
    target = "/api/v1/meetings/" + std::to_string(body_of(booked).at("id").as_int64()) + target.substr(8);
  }
  CAPTURE(target, c.body);
  auto res = api.request(c.method, target, c.body, token);
  CHECK(res.result_int() == c.status);
  auto body = body_of(res);
  CHECK(body.at("error").as_string() == c.error);
  if (c.field.empty()) {
    CHECK_FALSE(body.contains("field"));
  } else {
    CHECK(body.at("field").as_string() == c.field);
  }
}
