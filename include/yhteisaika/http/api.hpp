#pragma once
// Start here for the API: API v1 as one Handler for the Server. The route
// table (routes.hpp, src/http/routes.cpp) says for every method + path who may
// call it, which handler answers it and whether it may run on the network
// threads; the handlers (src/http/handlers/, one file per resource) parse and
// validate, call one Service member and render with src/http/render/; every
// error goes through the one table in errors.hpp. The contract is
// docs/openapi.json.

#include <yhteisaika/http/log.hpp>
#include <yhteisaika/http/metrics.hpp>
#include <yhteisaika/http/server.hpp>
#include <yhteisaika/service/service.hpp>

#include <string>

namespace yhteisaika::http {

// `service`, `metrics` and `logger` must outlive the handler. `openapi_json` is
// served at /api/v1/openapi.json. Give the server routes.hpp runs_inline() as
// ServerOptions::handle_inline and loggable_path() as its loggable_path.
Handler make_api_handler(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi_json);

}  // namespace yhteisaika::http
