#pragma once
// Private to http/: the public routes that need no token and touch no data:
// health, metrics, the contract, and the managers' dashboard (its page asks
// for a token and sends it itself). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /healthz: {"status":"ok"}.
Result<Response> healthz(const Call& call, const Services& s);
// GET /metrics: the Prometheus text exposition format 0.0.4.
Result<Response> metrics(const Call& call, const Services& s);
// GET /api/v1/openapi.json: docs/openapi.json as built in.
Result<Response> openapi(const Call& call, const Services& s);
// GET /dashboard, /dashboard/app.js, /dashboard/app.css, and the icon at
// /dashboard/icon.svg and /favicon.ico (dashboard.hpp).
Result<Response> dashboard(const Call& call, const Services& s);
Result<Response> dashboard_js(const Call& call, const Services& s);
Result<Response> dashboard_css(const Call& call, const Services& s);
Result<Response> dashboard_icon(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
