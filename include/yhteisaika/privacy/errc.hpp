#pragma once
// The error codes of privacy/, as std::error_code (like Beast's http::error).

#include <system_error>

namespace yhteisaika::privacy {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  identity_code = 1,  // a free-text field holds a Finnish personal identity code (henkilötunnus)
};
const std::error_category& privacy_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::privacy

template <>
struct std::is_error_code_enum<yhteisaika::privacy::Errc> : std::true_type {};
