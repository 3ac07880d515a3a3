#pragma once
// Reads one mailbox over IMAP4rev1 (RFC 3501) with libcurl for the connection,
// TLS and login: lists the unseen messages, fetches one without changing its
// flags, and marks it \Seen once it was handled. (The error codes are errc.hpp.)

#include <yhteisaika/error.hpp>
#include <yhteisaika/mailbox/errc.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace yhteisaika::mailbox {

struct ImapOptions {
  // "imap://127.0.0.1:1143/INBOX", "imap://host/Kutsut" (port 143 by default) or
  // "imaps://host/INBOX" (TLS from the start, port 993). The path names the
  // mailbox, percent-decoded UTF-8 ("imap://host/K%C3%A4sitellyt" is
  // "Käsitellyt", sent as modified UTF-7 by RFC 3501 §5.1.3); no path means
  // INBOX. No user name or password inside the URL, no ";UID=" or "?query" parts.
  std::string url;
  // Requires STARTTLS on imap:// and fails with bad_config when the server does
  // not offer it. Ignored for imaps://.
  bool starttls = false;
  // REQUIRES: a username. SECRET: the password never appears in an Error.
  std::string username;
  std::string password;
  // PEM file of the CAs that sign the server's certificate; empty = the system
  // store. The certificate and host name are always verified.
  std::string ca_file;
  std::chrono::seconds connect_timeout{10};  // TCP connect and TLS handshake
  std::chrono::seconds timeout{60};          // each call as a whole, login included
  std::size_t max_message_bytes = 50u << 20;  // a larger message fails fetch() (permanent)
};

struct FetchedMessage {
  std::uint32_t uid = 0;  // unique within the mailbox's UIDVALIDITY (RFC 3501 §2.3.1.1)
  std::string raw;        // the whole RFC 5322 message, byte for byte as stored

  friend bool operator==(const FetchedMessage&, const FetchedMessage&) = default;
};

// Each call opens its own connection, logs in, does its work and logs out, so
// the calls are blocking, const and safe to run concurrently.
// Errors (Errc): temporary (cannot connect, TLS, timeout, connection lost, a NO
// that the server may lift), permanent (a UID that does not exist, a message
// larger than max_message_bytes, a BAD answer), bad_config (login refused,
// certificate not trusted, STARTTLS missing, no such mailbox). Messages name the
// server as host:port and the mailbox, never the password.
class ImapReader {
 public:
  // Checks the options without connecting: bad_config for a URL that is not
  // imap:// or imaps:// with a host, credentials in the URL, a missing
  // username, a mailbox name that is not UTF-8, or timeouts that are not positive.
  static Result<ImapReader> make(ImapOptions options);

  // The UIDs of the messages without the \Seen flag (UID SEARCH UNSEEN on the
  // mailbox opened read-only with EXAMINE), ascending.
  Result<std::vector<std::uint32_t>> unseen() const;

  // The whole message (UID FETCH uid BODY.PEEK[] in an EXAMINEd mailbox, so
  // fetching changes no flag). Errc::permanent when no message has this UID.
  Result<FetchedMessage> fetch(std::uint32_t uid) const;

  // Adds \Seen (UID STORE uid +FLAGS.SILENT (\Seen)) once the message was
  // handled. Idempotent; a UID that no longer exists is not an error.
  Result<void> mark_seen(std::uint32_t uid) const;

  // "host:port" of the server and the mailbox's name, for log lines.
  const std::string& server() const noexcept { return server_; }
  const std::string& mailbox() const noexcept { return mailbox_; }

 private:
  ImapReader(ImapOptions options, std::string server, std::string base_url, std::string mailbox,
             std::string wire_mailbox)
      : options_(std::move(options)),
        server_(std::move(server)),
        base_url_(std::move(base_url)),
        mailbox_(std::move(mailbox)),
        wire_mailbox_(std::move(wire_mailbox)) {}

  ImapOptions options_;
  std::string server_;    // "host:port"
  std::string base_url_;  // "imap://host:port/", what libcurl connects and logs in to
  std::string mailbox_;       // decoded, e.g. "INBOX" or "Käsitellyt"
  std::string wire_mailbox_;  // as sent: modified UTF-7, e.g. "K&AOQ-sitellyt"
};

}  // namespace yhteisaika::mailbox
