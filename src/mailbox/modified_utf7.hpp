#pragma once
// Private to mailbox/: IMAP mailbox names on the wire (RFC 3501 §5.1.3,
// "modified UTF-7"): printable ASCII stands for itself except '&', which is
// "&-"; any other run of characters is UTF-16BE in base64 with ',' for '/',
// no padding, between '&' and '-'. "Käsitellyt" -> "K&AOQ-sitellyt". Pure.

#include <yhteisaika/error.hpp>

#include <string>
#include <string_view>

namespace yhteisaika::mailbox::detail {

// Errc::bad_config (mailbox errors) for text that is not valid UTF-8, or holds
// CR, LF or NUL (never part of a mailbox name).
Result<std::string> to_modified_utf7(std::string_view utf8);

}  // namespace yhteisaika::mailbox::detail
