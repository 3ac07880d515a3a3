#pragma once
// One table from every error a request can meet to its HTTP status and the
// stable "error" code of the JSON body {"error", "detail", "field"}.

#include <yhteisaika/error.hpp>
#include <yhteisaika/http/server.hpp>

#include <boost/beast/http/status.hpp>

#include <string_view>
#include <system_error>

namespace yhteisaika::http {

struct HttpError {
  boost::beast::http::status status;
  std::string_view code;  // "bad_request", "slot_taken", ...
};

// Unknown codes (a bug) map to 500 "internal".
HttpError http_error(const std::error_code& code);

// The JSON error response for `error`: its message as "detail", and for a
// refusal (4xx) the field of Error::where as "field" when there is one.
Response error_response(const Error& error, unsigned version, bool keep_alive);

}  // namespace yhteisaika::http
