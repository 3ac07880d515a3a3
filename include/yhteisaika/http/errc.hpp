#pragma once
// The error codes of the HTTP layer itself: requests that never reach a service.

#include <system_error>

namespace yhteisaika::http {

// Add the mapping too (errors.cpp) when adding a code.
enum class Errc {
  bad_json = 1,        // the body is not well-formed JSON
  bad_request,         // a field is missing, of the wrong type, or unknown
  not_found,           // no such route, or an id in the path that names nothing
  method_not_allowed,  // the route exists, but not for this method
  too_large,           // the body is over the configured limit
};
const std::error_category& http_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::http

template <>
struct std::is_error_code_enum<yhteisaika::http::Errc> : std::true_type {};
