#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/http/routes.hpp>

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/http/log.hpp>

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

struct Entry {
  verb method;
  // Segments separated by '/'; "{}" matches one non-empty segment (the param).
  // A pattern ending in "{}.ics" takes the segment without its ".ics".
  std::string_view pattern;
  Endpoint endpoint;
  Access access;
  std::string_view name = "other";  // the route's label in /metrics
  bool secret_param = false;        // the param is a capability: never logged
};

constexpr std::array kTable{
    Entry{verb::get, "/healthz", Endpoint::healthz, kPublic, "healthz"},
    Entry{verb::get, "/metrics", Endpoint::metrics, kPublic, "metrics"},
    Entry{verb::get, "/api/v1/openapi.json", Endpoint::openapi, kPublic, "openapi"},
    Entry{verb::get, "/feeds/{}.ics", Endpoint::feed, kPublic, "feed", true},
    Entry{verb::get, "/api/v1/professionals", Endpoint::list_professionals, kAnyRole, "list_professionals"},
    Entry{verb::post, "/api/v1/professionals", Endpoint::create_professional, kAdmin, "create_professional"},
    Entry{verb::get, "/api/v1/professionals/{}", Endpoint::get_professional, kAnyRole, "get_professional"},
    Entry{verb::patch, "/api/v1/professionals/{}", Endpoint::update_professional, kAdmin, "update_professional"},
    Entry{verb::post, "/api/v1/professionals/{}/feed-secret", Endpoint::rotate_feed_secret, kAdmin, "rotate_feed_secret"},
    Entry{verb::post, "/api/v1/solve", Endpoint::solve, kCoordinator, "solve"},
    Entry{verb::post, "/api/v1/meetings", Endpoint::book_meeting, kCoordinator, "book_meeting"},
    Entry{verb::get, "/api/v1/meetings", Endpoint::list_meetings, kCoordinator, "list_meetings"},
    Entry{verb::get, "/api/v1/meetings/{}", Endpoint::get_meeting, kCoordinator, "get_meeting"},
    Entry{verb::delete_, "/api/v1/meetings/{}", Endpoint::cancel_meeting, kCoordinator, "cancel_meeting"},
    Entry{verb::post, "/api/v1/meetings/{}/reschedule", Endpoint::reschedule_meeting, kCoordinator, "reschedule_meeting"},
    Entry{verb::get, "/api/v1/meetings/{}/invite.ics", Endpoint::meeting_invite, kCoordinator, "meeting_invite"},
    Entry{verb::get, "/api/v1/utilisation", Endpoint::utilisation, kManager, "utilisation"},
    Entry{verb::get, "/api/v1/audit", Endpoint::audit, kAdmin, "audit"},
    Entry{verb::get, "/api/v1/sources", Endpoint::list_sources, kAdmin, "list_sources"},
    Entry{verb::post, "/api/v1/sources/{}/refresh", Endpoint::refresh_source, kAdmin, "refresh_source"},
    Entry{verb::get, "/api/v1/outbox", Endpoint::outbox, kAdmin, "outbox"},
    // The secret in the path is the capability (bound to one attendee and meeting version).
    Entry{verb::get, "/answers/{}", Endpoint::answer_page, kPublic, "answer_page", true},
    Entry{verb::post, "/answers/{}", Endpoint::answer, kPublic, "answer", true},
    Entry{verb::get, "/dashboard", Endpoint::dashboard, kPublic, "dashboard"},
    Entry{verb::get, "/dashboard/app.js", Endpoint::dashboard_js, kPublic, "dashboard_js"},
    Entry{verb::get, "/dashboard/app.css", Endpoint::dashboard_css, kPublic, "dashboard_css"},
    Entry{verb::get, "/dashboard/icon.svg", Endpoint::dashboard_icon, kPublic, "dashboard_icon"},
    Entry{verb::get, "/favicon.ico", Endpoint::dashboard_icon, kPublic, "dashboard_icon"},
};

// Splits off the next '/'-separated segment of `rest` (which starts after a '/').
std::string_view next_segment(std::string_view& rest) {
  auto slash = rest.find('/');
  std::string_view segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return segment;
}

bool matches(std::string_view pattern, std::string_view path, std::string& param) {
  if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
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
      param = got;
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
    for (const Entry& e : kTable) {
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
  for (const Entry& e : kTable) {
    std::string param;
    if (!matches(e.pattern, path, param)) continue;
    const auto hole = e.pattern.find("{}");
    if (hole == std::string_view::npos) return std::string(path);
    // Every method of a pattern has the same kind of param.
    const std::string_view shown = e.secret_param || unloggable_segment(param) ? "…" : std::string_view(param);
    return std::string(e.pattern.substr(0, hole)) + std::string(shown) + std::string(e.pattern.substr(hole + 2));
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
  std::string allowed;
  for (const Entry& e : kTable) {
    std::string param;
    if (!matches(e.pattern, path, param)) continue;
    if (e.method == wanted) return Route{e.endpoint, e.access, std::move(param), e.name};
    if (!allowed.empty()) allowed += ", ";
    allowed += boost::beast::http::to_string(e.method);
    if (e.method == verb::get) allowed += ", HEAD";
  }
  if (!allowed.empty()) {
    return Error{Errc::method_not_allowed, "this path does not take " + std::string(boost::beast::http::to_string(method)),
                 allowed};
  }
  return Error{Errc::not_found, "no such path: " + std::string(path), {}};
}

}  // namespace yhteisaika::http
