// The public routes (src/http/handlers/public_files.cpp) reached through the API, without a token.
#include "../../../src/http/handlers/public_files.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;

TEST_CASE("health, metrics, the contract and the dashboard are answered without a token",
          "[http][handlers][public]") {
  ApiFixture api;
  auto health = api.get("/healthz");
  CHECK(health.result_int() == 200);
  CHECK(body_of(health).at("status") == "ok");

  auto metrics = api.get("/metrics");
  CHECK(metrics[beast_http::field::content_type] == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(metrics.body().find("# TYPE yhteisaika_bookings_total counter") != std::string::npos);
  // The routes answered so far have their figures.
  CHECK(metrics.body().find(R"(yhteisaika_route_requests_total{route="healthz",status="2xx"} 1)") != std::string::npos);

  auto contract = api.get("/api/v1/openapi.json");
  CHECK(contract[beast_http::field::content_type] == "application/json");
  CHECK(contract.body() == "{}");  // as given to make_api_handler

  for (auto [path, type] : {std::pair{"/dashboard", "text/html; charset=utf-8"},
                            {"/dashboard/app.js", "text/javascript; charset=utf-8"},
                            {"/dashboard/app.css", "text/css; charset=utf-8"},
                            {"/dashboard/icon.svg", "image/svg+xml"},
                            {"/favicon.ico", "image/svg+xml"}}) {
    CAPTURE(path);
    auto res = api.get(path);
    CHECK(res.result_int() == 200);
    CHECK(res[beast_http::field::content_type] == type);
    CHECK(res["X-Content-Type-Options"] == "nosniff");
  }
}
