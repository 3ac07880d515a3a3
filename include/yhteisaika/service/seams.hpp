#pragma once
// Where the service meets the world, as values a test can replace with fakes
// (LevelDB's Env): the clock, the database, remote calendars, the mail server
// and the log. Service::open takes one Seams; every member left empty gets
// the real thing the configuration describes.

#include <yhteisaika/error.hpp>
#include <yhteisaika/mailbox/smtp_sender.hpp>
#include <yhteisaika/sources/http_fetch.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/interval.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace yhteisaika::service {

// "Now". Called from any thread.
using Clock = std::function<time::Instant()>;

// Where the service tells what happens in the background (mail sent, failed,
// replies applied or ignored): a level ("info", "warn", "error"), a fixed phrase
// and fields. Never a client's name, a password or a message's text.
using EventLog = std::function<void(std::string_view level, std::string_view msg, const boost::json::object& fields)>;

// Hands one rendered message (RFC 5322 text) over for delivery: the service's
// mailbox::SmtpSender::send, or a fake in tests. Errors as SmtpSender's:
// mailbox::Errc::permanent fails the message at once; any other is retried.
using SendMail = std::function<Result<void>(const mailbox::Envelope& envelope, std::string_view message)>;

// Opens one more connection to the service's database (migrated and ready).
// Each connection is used by one thread at a time; every connection one factory
// opens sees the same data. Called from any thread.
using StoreFactory = std::function<Result<std::unique_ptr<store::Store>>()>;

// Connections to the SQLite database at `path` (created and migrated if
// missing), each waiting at most `busy_timeout` for another's write lock.
StoreFactory sqlite_store_at(std::string path, std::chrono::milliseconds busy_timeout);

struct Seams {
  Clock clock{};  // empty: the system clock, in whole seconds
  // Empty: SQLite at config db_path (sqlite_store_at, with config busy_timeout_ms).
  StoreFactory open_store{};
  // Fetches remote calendars (ICS URLs, CalDAV). Null: the HTTP client the
  // config describes (sources::HttpFetcher: timeouts, size limit, CA file).
  std::shared_ptr<const sources::CalendarFetcher> fetcher{};
  // Delivers invite mails. Empty: SMTP at config smtp_url, and no mail at all
  // without one. Set, it replaces the SMTP client and mail is sent through it
  // even without smtp_url (replies are read over IMAP only with imap_url, and
  // invites name the service's mailbox as ORGANIZER only with smtp_url).
  SendMail send_mail{};
  EventLog log{};  // empty: nothing is logged
};

}  // namespace yhteisaika::service
