#pragma once
// The route table of API v1 (src/http/routes.cpp), the one place that says, for
// every method + path: the endpoint, who may call it, the handler that answers
// it, its name in /metrics and whether it may run on the network threads.
// Pure, so the whole table (and the role matrix) is tested without sockets.

#include <yhteisaika/error.hpp>
#include <yhteisaika/http/server.hpp>
#include <yhteisaika/store/store.hpp>

#include <boost/beast/http/verb.hpp>

#include <span>
#include <string>
#include <string_view>

namespace yhteisaika::http {

enum class Endpoint {
  healthz,
  metrics,
  openapi,
  feed,  // /feeds/{secret}.ics: the secret is the capability
  list_professionals,
  create_professional,
  get_professional,
  update_professional,
  rotate_feed_secret,
  solve,
  book_meeting,
  list_meetings,
  get_meeting,
  reschedule_meeting,
  cancel_meeting,
  meeting_invite,
  utilisation,
  audit,
  list_sources,    // calendar sources: kind, last success/attempt/error, ETag, staleness
  refresh_source,  // fetch one professional's calendar now
  dashboard,      // the managers' page (static, public; the page itself asks for a token)
  dashboard_js,
  dashboard_css,
  dashboard_icon,  // /dashboard/icon.svg and /favicon.ico
  outbox,         // e-mail waiting, sent and failed (admins)
  answer_page,    // GET /answers/{secret}: an invitee's answer link, asks to confirm
  answer,         // POST /answers/{secret}: records the answer
  confirm_meeting,  // POST /api/v1/meetings/{id}/confirm: a held meeting becomes scheduled
  list_cases,           // the joint client's cases (issue 13)
  create_case,
  get_case,
  update_case,          // PATCH: team, coordinator, segment, or a stage move
  add_participant,      // the people around the client: /api/v1/cases/{id}/participants[/{pid}]
  update_participant,
  remove_participant,
  book_case_meeting,  // POST /api/v1/cases/{id}/meetings: a case's meeting with the people around the client
  list_rooms,     // rooms (issue 13): coordinators and admins read, admins write
  create_room,
  get_room,
  update_room,
  delete_room,
  rotate_room_feed_secret,
};

// Who may call an endpoint. Public endpoints need no token.
struct Access {
  bool is_public = false;
  bool coordinator = false;
  bool manager = false;
  bool admin = false;
  bool allows(store::TokenRole role) const;
};

// One request as its route matched it, handed to the route's handler.
struct Call;
// What every handler may use (the service, metrics, logger, ...); made once.
struct Services;
// Answers one matched request: parses and validates, calls one service member
// and renders. Plain functions, so safe to call from any number of threads.
// Errors come back as values; the caller turns them into error bodies.
using Handle = Result<Response> (*)(const Call& call, const Services& services);

// Where a route's handler may run (ServerOptions::handle_inline).
enum class Runs {
  on_workers,  // may wait for the database's writer or a pooled connection
  inline_,     // never blocks (cached or static answers): on the network threads
};

// A line of the route table.
struct RouteSpec {
  boost::beast::http::verb method;
  // Segments separated by '/'; "{}" matches one non-empty segment (the param;
  // a second "{}" is param2). A pattern ending in "{}.ics" takes the segment
  // without its ".ics".
  std::string_view pattern;
  Endpoint endpoint;
  Access access;
  Handle handle;
  std::string_view name;      // the route's label in /metrics
  Runs runs = Runs::on_workers;
  bool secret_param = false;  // the param is a capability: never logged
};

// Every route, in the order they are matched.
std::span<const RouteSpec> route_table();

struct Route {
  Endpoint endpoint = Endpoint::healthz;
  Access access;
  std::string param;  // the {id} or {secret} of the path, when it has one
  std::string_view name = "other";  // for metrics: "solve", "book_meeting", ...
  Handle handle = nullptr;
  Runs runs = Runs::on_workers;
  std::string param2;  // the second param of a path that has two ({pid} of /api/v1/cases/{id}/participants/{pid})
};

// Matches `path` (without the query string). Errc::not_found for an unknown
// path, Errc::method_not_allowed when the path exists for other methods only
// (allowed_methods names them). HEAD matches GET routes.
Result<Route> route(boost::beast::http::verb method, std::string_view path);

// The methods the routes of `path` take, as a 405's Allow header lists them
// (RFC 9110 10.2.1): "GET, HEAD, DELETE". Empty for a path no route matches.
std::string allowed_methods(std::string_view path);

// ServerOptions::handle_inline of the API: whether the route `req` matches
// runs inline (Runs::inline_); false when it matches none. Cheap (no
// allocation); pure; thread-safe.
bool runs_inline(const Request& req);

// The request target as it may be logged (access log, error lines), judged by
// the route the path matches, not by a prefix:
//  - never the query string or fragment (queries may carry secrets);
//  - a path matching a route whose param is a capability (a feed's secret, an
//    answer link's) shows that route with "…" for it: "/feeds/….ics",
//    "/answers/…";
//  - another route's param, and any segment of a path that matches no route,
//    is "…" when it could be a secret or holds a personal identity code
//    (log.hpp unloggable_segment): "/api/v1/meetings/131052-308T" ->
//    "/api/v1/meetings/…";
//  - a path matching no route is cut after a segment naming a secret route, in
//    any letter case and behind any slashes: "//feeds/x.ics" -> "//feeds/…",
//    "/FEEDS/x.ics" -> "/FEEDS/…".
// Pure; thread-safe.
std::string loggable_path(std::string_view target);

}  // namespace yhteisaika::http
