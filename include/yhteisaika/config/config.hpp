#pragma once
// Start here for config/: the service configuration as one struct of documented
// defaults (like LevelDB's Options), and the one function that layers it:
//
//   embedded defaults  <  config file  <  environment  <  command-line flags
//
// Every layer uses the same keys (the table below). A later layer overrides an
// earlier one key by key. load_config() is pure: the caller reads the file and the
// environment and hands their text over in Sources.
//
//   key                     env var                            default
//   listen                  YHTEISAIKA_LISTEN                  127.0.0.1:8080
//   db                      YHTEISAIKA_DB                      yhteisaika.db
//   calendars               YHTEISAIKA_CALENDARS               calendars
//   zone                    YHTEISAIKA_ZONE                    Europe/Helsinki
//   base_url                YHTEISAIKA_BASE_URL                (empty: http://<listen>)
//   organizer_email         YHTEISAIKA_ORGANIZER_EMAIL         yhteisaika@localhost
//   day_start, day_end      YHTEISAIKA_DAY_START, ..._DAY_END  08:00, 16:00
//   hole_day                YHTEISAIKA_HOLE_DAY                wednesday (or Finnish: keskiviikko)
//   hole_start, hole_end    YHTEISAIKA_HOLE_START, ..._END     14:30, 15:30
//   hole_release            YHTEISAIKA_HOLE_RELEASE            tuesday 12:00 (or tiistai 12:00; off = never)
//   grid_minutes            YHTEISAIKA_GRID_MINUTES            15
//   closures                YHTEISAIKA_CLOSURES                (none) e.g. 2026-12-31, 2027-01-02
//   default_days            YHTEISAIKA_DEFAULT_DAYS            14 (1-60, solve/limits.hpp)
//   horizon_days            YHTEISAIKA_HORIZON_DAYS            120
//   io_threads              YHTEISAIKA_IO_THREADS              2
//   worker_threads          YHTEISAIKA_WORKER_THREADS          4
//   busy_timeout_ms         YHTEISAIKA_BUSY_TIMEOUT_MS         5000
//   body_limit_bytes        YHTEISAIKA_BODY_LIMIT_BYTES        1048576
//   feed_refresh_minutes    YHTEISAIKA_FEED_REFRESH_MINUTES    60
//   cancelled_visible_days  YHTEISAIKA_CANCELLED_VISIBLE_DAYS  30
//   log_level               YHTEISAIKA_LOG_LEVEL               info (trace|debug|info|warn|error)
//   refresh_minutes         YHTEISAIKA_REFRESH_MINUTES         5    remote calendars (ICS URL, CalDAV);
//   max_age_minutes         YHTEISAIKA_MAX_AGE_MINUTES         15   (both up to 3 decimals, at least 0.01)
//   fetch_concurrency       YHTEISAIKA_FETCH_CONCURRENCY       8
//   ca_file                 YHTEISAIKA_CA_FILE                 (empty: the system CA store)
//   connect_timeout_seconds YHTEISAIKA_CONNECT_TIMEOUT_SECONDS 10
//   read_timeout_seconds    YHTEISAIKA_READ_TIMEOUT_SECONDS    30
//   max_calendar_bytes      YHTEISAIKA_MAX_CALENDAR_BYTES      16777216
//   source_credentials_file YHTEISAIKA_SOURCE_CREDENTIALS_FILE (empty: none)
//   mail_from_name          YHTEISAIKA_MAIL_FROM_NAME          Yhteisaika
//   smtp_url                YHTEISAIKA_SMTP_URL                (empty: no e-mail) smtp://host:587, smtps://host:465
//   smtp_starttls           YHTEISAIKA_SMTP_STARTTLS           yes (smtp:// must upgrade to TLS)
//   smtp_user               YHTEISAIKA_SMTP_USER               (empty: no AUTH)
//   smtp_password_file      YHTEISAIKA_SMTP_PASSWORD_FILE      (empty) or the variable YHTEISAIKA_SMTP_PASSWORD
//   imap_url                YHTEISAIKA_IMAP_URL                (empty: replies not read) imaps://host/INBOX
//   imap_starttls           YHTEISAIKA_IMAP_STARTTLS           yes
//   imap_user               YHTEISAIKA_IMAP_USER               (empty)
//   imap_password_file      YHTEISAIKA_IMAP_PASSWORD_FILE      (empty) or the variable YHTEISAIKA_IMAP_PASSWORD
//   imap_poll_seconds       YHTEISAIKA_IMAP_POLL_SECONDS       60
//   mail_retry_seconds      YHTEISAIKA_MAIL_RETRY_SECONDS      60 (first retry; doubles up to an hour)
//   mail_give_up_hours      YHTEISAIKA_MAIL_GIVE_UP_HOURS      24
//   case_ref_pattern        YHTEISAIKA_CASE_REF_PATTERN        [A-Za-z0-9-]*[0-9][A-Za-z0-9-]*
//   housekeeping_interval_seconds YHTEISAIKA_HOUSEKEEPING_INTERVAL_SECONDS 10 (1-10)
//   participant_retention_days YHTEISAIKA_PARTICIPANT_RETENTION_DAYS 180 (0-3660)
//
// Basic credentials of remote calendars are secrets, so they are no key: they come
// from the source_credentials_file (lines KEY = USER:PASSWORD) and from variables
// YHTEISAIKA_SOURCE_CREDENTIALS_<KEY>=USER:PASSWORD (sources/credentials.hpp),
// collected into Config::source_credentials and never printed by describe().
//
// Config file: UTF-8 lines `key = value`; blank lines and lines starting with `#`
// are skipped; `#` after whitespace starts a comment; a value may be wrapped in
// "double" or 'single' quotes (no escapes), which keeps `#` and edge spaces. A key
// may appear once. In keys '-' and '_' are the same (`base-url` = `base_url`).
//
// Unknown config-file keys, unknown flags and unknown YHTEISAIKA_* environment
// variables are errors (a mistyped name must not silently leave a default in
// place). The YHTEISAIKA_* variables accepted besides YHTEISAIKA_<KEY> are:
//   YHTEISAIKA_SMTP_PASSWORD, YHTEISAIKA_IMAP_PASSWORD   mail passwords (secrets)
//   YHTEISAIKA_SOURCE_CREDENTIALS_<KEY>                   remote calendar credentials
//   YHTEISAIKA_WITH_*                                     switches of deploy/install-deps.sh
//
// Thread safety: pure functions over values.

#include <yhteisaika/config/errc.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/report/hole_release.hpp>
#include <yhteisaika/time/work_rules.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yhteisaika::config {

struct Config {
  // Address the HTTP server binds, HOST:PORT. HOST is IPv4, a host name or an IPv6
  // address in brackets ("[::1]:8080"); PORT 0-65535, 0 = any free port.
  std::string listen = "127.0.0.1:8080";
  // The SQLite database file (created on first start).
  std::string db_path = "yhteisaika.db";
  // The folder of professionals' calendars: DIR/<id>.ics or DIR/<id>/*.ics.
  std::string calendars_dir = "calendars";
  // IANA zone of every wall-clock rule (syntax checked here; the app loads it).
  std::string zone = "Europe/Helsinki";
  // Public URL (http:// or https://, no trailing '/') used in feed and invite links;
  // empty = "http://<listen>" (see base_url_or_default).
  std::string base_url;
  // ORGANIZER of emitted invites (RFC 5545 §3.8.4.3), as mailto:<organizer_email>.
  std::string organizer_email = "yhteisaika@localhost";
  // Working hours (day_start/day_end), the hole (hole_day, hole_start/hole_end),
  // the slot grid and closure dates. working_days stay Monday-Friday.
  time::WorkRules rules;
  // The release deadline of each hole: "WEEKDAY HH:MM" local, the last such
  // time at or before the hole's start (report/hole_release.hpp). A
  // professional's hole that holds none of their meetings by then is released:
  // left out of their feed and counted as released. Default Tuesday 12:00 (the
  // day before a Wednesday hole); "off" (nullopt) never releases.
  std::optional<report::ReleaseRule> hole_release = report::ReleaseRule{};
  // Default request window, days; and how far ahead calendars are expanded, days.
  int default_days = 14;
  int horizon_days = 120;
  // Threads running the network io_context, and the pool for blocking work
  // (SQLite, calendar parsing).
  unsigned io_threads = 2;
  unsigned worker_threads = 4;
  // How long a write (a booking, a cancel, ...) waits for the database's write
  // lock while another connection, e.g. another process, holds it; then it fails
  // with 503 database_busy. Milliseconds; reads never wait for it.
  std::chrono::milliseconds busy_timeout{5000};
  // Largest accepted HTTP request body, bytes.
  std::size_t body_limit = 1 << 20;
  // How often subscribers should fetch their feed again (REFRESH-INTERVAL of feeds).
  std::chrono::minutes feed_refresh{60};
  // How many days a cancelled meeting stays in feeds (as STATUS:CANCELLED) after its start.
  int cancelled_visible_days = 30;
  // Least severe log level written: trace, debug, info, warn or error.
  std::string log_level = "info";
  // Remote calendars (sources/): fetched again every refresh_minutes in the
  // background, `fetch_concurrency` at a time; a solve touching a copy older than
  // max_age_minutes fetches it first. Both keys are minutes with up to 3
  // decimals, at least 0.01 (0.6 s; less than a minute is meant for tests).
  std::chrono::milliseconds refresh{5 * 60'000};
  std::chrono::milliseconds max_age{15 * 60'000};
  unsigned fetch_concurrency = 8;
  // PEM file of the CAs trusted for https calendars; empty = the system CA store.
  std::string ca_file;
  // Deadlines of one fetch: resolve + connect + TLS handshake, then request + whole answer.
  // A solve waits for all the fetches it needs at most their sum, then answers
  // from the last good copies (sources/calendar_index.hpp).
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds read_timeout{30};
  // Largest accepted calendar (HTTP answer body), bytes.
  std::size_t max_calendar_bytes = 16 << 20;
  // File of Basic credentials for remote calendars (lines KEY = USER:PASSWORD); empty = none.
  std::string source_credentials_file;
  // KEY -> USER:PASSWORD from YHTEISAIKA_SOURCE_CREDENTIALS_<KEY> variables. Secret:
  // not a key of the table, not printed by describe(), not compared by operator==.
  std::map<std::string, std::string> source_credentials;

  // E-mail (iMIP): invites go out from organizer_email, named mail_from_name,
  // which is also the Reply-To and, when smtp is on, the ORGANIZER address (so
  // calendar clients send their answers there, where imap reads them).
  std::string mail_from_name = "Yhteisaika";
  struct MailServer {
    std::string url;            // empty = off; never holds credentials
    bool starttls = true;       // on a plain smtp:// or imap:// URL, require the STARTTLS upgrade
    std::string user;           // empty = no login
    std::string password_file;  // a file holding the password (first line)
    // Secret, from YHTEISAIKA_SMTP_PASSWORD / YHTEISAIKA_IMAP_PASSWORD: not a key,
    // not printed by describe(), not compared by operator==.
    std::string password;
  };
  MailServer smtp, imap;
  std::chrono::seconds imap_poll{60};   // how often the mailbox is read for replies
  std::chrono::seconds mail_retry{60};  // first retry of an unsent message; doubles up to an hour
  std::chrono::hours mail_give_up{24};  // a message not sent by then is marked failed

  // What a case reference (case_ref) must look like, as a whole: an ECMAScript
  // regular expression (std::regex), checked to compile when loaded. The default
  // is ASCII letters, digits and dashes with at least one digit, no spaces
  // ("YA-2026-0042"), so that a client's name ("Matti Meikäläinen") is refused;
  // a pattern cannot tell every name from a reference, so keep it as narrow as
  // the organisation's references allow (e.g. "YA-[0-9]{4}-[0-9]{4}").
  std::string case_ref_pattern = "[A-Za-z0-9-]*[0-9][A-Za-z0-9-]*";

  // How often the service does its own chores (service/housekeeping.hpp), e.g.
  // expiring holds whose time has run out: seconds, 1-10 (so a hold is
  // released at most this long after its end).
  std::chrono::seconds housekeeping_interval{10};
  // Days a closed case keeps its non-professional participants' contact data
  // (e-mail, windows, unavailable spans; cases/retention.hpp): erased this many
  // days after the case was closed. 0-3660; 0 = at the next housekeeping run.
  int participant_retention_days = 180;

  friend bool operator==(const Config& a, const Config& b);
};

// The layers above the embedded defaults, as the caller read them.
struct Sources {
  std::string file_name;  // for error places ("yhteisaika.conf:12"); empty = no config file
  std::string file_text;  // the file's contents; ignored when file_name is empty
  std::map<std::string, std::string> env;  // the process environment (only YHTEISAIKA_* is read)
  // Command-line flags in order given, name without "--": {"listen", "0.0.0.0:9000"}.
  // A later flag overrides an earlier one. The caller handles its own flags (--config,
  // --print-config) and passes only configuration keys here.
  std::vector<std::pair<std::string, std::string>> flags;
};

// The effective configuration: defaults < file < environment < flags. The first
// error wins; its `where` is the file and line, or the place "environment
// YHTEISAIKA_X" or "flag --x" (for a rule between keys, such as hole_end after hole_start, the place
// that set the later-layered of them).
Result<Config> load_config(const Sources& sources);

// Where the effective value of `key` ("listen", "base_url", ...) came from:
// "<file>:<line>", "environment YHTEISAIKA_X", "flag --x", or "the defaults".
// REQUIRES: load_config(sources) succeeds.
std::string origin_of(const Sources& sources, std::string_view key);

// The effective configuration as `key = value` lines in the order of the table
// above, readable again by load_config as a config file (for --print-config).
std::string describe(const Config& config);

// config.base_url, or "http://<listen>" when it is empty.
std::string base_url_or_default(const Config& config);

// `pattern` compiled as case_ref_pattern is used (ECMAScript; match the whole
// reference with std::regex_match); Errc::bad_value naming the key when it is
// empty or not a regular expression.
Result<std::regex> compile_case_ref_pattern(std::string_view pattern);

}  // namespace yhteisaika::config
