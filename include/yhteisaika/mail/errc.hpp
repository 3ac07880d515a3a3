#pragma once
// The error codes of mail/, as std::error_code (like Beast's http::error).

#include <system_error>

namespace yhteisaika::mail {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  malformed_message = 1,  // no blank line between header and body, or a header line that is not "Name: value"
  malformed_mime,         // a multipart without boundary or delimiter, a part without its header end, too deep
  bad_encoding,           // invalid base64, or an unknown Content-Transfer-Encoding
};
const std::error_category& mail_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::mail

template <>
struct std::is_error_code_enum<yhteisaika::mail::Errc> : std::true_type {};
