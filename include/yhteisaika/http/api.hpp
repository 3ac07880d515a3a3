#pragma once
// Start here for the API: API v1 as one Handler for the Server. Each endpoint
// parses and validates its input, calls one Service member and renders the
// answer; errors go through the one table in errors.hpp. The routes and who
// may call them are in routes.hpp; the contract is docs/openapi.json.

#include <yhteisaika/http/log.hpp>
#include <yhteisaika/http/metrics.hpp>
#include <yhteisaika/http/server.hpp>
#include <yhteisaika/service/service.hpp>

#include <string>

namespace yhteisaika::http {

// `service`, `metrics` and `logger` must outlive the handler. `openapi_json` is
// served at /api/v1/openapi.json.
Handler make_api_handler(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi_json);

// True for the requests whose handling never waits for the database's writer or
// a pooled connection (feeds, /healthz, /metrics): the server may answer them
// on its network threads (ServerOptions::handle_inline), saving a thread hop.
bool never_blocks(const Request& req);

}  // namespace yhteisaika::http
