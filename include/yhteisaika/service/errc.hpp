#pragma once
// The error codes of service/, as std::error_code (like Beast's http::error).

#include <system_error>

namespace yhteisaika::service {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  unknown_attendee = 1,  // a required or optional attendee is not a professional of the team
  invalid_value,         // a value out of range: a date, days, duration, a start off the grid, ...
  no_slot,               // nothing fits; the message is the solver's reason
  calendar_unavailable,  // a professional's calendar cannot be read: never taken as free
  unauthorized,          // no token, or one that matches nothing
  forbidden,             // a valid token whose role may not do this
  not_found,             // no such feed
  nothing_to_do,         // the request would change nothing (e.g. without_declined when nobody declined)
};
const std::error_category& service_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::service

template <>
struct std::is_error_code_enum<yhteisaika::service::Errc> : std::true_type {};
