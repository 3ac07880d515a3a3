#pragma once
// The error codes of cases/, as std::error_code (like Beast's http::error).

#include <system_error>

namespace yhteisaika::cases {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  unknown_word = 1,  // a stage, trigger, kind or day name that is none of the API's words
  stage_move,        // a stage move that the case's stages do not allow (back, a skip, out of closed)
  invalid_value,     // a field out of range or of the wrong shape (segment, label, email, windows, hold)
  case_closed,       // a closed case takes no new meetings
};
const std::error_category& cases_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::cases

template <>
struct std::is_error_code_enum<yhteisaika::cases::Errc> : std::true_type {};
