#pragma once
// The managers' dashboard (issue 5): one page, its script, its style sheet and its icon,
// embedded at build time from src/http/dashboard/ (see CMakeLists.txt), so the
// binary serves the page it was built with and nothing comes from a CDN.
//
// The files are public: the page asks the manager for a token and sends it
// itself, in the Authorization header of GET /api/v1/utilisation.
// Every answer carries a strict Content-Security-Policy (no inline script or
// style, no other origin, no form submission, no framing), nosniff,
// Referrer-Policy no-referrer and Cache-Control no-store.
// Thread-safe: the bodies are immutable.

#include <yhteisaika/http/server.hpp>

#include <string_view>

namespace yhteisaika::http {

// The embedded files, verbatim (generated dashboard_assets.cpp).
extern const std::string_view kDashboardHtml;
extern const std::string_view kDashboardJs;
extern const std::string_view kDashboardCss;
extern const std::string_view kDashboardIcon;

// GET /dashboard: text/html; charset=utf-8.
Response dashboard_page(const Request& req);
// GET /dashboard/app.js: text/javascript; charset=utf-8.
Response dashboard_script(const Request& req);
// GET /dashboard/app.css: text/css; charset=utf-8.
Response dashboard_style(const Request& req);
// GET /dashboard/icon.svg (the page's <link rel="icon">) and GET /favicon.ico
// (which browsers and other tools ask for by themselves): image/svg+xml, so
// neither is a 404.
Response dashboard_icon(const Request& req);

}  // namespace yhteisaika::http
