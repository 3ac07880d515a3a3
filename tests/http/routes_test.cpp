// The route table and its role matrix, without sockets.
#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/http/routes.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using boost::beast::http::verb;
using http::Endpoint;
using store::TokenRole;

namespace {

struct Row {
  verb method;
  const char* path;
  Endpoint endpoint;
  const char* who;  // "public", or the roles allowed among c(oordinator), m(anager), a(dmin)
  const char* param;
};

}  // namespace

TEST_CASE("every endpoint routes, with who may call it", "[http][routes]") {
  const Row rows[] = {
      {verb::get, "/healthz", Endpoint::healthz, "public", ""},
      {verb::get, "/metrics", Endpoint::metrics, "public", ""},
      {verb::get, "/api/v1/openapi.json", Endpoint::openapi, "public", ""},
      {verb::get, "/feeds/abc123.ics", Endpoint::feed, "public", "abc123"},
      {verb::head, "/feeds/abc123.ics", Endpoint::feed, "public", "abc123"},
      {verb::get, "/api/v1/professionals", Endpoint::list_professionals, "cma", ""},
      {verb::post, "/api/v1/professionals", Endpoint::create_professional, "a", ""},
      {verb::get, "/api/v1/professionals/laakari-korhonen", Endpoint::get_professional, "cma", "laakari-korhonen"},
      {verb::patch, "/api/v1/professionals/laakari-korhonen", Endpoint::update_professional, "a", "laakari-korhonen"},
      {verb::post, "/api/v1/professionals/x/feed-secret", Endpoint::rotate_feed_secret, "a", "x"},
      {verb::post, "/api/v1/solve", Endpoint::solve, "ca", ""},
      {verb::post, "/api/v1/meetings", Endpoint::book_meeting, "ca", ""},
      {verb::get, "/api/v1/meetings", Endpoint::list_meetings, "ca", ""},
      {verb::get, "/api/v1/meetings/42", Endpoint::get_meeting, "ca", "42"},
      {verb::delete_, "/api/v1/meetings/42", Endpoint::cancel_meeting, "ca", "42"},
      {verb::post, "/api/v1/meetings/42/reschedule", Endpoint::reschedule_meeting, "ca", "42"},
      {verb::get, "/api/v1/meetings/42/invite.ics", Endpoint::meeting_invite, "ca", "42"},
      {verb::get, "/api/v1/utilisation", Endpoint::utilisation, "ma", ""},
      {verb::get, "/api/v1/audit", Endpoint::audit, "a", ""},
      {verb::get, "/api/v1/sources", Endpoint::list_sources, "a", ""},
      {verb::post, "/api/v1/sources/laakari-korhonen/refresh", Endpoint::refresh_source, "a", "laakari-korhonen"},
      {verb::get, "/dashboard", Endpoint::dashboard, "public", ""},
      {verb::head, "/dashboard", Endpoint::dashboard, "public", ""},
      {verb::get, "/dashboard/app.js", Endpoint::dashboard_js, "public", ""},
      {verb::get, "/dashboard/app.css", Endpoint::dashboard_css, "public", ""},
      {verb::get, "/dashboard/icon.svg", Endpoint::dashboard_icon, "public", ""},
      {verb::get, "/favicon.ico", Endpoint::dashboard_icon, "public", ""},
      {verb::get, "/api/v1/outbox", Endpoint::outbox, "a", ""},
      {verb::get, "/answers/5ec12e7", Endpoint::answer_page, "public", "5ec12e7"},
      {verb::post, "/answers/5ec12e7", Endpoint::answer, "public", "5ec12e7"},
      {verb::post, "/api/v1/meetings/42/confirm", Endpoint::confirm_meeting, "ca", "42"},
      {verb::get, "/api/v1/cases", Endpoint::list_cases, "ca", ""},
      {verb::post, "/api/v1/cases", Endpoint::create_case, "ca", ""},
      {verb::get, "/api/v1/cases/7", Endpoint::get_case, "ca", "7"},
      {verb::patch, "/api/v1/cases/7", Endpoint::update_case, "ca", "7"},
      {verb::post, "/api/v1/cases/7/participants", Endpoint::add_participant, "ca", "7"},
      {verb::patch, "/api/v1/cases/7/participants/p2", Endpoint::update_participant, "ca", "7"},
      {verb::delete_, "/api/v1/cases/7/participants/p2", Endpoint::remove_participant, "ca", "7"},
      {verb::post, "/api/v1/cases/7/meetings", Endpoint::book_case_meeting, "ca", "7"},
      {verb::get, "/api/v1/rooms", Endpoint::list_rooms, "ca", ""},
      {verb::post, "/api/v1/rooms", Endpoint::create_room, "a", ""},
      {verb::get, "/api/v1/rooms/sali-1", Endpoint::get_room, "ca", "sali-1"},
      {verb::patch, "/api/v1/rooms/sali-1", Endpoint::update_room, "a", "sali-1"},
      {verb::delete_, "/api/v1/rooms/sali-1", Endpoint::delete_room, "a", "sali-1"},
      {verb::post, "/api/v1/rooms/sali-1/feed-secret", Endpoint::rotate_room_feed_secret, "a", "sali-1"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.path, boost::beast::http::to_string(row.method));
    auto r = http::route(row.method, row.path);
    REQUIRE(r.has_value());
    CHECK(r->endpoint == row.endpoint);
    CHECK(r->param == row.param);
    const std::string who = row.who;
    CHECK(r->access.is_public == (who == "public"));
    if (who != "public") {
      CHECK(r->access.allows(TokenRole::coordinator) == (who.find('c') != std::string::npos));
      CHECK(r->access.allows(TokenRole::manager) == (who.find('m') != std::string::npos));
      CHECK(r->access.allows(TokenRole::admin) == (who.find('a') != std::string::npos));
    }
  }
}

TEST_CASE("a path with two params hands both to its handler, in order", "[http][routes][cases]") {
  auto r = http::route(verb::patch, "/api/v1/cases/7/participants/p2");
  REQUIRE(r.has_value());
  CHECK(r->param == "7");
  CHECK(r->param2 == "p2");
  CHECK(http::route(verb::get, "/api/v1/cases/7").value().param2.empty());
  CHECK(http::allowed_methods("/api/v1/cases/7/participants/p2") == "PATCH, DELETE");
  for (const char* path : {"/api/v1/cases//participants/p2", "/api/v1/cases/7/participants/p2/x"}) {
    CAPTURE(path);
    CHECK(http::route(verb::patch, path).error().code == http::Errc::not_found);
  }
  // Each param is masked on its own when it could not be logged.
  CHECK(http::loggable_path("/api/v1/cases/7/participants/p2") == "/api/v1/cases/7/participants/p2");
  CHECK(http::loggable_path("/api/v1/cases/7/participants/131052-308T") == "/api/v1/cases/7/participants/…");
  CHECK(http::loggable_path("/api/v1/cases/131052-308T/participants/p1") == "/api/v1/cases/…/participants/p1");
}

TEST_CASE("unknown paths are 404 and known paths with another method 405", "[http][routes]") {
  for (const char* path : {"/", "/api/v1", "/api/v2/solve", "/feeds/.ics", "/feeds/x", "/api/v1/meetings/1/2",
                           "/api/v1/meetings//reschedule", "/healthzz", "/dashboard/app.jsx", "/dashboard/x/app.js"}) {
    CAPTURE(path);
    auto r = http::route(verb::get, path);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == http::Errc::not_found);
  }
  auto r = http::route(verb::put, "/api/v1/meetings/7");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == http::Errc::method_not_allowed);
  CHECK(http::allowed_methods("/api/v1/meetings/7") == "GET, HEAD, DELETE");
}

TEST_CASE("the logged path masks secrets by the route matched and identity codes anywhere",
          "[http][routes][log][issue-10]") {
  // The log masked by prefix ("/feeds/", "/answers/"), so a misspelt route kept
  // its secret and an identity code in any other path was logged as sent.
  struct Case {
    std::string_view target;
    std::string_view logged;
  };
  auto c = GENERATE(
      // Routes without a secret are logged as sent, without the query.
      Case{"/api/v1/meetings?case_ref=YA-1&token=x", "/api/v1/meetings"}, Case{"/healthz#top", "/healthz"},
      Case{"/api/v1/meetings/42/invite.ics", "/api/v1/meetings/42/invite.ics"},
      Case{"/api/v1/professionals/laakari-korhonen", "/api/v1/professionals/laakari-korhonen"},
      // A secret route's param, whatever it looks like.
      Case{"/feeds/abc.ics", "/feeds/….ics"}, Case{"/answers/abc?answer=declined", "/answers/…"},
      // Another route's param when it holds an identity code or looks like a secret.
      Case{"/api/v1/meetings/131052-308T", "/api/v1/meetings/…"},
      Case{"/api/v1/meetings/131052-308t/reschedule", "/api/v1/meetings/…/reschedule"},
      Case{"/api/v1/meetings/131052%2D308T", "/api/v1/meetings/…"},
      Case{"/api/v1/professionals/0123456789abcdef0123", "/api/v1/professionals/…"},
      // No route: cut after a segment naming a secret route, in any spelling.
      Case{"//feeds/abc.ics", "//feeds/…"}, Case{"/FEEDS/abc.ics", "/FEEDS/…"},
      Case{"/feeds/abc/calendar.ics", "/feeds/…"}, Case{"/feeds%2Fabc.ics", "/feeds%2Fabc.ics"},
      Case{"/x/%41nswers/abc", "/x/%41nswers/…"}, Case{"/feeds/", "/feeds/"},
      // No route: other segments masked one by one.
      Case{"/no/131052-308T/x", "/no/…/x"}, Case{"/no/such", "/no/such"}, Case{"", ""},
      Case{"/nothing-like-a-code-131052-308", "/nothing-like-a-code-131052-308"});
  CAPTURE(c.target);
  CHECK(http::loggable_path(c.target) == c.logged);
}

TEST_CASE("GET /favicon.ico and the page's icon are routes, not 404s", "[http][routes][issue-10]") {
  // Every load of the dashboard logged a 404 for /favicon.ico, which the browser asks for by itself.
  for (const char* path : {"/favicon.ico", "/dashboard/icon.svg"}) {
    CAPTURE(path);
    auto r = http::route(verb::get, path);
    REQUIRE(r.has_value());
    CHECK(r->endpoint == Endpoint::dashboard_icon);
    CHECK(r->access.is_public);
    CHECK(http::route(verb::head, path).has_value());
  }
}
