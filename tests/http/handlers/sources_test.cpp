// The calendar sources' handlers (src/http/handlers/sources.cpp) reached through the API.
#include "../../../src/http/handlers/sources.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

TEST_CASE("an admin reads every calendar source and refreshes one", "[http][handlers][sources]") {
  ApiFixture api;
  const std::string admin = api.token(store::TokenRole::admin);
  auto rows = body_of(api.get("/api/v1/sources", {}, admin)).at("sources").as_array();
  REQUIRE(rows.size() >= 10);
  bool found = false;
  for (const auto& row : rows) {
    const auto& o = row.as_object();
    if (o.at("id") != "laakari-korhonen") continue;
    found = true;
    CHECK(o.at("kind") == "file");
    CHECK(o.at("stale") == false);
    CHECK(o.at("unknown") == false);
    CHECK(o.at("last_error").is_null());
    CHECK(o.at("last_success").as_string().ends_with("+02:00"));
  }
  CHECK(found);

  auto refreshed = api.request(verb::post, "/api/v1/sources/psykologi-makela/refresh", "", admin);
  REQUIRE(refreshed.result_int() == 200);
  CHECK(body_of(refreshed).at("id") == "psykologi-makela");
  CHECK(api.log.str().find(R"("msg":"calendar refreshed","professional":"psykologi-makela")") != std::string::npos);
  CHECK(api.request(verb::post, "/api/v1/sources/nobody/refresh", "", admin).result_int() == 404);
}
