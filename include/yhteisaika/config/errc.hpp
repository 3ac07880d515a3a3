#pragma once
// The error codes of config/, as std::error_code (like Beast's http::error).
// Config errors stop start-up (the message goes to stderr); none reaches an HTTP client.

#include <system_error>

namespace yhteisaika::config {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  unknown_key = 1,  // a config-file key, a flag or a YHTEISAIKA_* variable that Yhteisaika does not know
  bad_value,        // a value that does not parse or breaks a rule (port 70000, hole after working hours)
  bad_syntax,       // a config-file line that is not `key = value`, a comment or blank
  duplicate_key,    // the config file sets the same key twice
};
const std::error_category& config_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::config

template <>
struct std::is_error_code_enum<yhteisaika::config::Errc> : std::true_type {};
