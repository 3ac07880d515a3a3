#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/http/routes.hpp>

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/http/log.hpp>

#include "handlers/admin.hpp"
#include "handlers/answers.hpp"
#include "handlers/cases.hpp"
#include "handlers/case_meetings.hpp"
#include "handlers/feeds.hpp"
#include "handlers/figures.hpp"
#include "handlers/meetings.hpp"
#include "handlers/participants.hpp"
#include "handlers/professionals.hpp"
#include "handlers/public_files.hpp"
#include "handlers/rooms.hpp"
#include "handlers/sources.hpp"
#include "request_fields.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace yhteisaika::http {

namespace {

using boost::beast::http::verb;

constexpr Access kPublic{true, false, false, false};
constexpr Access kAnyRole{false, true, true, true};
constexpr Access kCoordinator{false, true, false, true};
constexpr Access kManager{false, false, true, true};
constexpr Access kAdmin{false, false, false, true};

// The handlers are declared in handlers/*.hpp, one file per resource.
using namespace handlers;
constexpr Runs kInline = Runs::inline_;
constexpr Runs kWorkers = Runs::on_workers;
constexpr bool kSecret = true;  // the param is a capability

// method, path, endpoint, who may call it, handler, name in /metrics, where it runs, secret param.
// Inline are only the routes whose answers never wait for the database's writer
// or a pooled connection: a feed (from the cache), /healthz, /metrics and the
// dashboard's embedded files.
constexpr std::array kTable{
    RouteSpec{verb::get, "/healthz", Endpoint::healthz, kPublic, healthz, "healthz", kInline},
    RouteSpec{verb::get, "/metrics", Endpoint::metrics, kPublic, metrics, "metrics", kInline},
    RouteSpec{verb::get, "/api/v1/openapi.json", Endpoint::openapi, kPublic, openapi, "openapi", kWorkers},
    RouteSpec{verb::get, "/feeds/{}.ics", Endpoint::feed, kPublic, feed, "feed", kInline, kSecret},
    RouteSpec{verb::get, "/api/v1/professionals", Endpoint::list_professionals, kAnyRole, list_professionals,
              "list_professionals"},
    RouteSpec{verb::post, "/api/v1/professionals", Endpoint::create_professional, kAdmin, create_professional,
              "create_professional"},
    RouteSpec{verb::get, "/api/v1/professionals/{}", Endpoint::get_professional, kAnyRole, get_professional,
              "get_professional"},
    RouteSpec{verb::patch, "/api/v1/professionals/{}", Endpoint::update_professional, kAdmin, update_professional,
              "update_professional"},
    RouteSpec{verb::post, "/api/v1/professionals/{}/feed-secret", Endpoint::rotate_feed_secret, kAdmin,
              rotate_feed_secret, "rotate_feed_secret"},
    RouteSpec{verb::post, "/api/v1/solve", Endpoint::solve, kCoordinator, solve, "solve"},
    RouteSpec{verb::post, "/api/v1/meetings", Endpoint::book_meeting, kCoordinator, book_meeting, "book_meeting"},
    RouteSpec{verb::get, "/api/v1/meetings", Endpoint::list_meetings, kCoordinator, list_meetings, "list_meetings"},
    RouteSpec{verb::get, "/api/v1/meetings/{}", Endpoint::get_meeting, kCoordinator, get_meeting, "get_meeting"},
    RouteSpec{verb::delete_, "/api/v1/meetings/{}", Endpoint::cancel_meeting, kCoordinator, cancel_meeting,
              "cancel_meeting"},
    RouteSpec{verb::post, "/api/v1/meetings/{}/reschedule", Endpoint::reschedule_meeting, kCoordinator,
              reschedule_meeting, "reschedule_meeting"},
    RouteSpec{verb::get, "/api/v1/meetings/{}/invite.ics", Endpoint::meeting_invite, kCoordinator, meeting_invite,
              "meeting_invite"},
    RouteSpec{verb::get, "/api/v1/utilisation", Endpoint::utilisation, kManager, utilisation, "utilisation"},
    RouteSpec{verb::get, "/api/v1/audit", Endpoint::audit, kAdmin, audit, "audit"},
    RouteSpec{verb::get, "/api/v1/sources", Endpoint::list_sources, kAdmin, list_sources, "list_sources"},
    RouteSpec{verb::post, "/api/v1/sources/{}/refresh", Endpoint::refresh_source, kAdmin, refresh_source,
              "refresh_source"},
    RouteSpec{verb::get, "/api/v1/outbox", Endpoint::outbox, kAdmin, outbox, "outbox"},
    // The secret in the path is the capability (bound to one attendee and meeting version).
    RouteSpec{verb::get, "/answers/{}", Endpoint::answer_page, kPublic, answer_page, "answer_page", kWorkers, kSecret},
    RouteSpec{verb::post, "/answers/{}", Endpoint::answer, kPublic, answer, "answer", kWorkers, kSecret},
    RouteSpec{verb::get, "/dashboard", Endpoint::dashboard, kPublic, dashboard, "dashboard", kInline},
    RouteSpec{verb::get, "/dashboard/app.js", Endpoint::dashboard_js, kPublic, dashboard_js, "dashboard_js", kInline},
    RouteSpec{verb::get, "/dashboard/app.css", Endpoint::dashboard_css, kPublic, dashboard_css, "dashboard_css",
              kInline},
    RouteSpec{verb::get, "/dashboard/icon.svg", Endpoint::dashboard_icon, kPublic, dashboard_icon, "dashboard_icon",
              kInline},
    RouteSpec{verb::get, "/favicon.ico", Endpoint::dashboard_icon, kPublic, dashboard_icon, "dashboard_icon", kInline},
    RouteSpec{verb::post, "/api/v1/meetings/{}/confirm", Endpoint::confirm_meeting, kCoordinator, confirm_meeting,
              "confirm_meeting"},
    RouteSpec{verb::get, "/api/v1/cases", Endpoint::list_cases, kCoordinator, list_cases, "list_cases"},
    RouteSpec{verb::post, "/api/v1/cases", Endpoint::create_case, kCoordinator, create_case, "create_case"},
    RouteSpec{verb::get, "/api/v1/cases/{}", Endpoint::get_case, kCoordinator, get_case, "get_case"},
    RouteSpec{verb::patch, "/api/v1/cases/{}", Endpoint::update_case, kCoordinator, update_case, "update_case"},
    RouteSpec{verb::post, "/api/v1/cases/{}/participants", Endpoint::add_participant, kCoordinator, add_participant,
              "add_participant"},
    RouteSpec{verb::patch, "/api/v1/cases/{}/participants/{}", Endpoint::update_participant, kCoordinator,
              update_participant, "update_participant"},
    RouteSpec{verb::delete_, "/api/v1/cases/{}/participants/{}", Endpoint::remove_participant, kCoordinator,
              remove_participant, "remove_participant"},
    RouteSpec{verb::post, "/api/v1/cases/{}/meetings", Endpoint::book_case_meeting, kCoordinator, book_case_meeting,
              "book_case_meeting"},
    RouteSpec{verb::get, "/api/v1/rooms", Endpoint::list_rooms, kCoordinator, list_rooms, "list_rooms"},
    RouteSpec{verb::post, "/api/v1/rooms", Endpoint::create_room, kAdmin, create_room, "create_room"},
    RouteSpec{verb::get, "/api/v1/rooms/{}", Endpoint::get_room, kCoordinator, get_room, "get_room"},
    RouteSpec{verb::patch, "/api/v1/rooms/{}", Endpoint::update_room, kAdmin, update_room, "update_room"},
    RouteSpec{verb::delete_, "/api/v1/rooms/{}", Endpoint::delete_room, kAdmin, delete_room, "delete_room"},
    RouteSpec{verb::post, "/api/v1/rooms/{}/feed-secret", Endpoint::rotate_room_feed_secret, kAdmin,
              rotate_room_feed_secret, "rotate_room_feed_secret"},
};

// Splits off the next '/'-separated segment of `rest` (which starts after a '/').
std::string_view next_segment(std::string_view& rest) {
  auto slash = rest.find('/');
  std::string_view segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return segment;
}

// `param2` takes a second "{}" of the pattern (dropped when null).
bool matches(std::string_view pattern, std::string_view path, std::string_view& param,
             std::string_view* param2 = nullptr) {
  if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
  bool first = true;
  pattern.remove_prefix(1);
  path.remove_prefix(1);
  while (true) {
    const bool pattern_done = pattern.empty();
    const bool path_done = path.empty();
    if (pattern_done || path_done) return pattern_done && path_done;
    std::string_view want = next_segment(pattern);
    std::string_view got = next_segment(path);
    if (want == "{}") {
      if (got.empty()) return false;
      if (first) {
        param = got;
        first = false;
      } else if (param2) {
        *param2 = got;
      }
    } else if (want == "{}.ics") {
      if (got.size() <= 4 || !got.ends_with(".ics")) return false;
      param = got.substr(0, got.size() - 4);
    } else if (want != got) {
      return false;
    }
    if (pattern.empty() != path.empty()) return false;
  }
}

// The literal segments that stand before a secret param ("feeds", "answers").
const std::vector<std::string_view>& secret_route_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const RouteSpec& e : kTable) {
      if (!e.secret_param) continue;
      std::string_view before = e.pattern.substr(0, e.pattern.find("{}"));
      before.remove_suffix(1);  // the '/' before the param
      out.push_back(before.substr(before.rfind('/') + 1));
    }
    return out;
  }();
  return names;
}

}  // namespace

std::string loggable_path(std::string_view target) {
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  for (const RouteSpec& e : kTable) {
    std::string_view param, param2;
    if (!matches(e.pattern, path, param, &param2)) continue;
    const auto hole = e.pattern.find("{}");
    if (hole == std::string_view::npos) return std::string(path);
    // Every method of a pattern has the same kind of param.
    const auto shown = [&e](std::string_view p) {
      return std::string(e.secret_param || unloggable_segment(p) ? "…" : p);
    };
    std::string out = std::string(e.pattern.substr(0, hole)) + shown(param);
    std::string_view rest = e.pattern.substr(hole + 2);
    if (const auto second = rest.find("{}"); second != std::string_view::npos) {
      out += std::string(rest.substr(0, second)) + shown(param2);
      rest = rest.substr(second + 2);
    }
    return out + std::string(rest);
  }
  // No route: the client may have misspelt the route around a real secret
  // ("//feeds/<secret>.ics", "/FEEDS/<secret>.ics"), so nothing after a segment
  // that names a secret route is logged.
  std::string out;
  std::string_view rest = path;
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const std::string name = ascii_lower(percent_decode(segment, false));
    const auto& secret_names = secret_route_names();
    if (std::find(secret_names.begin(), secret_names.end(), name) != secret_names.end()) {
      out += segment;
      if (slash != std::string_view::npos) out += slash + 1 < rest.size() ? "/…" : "/";
      return out;
    }
    out += unloggable_segment(segment) ? std::string_view("…") : segment;
    if (slash == std::string_view::npos) return out;
    out += '/';
    rest.remove_prefix(slash + 1);
  }
}

bool Access::allows(store::TokenRole role) const {
  switch (role) {
    case store::TokenRole::coordinator:
      return coordinator;
    case store::TokenRole::manager:
      return manager;
    case store::TokenRole::admin:
      return admin;
  }
  return false;
}

Result<Route> route(verb method, std::string_view path) {
  const verb wanted = method == verb::head ? verb::get : method;
  for (const RouteSpec& e : kTable) {
    std::string_view param, param2;
    if (matches(e.pattern, path, param, &param2) && e.method == wanted) {
      return Route{e.endpoint, e.access, std::string(param), e.name, e.handle, e.runs, std::string(param2)};
    }
  }
  if (!allowed_methods(path).empty()) {
    return Error{Errc::method_not_allowed, "this path does not take " + std::string(boost::beast::http::to_string(method)),
                 {}};
  }
  return Error{Errc::not_found, "no such path: " + std::string(path), {}};
}

std::string allowed_methods(std::string_view path) {
  std::string allowed;
  for (const RouteSpec& e : kTable) {
    std::string_view param;
    if (!matches(e.pattern, path, param)) continue;
    if (!allowed.empty()) allowed += ", ";
    allowed += boost::beast::http::to_string(e.method);
    if (e.method == verb::get) allowed += ", HEAD";
  }
  return allowed;
}

std::span<const RouteSpec> route_table() { return kTable; }

bool runs_inline(const Request& req) {
  const verb method = req.method() == verb::head ? verb::get : req.method();
  const std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find('?'));
  for (const RouteSpec& e : kTable) {
    std::string_view param;
    if (e.method == method && matches(e.pattern, path, param)) return e.runs == Runs::inline_;
  }
  return false;
}

}  // namespace yhteisaika::http
