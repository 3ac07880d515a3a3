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

}  // namespace yhteisaika::http
