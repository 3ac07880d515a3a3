// API v1 in-process: make_api_handler() routes every request through the
// route table (routes.cpp), checks the caller's role, and answers every error
// through one path. The handlers' own tests are in handlers/.
#include <yhteisaika/http/api.hpp>

#include "api_fixture.hpp"

#include <yhteisaika/http/routes.hpp>
#include <yhteisaika/store/errc.hpp>

#include <set>

#include "../../src/http/error_reply.hpp"
#include "../../src/http/handlers/handler.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

// A path of `pattern` with `param` in its holes ("/feeds/{}.ics" -> "/feeds/x.ics").
std::string path_of(std::string_view pattern, std::string_view param) {
  std::string path(pattern);
  for (auto hole = path.find("{}"); hole != std::string::npos; hole = path.find("{}")) path.replace(hole, 2, param);
  return path;
}

}  // namespace

TEST_CASE("every route is reached through the route table, by the roles it allows only", "[http][api][routes]") {
  ApiFixture api;
  const std::pair<store::TokenRole, std::string> tokens[] = {
      {store::TokenRole::coordinator, api.token(store::TokenRole::coordinator)},
      {store::TokenRole::manager, api.token(store::TokenRole::manager)},
      {store::TokenRole::admin, api.token(store::TokenRole::admin)}};
  for (const http::RouteSpec& spec : http::route_table()) {
    // A param that names nothing and an empty body: no call changes anything.
    const std::string target = path_of(spec.pattern, "nothing-here");
    CAPTURE(target, boost::beast::http::to_string(spec.method));
    if (spec.access.is_public) {
      auto res = api.request(spec.method, target);
      CHECK(res.result_int() != 401);
      CHECK(res.result_int() != 403);
    } else {
      auto anonymous = api.request(spec.method, target);
      CHECK(anonymous.result_int() == 401);
      CHECK(anonymous[beast_http::field::www_authenticate] == "Bearer");
      CHECK(body_of(anonymous).at("error") == "unauthorized");
      for (const auto& [role, token] : tokens) {
        CAPTURE(store::to_string(role));
        auto res = api.request(spec.method, target, {}, token);
        if (spec.access.allows(role)) {
          CHECK(res.result_int() != 401);
          CHECK(res.result_int() != 403);
        } else {
          CHECK(res.result_int() == 403);
          const std::string refusal = "a " + std::string(store::to_string(role)) + " token may not do this";
          CHECK(body_of(res).at("detail").as_string() == refusal);
        }
      }
    }
    // The route's handler answered: its figures say so under its name.
    const std::string figures = api.get("/metrics").body();
    CHECK(figures.find("yhteisaika_route_requests_total{route=\"" + std::string(spec.name) + "\"") !=
          std::string::npos);
  }
}

TEST_CASE("exactly the routes that never block run on the network threads", "[http][api][routes][issue-11]") {
  // A second, prefix-based table (never_blocks) decided this apart from the
  // route table, so a new route under /feeds/ or /dashboard would have run on
  // the network threads whatever its handler did.
  const std::set<http::Endpoint> inline_endpoints{
      http::Endpoint::feed,      http::Endpoint::healthz,      http::Endpoint::metrics,
      http::Endpoint::dashboard, http::Endpoint::dashboard_js, http::Endpoint::dashboard_css,
      http::Endpoint::dashboard_icon};
  for (const http::RouteSpec& spec : http::route_table()) {
    const std::string target = path_of(spec.pattern, "x") + "?q=1";
    CAPTURE(target, boost::beast::http::to_string(spec.method));
    const bool expected = inline_endpoints.contains(spec.endpoint);
    CHECK((spec.runs == http::Runs::inline_) == expected);
    CHECK(http::runs_inline(http::Request{spec.method, target, 11}) == expected);
    if (spec.method == verb::get) CHECK(http::runs_inline(http::Request{verb::head, target, 11}) == expected);
  }
  // A request no route takes goes to the workers, as does another method on an inline path.
  for (const char* target : {"/feeds/x", "/feeds/x.ics/y", "/dashboard/other.js", "/nothing"}) {
    CAPTURE(target);
    CHECK_FALSE(http::runs_inline(http::Request{verb::get, target, 11}));
  }
  CHECK_FALSE(http::runs_inline(http::Request{verb::post, "/feeds/x.ics", 11}));
  CHECK_FALSE(http::runs_inline(http::Request{verb::delete_, "/healthz", 11}));
}

TEST_CASE("the router's own errors are JSON naming what is wrong", "[http][api][errors]") {
  ApiFixture api;
  auto unknown = api.get("/api/v1/nothing?secret=1");
  CHECK(unknown.result_int() == 404);
  CHECK(body_of(unknown).at("error") == "not_found");
  CHECK(body_of(unknown).at("detail") == "no such path: /api/v1/nothing");  // never the query

  auto wrong_method = api.request(verb::put, "/api/v1/meetings/7");
  CHECK(wrong_method.result_int() == 405);
  CHECK(wrong_method[beast_http::field::allow] == "GET, HEAD, DELETE");
  CHECK(body_of(wrong_method).at("error") == "method_not_allowed");
  CHECK_FALSE(body_of(wrong_method).contains("field"));

  SECTION("the bearer scheme is read in any letter case (RFC 7235)") {
    const std::string manager = api.token(store::TokenRole::manager);
    for (const char* scheme : {"Bearer ", "bearer ", "BEARER  "}) {
      CAPTURE(scheme);
      http::Request req{verb::get, "/api/v1/professionals", 11};
      req.set(beast_http::field::authorization, scheme + manager);
      CHECK(api.handler(req).result_int() == 200);
    }
    http::Request basic{verb::get, "/api/v1/professionals", 11};
    basic.set(beast_http::field::authorization, "Basic " + manager);
    CHECK(api.handler(basic).result_int() == 401);
  }
}

TEST_CASE("an error's internal text goes to the log, never to the client", "[http][api][errors][issue-11]") {
  // SQLite's own text reached clients as "detail"; Error::internal now keeps it for the log.
  ApiFixture api;
  const http::Services services{*api.service, api.metrics, api.logger, "{}", http::ApiCounters(api.metrics)};
  const http::Request req{verb::get, "/api/v1/meetings", 11};

  SECTION("a server failure: 503 with the public message, the internal text logged as an error") {
    const Error failed{store::Errc::database, "the database could not be read", {},
                       "SQLITE_CORRUPT: database disk image is malformed (meetings)"};
    auto res = http::error_reply(req, failed, services);
    CHECK(res.result_int() == 503);
    CHECK(res.body() == R"({"error":"database","detail":"the database could not be read"})");
    const std::string log = api.log.str();
    CHECK(log.find(R"("level":"error")") != std::string::npos);
    CHECK(log.find("SQLITE_CORRUPT: database disk image is malformed (meetings)") != std::string::npos);
  }
  SECTION("a refusal: its status and message, the internal text logged as a warning") {
    const Error taken{store::Errc::slot_taken, "not free at that time: laakari-korhonen", Location::at_field("start"),
                      "UNIQUE constraint failed: busy.participant"};
    auto res = http::error_reply(req, taken, services);
    CHECK(res.result_int() == 409);
    CHECK(res.body().find("UNIQUE") == std::string::npos);
    CHECK(body_of(res).at("field") == "start");
    CHECK(api.log.str().find(R"("level":"warn")") != std::string::npos);
    CHECK(api.log.str().find("UNIQUE constraint failed") != std::string::npos);
    CHECK(api.metrics.render_prometheus().find("yhteisaika_booking_conflicts_total 1\n") != std::string::npos);
  }
  SECTION("a refusal without internal text is not logged") {
    auto res = http::error_reply(req, Error{store::Errc::not_found, "no meeting 7", {}}, services);
    CHECK(res.result_int() == 404);
    CHECK(api.log.str().empty());
  }
}
