#include "public_files.hpp"

#include "../dashboard.hpp"
#include "../responses.hpp"

#include <boost/json/object.hpp>

namespace yhteisaika::http::handlers {

using beast_http::status;

Result<Response> healthz(const Call& call, const Services&) {
  return json_response(call.req, status::ok, boost::json::object{{"status", "ok"}});
}

Result<Response> metrics(const Call& call, const Services& s) {
  return text_response(call.req, status::ok, "text/plain; version=0.0.4; charset=utf-8",
                       s.metrics.render_prometheus());
}

Result<Response> openapi(const Call& call, const Services& s) {
  return text_response(call.req, status::ok, "application/json", s.openapi);
}

Result<Response> dashboard(const Call& call, const Services&) { return dashboard_page(call.req); }

Result<Response> dashboard_js(const Call& call, const Services&) { return dashboard_script(call.req); }

Result<Response> dashboard_css(const Call& call, const Services&) { return dashboard_style(call.req); }

Result<Response> dashboard_icon(const Call& call, const Services&) { return http::dashboard_icon(call.req); }

}  // namespace yhteisaika::http::handlers
