#pragma once
// Sends mail over SMTP (RFC 5321) with libcurl: plain, STARTTLS or implicit TLS,
// optional AUTH. (Start here for mailbox/; reading a mailbox is imap_reader.hpp,
// the error codes are errc.hpp.)

#include <yhteisaika/error.hpp>
#include <yhteisaika/mailbox/errc.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::mailbox {

struct SmtpOptions {
  // "smtp://127.0.0.1:2525", "smtp://host:587" (port 25 by default) or
  // "smtps://host:465" (TLS from the start). An optional path is the EHLO name
  // ("smtp://host/example.org"). No user name or password inside the URL.
  std::string url;
  // Requires STARTTLS on smtp:// (RFC 3207) and fails with bad_config when the
  // server does not offer it. Ignored for smtps://, which is TLS already.
  bool starttls = false;
  // Empty username: no AUTH. SECRET: the password never appears in an Error,
  // a log line or libcurl's trace. It is sent in clear over smtp:// without
  // starttls, so use that only towards a relay on the same host.
  std::string username;
  std::string password;
  // PEM file of the CAs that sign the server's certificate; empty = the system
  // store. The certificate and host name are always verified.
  std::string ca_file;
  std::chrono::seconds connect_timeout{10};  // TCP connect and TLS handshake
  std::chrono::seconds timeout{60};          // the whole send, connect included
};

// The SMTP envelope (RFC 5321 §3.3), which may differ from the message's From/To
// headers (Bcc). Addresses are addr-specs without angle brackets
// ("kalle@example.org"); an empty `from` is the null reverse path "<>".
struct Envelope {
  std::string from;
  std::vector<std::string> to;  // REQUIRES: at least one
};

class SmtpSender {
 public:
  // Checks the options without connecting. Errc::bad_config for a URL that is not
  // smtp:// or smtps:// with a host, a URL carrying credentials, a password
  // without a username, or timeouts that are not positive.
  static Result<SmtpSender> make(SmtpOptions options);

  // Sends one message, already rendered as RFC 5322 text with CRLF line ends.
  // The bytes are sent as they are; libcurl doubles leading dots on the wire
  // (RFC 5321 §4.5.2) and adds a final CRLF when the message lacks one.
  // Either every recipient accepts the message or none is sent it (the first
  // refused RCPT ends the transaction before DATA).
  // Errors (Errc): temporary (cannot connect, TLS, timeout, connection lost, a 4xx
  // reply), permanent (a 5xx reply to MAIL, RCPT or the message; an envelope
  // with no recipient or an address containing CR, LF, NUL, '<' or '>'),
  // bad_config (login refused, a 5xx reply to EHLO/STARTTLS/AUTH, certificate
  // not trusted, STARTTLS missing). The message names the server as host:port and
  // gives the server's reply code and text when there was one, e.g.
  // "SMTP server 127.0.0.1:2525 refused the recipient x@example.org: 550 5.1.1 ...".
  // Blocking. Each call uses its own connection, so calls may run concurrently.
  Result<void> send(const Envelope& envelope, std::string_view message) const;

  // "host:port" of the server, for log lines.
  const std::string& server() const noexcept { return server_; }

 private:
  SmtpSender(SmtpOptions options, std::string server) : options_(std::move(options)), server_(std::move(server)) {}

  SmtpOptions options_;
  std::string server_;
};

}  // namespace yhteisaika::mailbox
