// The team's handlers (src/http/handlers/professionals.cpp) reached through the API.
#include "../../../src/http/handlers/professionals.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

TEST_CASE("only an admin reads where a professional's calendar comes from", "[http][handlers][professionals]") {
  ApiFixture api;
  for (auto role : {store::TokenRole::coordinator, store::TokenRole::manager, store::TokenRole::admin}) {
    CAPTURE(store::to_string(role));
    const std::string token = api.token(role);
    auto list = body_of(api.get("/api/v1/professionals", {}, token)).at("professionals").as_array();
    REQUIRE(list.size() >= 10);
    auto one = body_of(api.get("/api/v1/professionals/laakari-korhonen", {}, token));
    CHECK(one.at("id") == "laakari-korhonen");
    CHECK(one.at("profession") == "lääkäri");
    const bool admin = role == store::TokenRole::admin;
    CHECK(one.contains("calendar_source") == admin);
    CHECK(list.at(0).as_object().contains("calendar_source") == admin);
  }
}

TEST_CASE("an admin adds a professional, changes them and gives them a new feed URL",
          "[http][handlers][professionals]") {
  ApiFixture api;
  const std::string admin = api.token(store::TokenRole::admin);
  auto created = api.request(verb::post, "/api/v1/professionals",
                             R"({"id": "toimintaterapeutti-virtanen", "name": "Oona Virtanen",
                                 "profession": "toimintaterapeutti", "unit": "Kuntoutusyksikkö"})",
                             admin);
  REQUIRE(created.result_int() == 201);
  CHECK(created[beast_http::field::location] == "/api/v1/professionals/toimintaterapeutti-virtanen");
  auto body = body_of(created);
  CHECK(body.at("calendar_source") == "toimintaterapeutti-virtanen");  // the id, when not given
  // On the address the client used (no base_url is configured).
  const std::string feed_url(body.at("feed_url").as_string());
  REQUIRE(feed_url.starts_with("http://test/feeds/"));
  CHECK(feed_url.ends_with(".ics"));
  const std::string feed_path = feed_url.substr(std::string("http://test").size());
  CHECK(api.get(feed_path).result_int() == 200);

  auto patched = api.request(verb::patch, "/api/v1/professionals/toimintaterapeutti-virtanen",
                             R"({"unit": "Perhekeskus"})", admin);
  REQUIRE(patched.result_int() == 200);
  CHECK(body_of(patched).at("unit") == "Perhekeskus");
  CHECK(body_of(patched).at("name") == "Oona Virtanen");

  auto rotated = api.request(verb::post, "/api/v1/professionals/toimintaterapeutti-virtanen/feed-secret", "", admin);
  REQUIRE(rotated.result_int() == 200);
  CHECK(body_of(rotated).at("feed_url").as_string() != feed_url);
  CHECK(api.get(feed_path).result_int() == 404);  // the old URL stops working
}

TEST_CASE("a professional's id and fields are checked, naming the field", "[http][handlers][professionals]") {
  ApiFixture api;
  const std::string admin = api.token(store::TokenRole::admin);
  struct Case {
    verb method;
    std::string target;
    std::string body;
    unsigned status;
    std::string field;
  };
  auto c = GENERATE(Case{verb::post, "/api/v1/professionals", R"({"id": "Ääni", "name": "X"})", 422, "id"},
                    Case{verb::post, "/api/v1/professionals", R"({"id": "a/b", "name": "X"})", 422, "id"},
                    Case{verb::post, "/api/v1/professionals", R"({"id": "", "name": "X"})", 422, "id"},
                    Case{verb::post, "/api/v1/professionals", R"({"name": "X"})", 400, "id"},
                    Case{verb::post, "/api/v1/professionals", R"({"id": "x", "name": "X", "age": 3})", 400, "age"},
                    Case{verb::patch, "/api/v1/professionals/laakari-korhonen", R"({"name": 7})", 400, "name"});
  CAPTURE(c.body);
  auto res = api.request(c.method, c.target, c.body, admin);
  CHECK(res.result_int() == c.status);
  CHECK(body_of(res).at("field").as_string() == c.field);
  CHECK(api.request(verb::patch, "/api/v1/professionals/nobody", "{}", admin).result_int() == 404);
}
