#pragma once
// Private to http/: what every handler gets (routes.hpp Handle). A handler
// parses and validates one request, calls one service member and renders the
// answer with render/; its errors go back as values and become error bodies
// in one place (error_reply.hpp). Handlers keep no state of their own: plain
// functions, safe to call from any number of threads at once.

#include <yhteisaika/http/log.hpp>
#include <yhteisaika/http/metrics.hpp>
#include <yhteisaika/http/routes.hpp>
#include <yhteisaika/http/server.hpp>
#include <yhteisaika/service/service.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace yhteisaika::http {

// The counters of /metrics that the API moves, registered once.
struct ApiCounters {
  explicit ApiCounters(Metrics& metrics);
  std::atomic<std::uint64_t>& bookings;           // meetings booked
  std::atomic<std::uint64_t>& conflicts;          // answers 409
  std::atomic<std::uint64_t>& solves;             // solves answered
  std::atomic<std::uint64_t>& feed_hits;          // feeds answered 200
  std::atomic<std::uint64_t>& feed_not_modified;  // feeds answered 304
};

// What handlers use; made once per server. Everything it refers to must
// outlive it; every member may be used from any thread.
struct Services {
  service::Service& service;
  Metrics& metrics;
  Logger& logger;
  std::string openapi;  // served at /api/v1/openapi.json
  ApiCounters counters;
};

// One request as its route matched it.
struct Call {
  const Request& req;
  std::string_view param;       // the path's {id} or {secret}, when it has one
  std::string_view query;       // the query string, without '?'
  const service::Actor* actor;  // the caller; never null on a route that is not public
  std::string_view param2 = {};  // the path's second param, when it has two
};

}  // namespace yhteisaika::http
