#include <yhteisaika/http/api.hpp>

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/http/routes.hpp>
#include <yhteisaika/store/store.hpp>

#include "error_reply.hpp"
#include "handlers/handler.hpp"

#include <array>
#include <atomic>

namespace yhteisaika::http {

namespace {

using beast_http::field;

// "Bearer <token>" -> the token; the scheme is case-insensitive (RFC 7235).
std::string bearer_token(const Request& req) {
  auto it = req.find(field::authorization);
  if (it == req.end()) return {};
  std::string_view value = it->value();
  if (value.size() < 7 || ascii_lower(value.substr(0, 7)) != "bearer ") return {};
  value.remove_prefix(7);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return std::string(value);
}

// The router: the route table (routes.cpp) finds the route, the caller's token
// is checked against the route's roles, and the route's handler answers; every
// error takes the one error path (error_reply.hpp). Holds no request state.
class Api {
 public:
  Api(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi)
      : services_{service, metrics, logger, std::move(openapi), ApiCounters(metrics)} {}

  Response operator()(const Request& req) const {
    const std::string_view target = req.target();
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query = question == std::string_view::npos ? "" : target.substr(question + 1);

    auto route = http::route(req.method(), path);
    if (!route) {
      Response res = error_reply(req, route.error(), services_);
      // A 405 lists the methods the path does take (RFC 9110 15.5.6): the route table knows them.
      if (res.result() == beast_http::status::method_not_allowed) res.set(field::allow, allowed_methods(path));
      return res;
    }
    // Per-route figures for /metrics (the server counts all requests itself).
    const auto started = std::chrono::steady_clock::now();
    Response res = answer(req, *route, query);
    route_stats(*route).observe(res.result_int(), std::chrono::steady_clock::now() - started);
    return res;
  }

 private:
  Response answer(const Request& req, const Route& route, std::string_view query) const {
    std::optional<service::Actor> actor;
    if (!route.access.is_public) {
      auto caller = authorize(req, route.access);
      if (!caller) return error_reply(req, caller.error(), services_);
      actor = std::move(*caller);
    }
    auto answered = route.handle(Call{req, route.param, query, actor ? &*actor : nullptr, route.param2}, services_);
    if (!answered) return error_reply(req, answered.error(), services_);
    return std::move(*answered);
  }

  // Who calls, if their token may call a route with `access`.
  Result<service::Actor> authorize(const Request& req, const Access& access) const {
    auto token = services_.service.directory().authenticate(bearer_token(req));
    if (!token) return token.error();
    if (!access.allows(token->role)) {
      return Error{service::Errc::forbidden,
                   std::string("a ") + store::to_string(token->role) + " token may not do this", {}};
    }
    return service::Actor{token->name, token->role};
  }

  // The route's stats, looked up once per endpoint: no lock on the hot path.
  Metrics::RouteStats& route_stats(const Route& route) const {
    auto& slot = route_stats_.at(static_cast<std::size_t>(route.endpoint));
    Metrics::RouteStats* stats = slot.load(std::memory_order_acquire);
    if (!stats) {
      stats = &services_.metrics.route(route.name);  // the same object for every caller
      slot.store(stats, std::memory_order_release);
    }
    return *stats;
  }

  Services services_;
  mutable std::array<std::atomic<Metrics::RouteStats*>, 64> route_stats_{};  // by Endpoint
};

}  // namespace

ApiCounters::ApiCounters(Metrics& metrics)
    : bookings(metrics.counter("yhteisaika_bookings_total", "Meetings booked")),
      conflicts(metrics.counter("yhteisaika_booking_conflicts_total", "Bookings answered 409")),
      solves(metrics.counter("yhteisaika_solves_total", "Solves answered (POST /api/v1/solve)")),
      feed_hits(metrics.counter("yhteisaika_feed_hits_total", "Feed requests answered 200 from the cache")),
      feed_not_modified(metrics.counter("yhteisaika_feed_not_modified_total", "Feed requests answered 304")) {}

Handler make_api_handler(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi_json) {
  auto api = std::make_shared<const Api>(service, metrics, logger, std::move(openapi_json));
  return [api](const Request& req) { return (*api)(req); };
}

}  // namespace yhteisaika::http
