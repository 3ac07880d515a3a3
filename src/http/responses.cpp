#include "responses.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <boost/json.hpp>

namespace yhteisaika::http {

using beast_http::field;

Response text_response(const Request& req, beast_http::status status, std::string_view content_type,
                       std::string body) {
  Response res{status, req.version()};
  res.set(field::content_type, content_type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response json_response(const Request& req, beast_http::status status, const boost::json::value& body) {
  return text_response(req, status, "application/json", json_text(body));
}

Response html_response(const Request& req, beast_http::status status, std::string body) {
  auto res = text_response(req, status, "text/html; charset=utf-8", std::move(body));
  res.set(field::cache_control, "no-store");
  res.set("Referrer-Policy", "no-referrer");  // the secret is in the URL
  res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  return res;
}

Response error_body_response(const ErrorBody& error, unsigned version, bool keep_alive) {
  boost::json::object body{{"error", error.code}, {"detail", error.detail}};
  if (!error.field.empty()) body["field"] = error.field;
  Response res{error.status, version};
  res.set(field::content_type, "application/json");
  res.keep_alive(keep_alive);
  res.body() = json_text(body);
  res.prepare_payload();
  return res;
}

}  // namespace yhteisaika::http
