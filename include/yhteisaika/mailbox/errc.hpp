#pragma once
// The error codes of mailbox/ (SMTP sending, IMAP reading), as std::error_code
// like Beast's http::error. They answer the one question a caller has to decide
// on: retry this later, give this message up, or stop and call an administrator.

#include <system_error>

namespace yhteisaika::mailbox {

// Mail errors are for the outbox and the inbox poller, which retry or alert;
// if one ever reaches an HTTP reply, add the mapping too (http/errors.cpp).
enum class Errc {
  temporary = 1,  // may work later unchanged: cannot connect, TLS handshake failed, timeout,
                  // connection lost, an SMTP 4xx reply, an IMAP NO that is not about the
                  // options. Retry with back-off.
  permanent,      // this message or request will never succeed: an SMTP 5xx reply to the
                  // sender, a recipient or the message (e.g. 550 unknown recipient), an
                  // invalid envelope, an IMAP UID that does not exist. Do not retry it.
  bad_config,     // nothing will work until the options change: a bad URL, a login refused
                  // (SMTP 530/534/535), a certificate not trusted, STARTTLS required but not
                  // offered, a mailbox that does not exist. Keep the work, alert an administrator.
};
const std::error_category& mailbox_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::mailbox

template <>
struct std::is_error_code_enum<yhteisaika::mailbox::Errc> : std::true_type {};
