#include "dashboard.hpp"

#include "responses.hpp"

#include <string>

namespace yhteisaika::http {

namespace {

using beast_http::field;

// Only this origin's files; the page loads no other script, style, font or frame,
// and its forms never submit (the sign-in form is handled by the script, so a
// token can never end up in a URL).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

Response static_file(const Request& req, std::string_view content_type, std::string_view body) {
  Response res = text_response(req, beast_http::status::ok, content_type, std::string(body));
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set(field::cache_control, "no-store");
  return res;
}

}  // namespace

Response dashboard_page(const Request& req) { return static_file(req, "text/html; charset=utf-8", kDashboardHtml); }

Response dashboard_script(const Request& req) {
  return static_file(req, "text/javascript; charset=utf-8", kDashboardJs);
}

Response dashboard_style(const Request& req) { return static_file(req, "text/css; charset=utf-8", kDashboardCss); }

Response dashboard_icon(const Request& req) { return static_file(req, "image/svg+xml", kDashboardIcon); }

}  // namespace yhteisaika::http
