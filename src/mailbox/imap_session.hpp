#pragma once
// One logged-in IMAP connection for ImapReader. libcurl connects, does TLS or
// STARTTLS and logs in (CURLOPT_CONNECT_ONLY); the commands after the login go
// over curl_easy_send/curl_easy_recv with this small reader of RFC 3501 §7
// responses. libcurl's own IMAP commands cannot do the job: its FETCH asks for
// BODY[] (which sets \Seen), and a custom command's answer loses the lines of a
// literal (the message itself). Private to mailbox/.

#include "curl_easy.hpp"

#include <yhteisaika/error.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::mailbox::detail {

// One untagged response ("* ..."), split around its literals ({n} + n bytes):
// parts[i] is the text before literals[i], marker "{n}" included, and
// parts.back() the text after the last one. parts.size() == literals.size() + 1.
struct ImapResponse {
  std::vector<std::string> parts;
  std::vector<std::string> literals;
};

// The answer to one command.
struct ImapReply {
  std::vector<ImapResponse> untagged;
  std::string status;  // "OK", "NO" or "BAD" (upper case)
  std::string text;    // the rest of the tagged line: "[NONEXISTENT] Mailbox doesn't exist: X"
};

class ImapSession {
 public:
  // Connects to settings.url and logs in. The whole session, login included, must
  // end before settings.timeout; later calls fail with Errc::temporary after it.
  // Errors as connection_error (login refused: bad_config).
  static Result<ImapSession> open(const ConnectionSettings& settings, std::size_t max_literal_bytes);

  // Sends "<tag> <command>\r\n" and reads every response up to the tagged one.
  // REQUIRES: `command` is one line without literals. Errc::temporary when the
  // connection fails, closes or the deadline passes; Errc::permanent for a
  // literal larger than max_literal_bytes. A tagged NO or BAD is a reply, not an
  // error: the caller words it.
  Result<ImapReply> command(std::string_view command);

  // LOGOUT, best effort, so that the server logs a clean end.
  void logout() noexcept;

  const ConnectionSettings& settings() const noexcept { return settings_; }

 private:
  ImapSession(CurlEasy easy, ConnectionSettings settings, std::size_t max_literal_bytes,
              std::chrono::steady_clock::time_point deadline)
      : easy_(std::move(easy)),
        settings_(std::move(settings)),
        max_literal_bytes_(max_literal_bytes),
        deadline_(deadline) {}

  Result<void> send_all(std::string_view data);
  Result<void> receive_more();
  Result<void> wait_for(short events);
  Result<std::string> read_line();
  Result<std::string> read_bytes(std::size_t count);
  Error failure(std::string what) const;

  CurlEasy easy_;
  ConnectionSettings settings_;
  std::size_t max_literal_bytes_;
  std::chrono::steady_clock::time_point deadline_;
  std::string buffer_;  // received, not yet consumed
  std::string bye_;     // the text of an untagged BYE, to explain a closed connection
  unsigned next_tag_ = 1;
};

}  // namespace yhteisaika::mailbox::detail
