#pragma once
// The mail server URLs of SmtpOptions and ImapOptions, checked with libcurl's own
// URL parser (so that we accept what libcurl will connect to). Private to mailbox/.

#include <yhteisaika/error.hpp>

#include <string>
#include <string_view>

namespace yhteisaika::mailbox::detail {

struct ServerUrl {
  std::string scheme;  // lower case: "smtp", "smtps", "imap", "imaps"
  std::string host;    // "127.0.0.1", "mail.example.org", "[::1]"
  std::string port;    // explicit or the scheme's default: "2525", "465"
  std::string path;    // percent-decoded, without the leading '/'; may be empty
  std::string server() const { return host + ":" + port; }
};

// Errc::bad_config, without echoing the URL (it may carry a password), unless
// `url` is "<plain_scheme>://host[:port][/path]" or the same with `tls_scheme`,
// without user name, password, query or fragment. `protocol` ("SMTP") words the
// messages.
Result<ServerUrl> parse_server_url(const std::string& url, std::string_view plain_scheme, std::string_view tls_scheme,
                                   std::string_view protocol);

}  // namespace yhteisaika::mailbox::detail
