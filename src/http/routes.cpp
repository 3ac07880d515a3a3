#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/http/routes.hpp>

#include <array>

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
};

constexpr std::array kTable{
    Entry{verb::get, "/healthz", Endpoint::healthz, kPublic},
    Entry{verb::get, "/metrics", Endpoint::metrics, kPublic},
    Entry{verb::get, "/api/v1/openapi.json", Endpoint::openapi, kPublic},
    Entry{verb::get, "/feeds/{}.ics", Endpoint::feed, kPublic},
    Entry{verb::get, "/api/v1/professionals", Endpoint::list_professionals, kAnyRole},
    Entry{verb::post, "/api/v1/professionals", Endpoint::create_professional, kAdmin},
    Entry{verb::get, "/api/v1/professionals/{}", Endpoint::get_professional, kAnyRole},
    Entry{verb::patch, "/api/v1/professionals/{}", Endpoint::update_professional, kAdmin},
    Entry{verb::post, "/api/v1/professionals/{}/feed-secret", Endpoint::rotate_feed_secret, kAdmin},
    Entry{verb::post, "/api/v1/solve", Endpoint::solve, kCoordinator},
    Entry{verb::post, "/api/v1/meetings", Endpoint::book_meeting, kCoordinator},
    Entry{verb::get, "/api/v1/meetings", Endpoint::list_meetings, kCoordinator},
    Entry{verb::get, "/api/v1/meetings/{}", Endpoint::get_meeting, kCoordinator},
    Entry{verb::delete_, "/api/v1/meetings/{}", Endpoint::cancel_meeting, kCoordinator},
    Entry{verb::post, "/api/v1/meetings/{}/reschedule", Endpoint::reschedule_meeting, kCoordinator},
    Entry{verb::get, "/api/v1/meetings/{}/invite.ics", Endpoint::meeting_invite, kCoordinator},
    Entry{verb::get, "/api/v1/utilisation", Endpoint::utilisation, kManager},
    Entry{verb::get, "/api/v1/audit", Endpoint::audit, kAdmin},
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

}  // namespace

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
    if (e.method == wanted) return Route{e.endpoint, e.access, std::move(param)};
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
