#pragma once
// Private to http/: how every response is built, the same way for every route.
// Handlers render bodies (render/) and hand them to these, which set the
// status, content type, the request's version and keep-alive, and the length.
// Error bodies are built here only, for the router's and handlers' errors
// (errors.hpp error_response) and for the server's own rejections alike:
//   {"error": "<code>", "detail": "<what is wrong>", "field": "<where>"}
// as application/json, "field" only when there is one; never a stack trace.

#include <yhteisaika/http/server.hpp>

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

namespace yhteisaika::http {

// `body` as `content_type`.
Response text_response(const Request& req, beast_http::status status, std::string_view content_type,
                       std::string body);

// `body` as application/json (json_text.hpp: numbers as plain decimals).
Response json_response(const Request& req, beast_http::status status, const boost::json::value& body);

// An HTML page a person opens from their mail: never stored by caches, its
// URL never sent on (it may hold a secret), no script.
Response html_response(const Request& req, beast_http::status status, std::string body);

struct ErrorBody {
  beast_http::status status;
  std::string_view code;    // the stable "error" code: "not_found", "slot_taken", ...
  std::string_view detail;  // what is wrong, in words a user can act on
  std::string_view field = {};  // the field or parameter at fault; empty: none
};

// The one error body builder.
Response error_body_response(const ErrorBody& error, unsigned version, bool keep_alive);

}  // namespace yhteisaika::http
