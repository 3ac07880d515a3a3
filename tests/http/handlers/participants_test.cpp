// The people around the client (src/http/handlers/participants.cpp, issue 13)
// reached through the API: ids p1, p2, ..., changes, removal, and every
// refusal with its status and field.
#include "../../../src/http/handlers/participants.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

const std::string kMother = R"({"kind": "close_one", "label": "Äiti", "email": "aiti@example.fi",
  "availability": [{"days": ["tue", "thu"], "from": "12:00", "to": "16:00"}],
  "unavailable": [{"from": "2026-12-10T00:00", "to": "2026-12-12T00:00"}]})";

// A new case's path, /api/v1/cases/{id}.
std::string open_case(ApiFixture& api, const std::string& token) {
  auto created = api.request(verb::post, "/api/v1/cases",
                             R"({"case_ref": "YA-2026-0042", "coordinator": "sosiaalityontekija-aalto",
                                 "identified_on": "2026-11-20", "trigger": "triage"})",
                             token);
  REQUIRE(created.result_int() == 201);
  return std::string(created[beast_http::field::location]);
}

}  // namespace

TEST_CASE("a coordinator adds, changes and removes the people around the client", "[http][handlers][participants]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  const std::string path = open_case(api, coordinator);

  auto added = api.request(verb::post, path + "/participants", kMother, coordinator);
  REQUIRE(added.result_int() == 201);
  CHECK(added[beast_http::field::location] == path + "/participants/p1");
  auto p1 = body_of(added);
  CHECK(p1.at("id") == "p1");
  CHECK(p1.at("kind") == "close_one");
  CHECK(p1.at("label") == "Äiti");
  CHECK(p1.at("email") == "aiti@example.fi");
  CHECK(p1.at("availability") == boost::json::parse(R"([{"days": ["tue", "thu"], "from": "12:00", "to": "16:00"}])"));
  CHECK(p1.at("unavailable") ==
        boost::json::parse(R"([{"from": "2026-12-10T00:00:00+02:00", "to": "2026-12-12T00:00:00+02:00"}])"));

  auto client = api.request(verb::post, path + "/participants", R"({"kind": "client", "label": "Asiakas"})",
                            coordinator);
  REQUIRE(client.result_int() == 201);
  CHECK(body_of(client).at("id") == "p2");
  CHECK(body_of(client).at("email").is_null());

  auto changed = api.request(verb::patch, path + "/participants/p1", R"({"label": "Isoäiti", "email": ""})",
                             coordinator);
  REQUIRE(changed.result_int() == 200);
  CHECK(body_of(changed).at("label") == "Isoäiti");
  CHECK(body_of(changed).at("email").is_null());            // "" removes it
  CHECK(body_of(changed).at("availability").as_array().size() == 1);  // what was not given stays

  auto removed = api.request(verb::delete_, path + "/participants/p2", "", coordinator);
  REQUIRE(removed.result_int() == 200);
  CHECK(body_of(removed).at("label") == "Asiakas");
  auto people = body_of(api.get(path, {}, coordinator)).at("participants").as_array();
  REQUIRE(people.size() == 1);
  CHECK(people.at(0).at("id") == "p1");
  CHECK(people.at(0).at("label") == "Isoäiti");
  // An id is never given twice, even a removed one's.
  CHECK(body_of(api.request(verb::post, path + "/participants", R"({"kind": "ngo", "label": "Järjestötyöntekijä"})",
                            coordinator))
            .at("id") == "p3");
}

TEST_CASE("a participant's refusals name the field, with the status a client can act on",
          "[http][handlers][participants]") {
  ApiFixture api;
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  const std::string path = open_case(api, coordinator);
  REQUIRE(api.request(verb::post, path + "/participants", kMother, coordinator).result_int() == 201);
  struct Row {
    verb method;
    std::string target, body;
    unsigned status;
    std::string error, field;
  };
  auto row = GENERATE_COPY(
      Row{verb::post, path + "/participants", R"({"kind": "client", "label": "Äiti 131052-308T"})", 422,
          "identity_code", "label"},
      Row{verb::post, path + "/participants", R"({"kind": "mother", "label": "Äiti"})", 422, "unknown_word", "kind"},
      Row{verb::post, path + "/participants", R"({"kind": "client"})", 400, "bad_request", "label"},
      Row{verb::post, path + "/participants", R"({"kind": "client", "label": "A", "id": "p7"})", 400, "bad_request",
          "id"},
      Row{verb::post, path + "/participants",
          R"({"kind": "client", "label": "A", "availability": [{"days": ["ti"], "from": "12:00", "to": "16:00"}]})",
          422, "unknown_word", "availability[0].days[0]"},
      Row{verb::post, path + "/participants",
          R"({"kind": "client", "label": "A", "availability": [{"days": ["tue"], "from": "12:10", "to": "16:00"}]})",
          422, "invalid_value", "availability[0].from"},
      Row{verb::post, path + "/participants", R"({"kind": "client", "label": "A", "email": "A <a@example.fi>"})", 422,
          "invalid_value", "email"},
      Row{verb::patch, path + "/participants/p1", R"({"label": "131052-308T"})", 422, "identity_code", "label"},
      Row{verb::patch, path + "/participants/p1", R"({"label": 3})", 400, "bad_request", "label"},
      Row{verb::patch, path + "/participants/p9", R"({"label": "Isä"})", 404, "not_found", ""},
      Row{verb::delete_, path + "/participants/p9", "", 404, "not_found", ""},
      Row{verb::post, "/api/v1/cases/999/participants", R"({"kind": "client", "label": "A"})", 404, "not_found", ""},
      Row{verb::patch, "/api/v1/cases/x/participants/p1", "{}", 404, "not_found", ""},
      Row{verb::delete_, "/api/v1/cases/999/participants/p1", "", 404, "not_found", ""});
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
}

TEST_CASE("a closed case's participants cannot be added, changed or removed: 409 case_closed",
          "[http][handlers][participants]") {
  ApiFixture api;
  const std::string admin = api.token(store::TokenRole::admin);
  const std::string path = open_case(api, admin);
  REQUIRE(api.request(verb::post, path + "/participants", kMother, admin).result_int() == 201);
  REQUIRE(api.request(verb::patch, path, R"({"stage": "closed"})", admin).result_int() == 200);
  for (const auto& [method, target, body] :
       {std::tuple{verb::post, path + "/participants", std::string(R"({"kind": "client", "label": "Asiakas"})")},
        std::tuple{verb::patch, path + "/participants/p1", std::string(R"({"label": "Isä"})")},
        std::tuple{verb::delete_, path + "/participants/p1", std::string()}}) {
    CAPTURE(target, body);
    auto res = api.request(method, target, body, admin);
    CHECK(res.result_int() == 409);
    CHECK(body_of(res).at("error") == "case_closed");
  }
  auto people = body_of(api.get(path, {}, admin)).at("participants").as_array();
  REQUIRE(people.size() == 1);
  CHECK(people.at(0).at("label") == "Äiti");
}

TEST_CASE("only coordinators and admins reach the people around the client", "[http][handlers][participants]") {
  ApiFixture api;
  const std::string manager = api.token(store::TokenRole::manager);
  for (const auto& [method, target] : {std::pair{verb::post, "/api/v1/cases/1/participants"},
                                       std::pair{verb::patch, "/api/v1/cases/1/participants/p1"},
                                       std::pair{verb::delete_, "/api/v1/cases/1/participants/p1"}}) {
    CAPTURE(target);
    CHECK(api.request(method, target, kMother, manager).result_int() == 403);
    CHECK(api.request(method, target, kMother).result_int() == 401);
  }
}
