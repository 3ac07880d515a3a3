#pragma once
// The route table of API v1: method + path -> endpoint and who may call it.
// Pure, so the whole table (and the role matrix) is tested without sockets.

#include <yhteisaika/error.hpp>
#include <yhteisaika/store/store.hpp>

#include <boost/beast/http/verb.hpp>

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
};

// Who may call an endpoint. Public endpoints need no token.
struct Access {
  bool is_public = false;
  bool coordinator = false;
  bool manager = false;
  bool admin = false;
  bool allows(store::TokenRole role) const;
};

struct Route {
  Endpoint endpoint = Endpoint::healthz;
  Access access;
  std::string param;  // the {id} or {secret} of the path, when it has one
  std::string_view name = "other";  // for metrics: "solve", "book_meeting", ...
};

// Matches `path` (without the query string). Errc::not_found for an unknown
// path, Errc::method_not_allowed (with the allowed methods in `where`) when
// the path exists for other methods only. HEAD matches GET routes.
Result<Route> route(boost::beast::http::verb method, std::string_view path);

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
