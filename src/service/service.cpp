#include <yhteisaika/service/service.hpp>

#include <yhteisaika/sources/credentials.hpp>
#include <yhteisaika/store/errc.hpp>

#include "demo_bookings_file.hpp"
#include "mailer.hpp"
#include "people_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace yhteisaika::service {

namespace {

// What the constructor makes the mailer of.
struct MailParts {
  SendMail send;
  std::optional<mailbox::ImapReader> imap;
  EventLog log;
};

Result<sources::RemoteOptions> remote_options(const config::Config& config,
                                              std::shared_ptr<const sources::CalendarFetcher> fetcher) {
  if (!fetcher) {
    sources::FetchOptions fetch;
    fetch.connect_timeout = config.connect_timeout;
    fetch.read_timeout = config.read_timeout;
    fetch.max_bytes = config.max_calendar_bytes;
    fetch.ca_file = config.ca_file;
    auto made = sources::HttpFetcher::make(std::move(fetch));
    if (!made) return made.error();
    fetcher = std::move(*made);
  }
  auto credentials = sources::load_credentials(config.source_credentials_file, config.source_credentials);
  if (!credentials) return credentials.error();
  sources::RemoteOptions out;
  out.fetcher = std::move(fetcher);
  out.credentials = std::move(*credentials);
  // One fetch takes at most this long, so a solve waits no longer for all of its own.
  out.wait = config.connect_timeout + config.read_timeout;
  out.freshness.max_age = config.max_age;
  out.refresh_interval = config.refresh;
  out.concurrency = config.fetch_concurrency;
  return out;
}

// A mail server's options (mailbox::SmtpOptions or ImapOptions) from the config;
// the password from its variable (already in the config) or its file's first line.
template <class Options>
Result<Options> mail_server_options(const config::Config& config, const config::Config::MailServer& server,
                                    const char* password_file_key) {
  Options out;
  out.url = server.url;
  out.starttls = server.starttls;
  out.username = server.user;
  out.password = server.password;
  out.ca_file = config.ca_file;
  out.connect_timeout = config.connect_timeout;
  out.timeout = config.read_timeout;
  if (out.password.empty() && !server.password_file.empty()) {
    std::ifstream in(server.password_file);
    if (!in || !std::getline(in, out.password)) {
      return Error{Errc::invalid_value, "cannot read the password file " + server.password_file,
                   Location::at_field(password_file_key)};
    }
    if (!out.password.empty() && out.password.back() == '\r') out.password.pop_back();
  }
  return out;
}

// The SMTP client of config smtp_url.
Result<SendMail> smtp_transport(const config::Config& config) {
  auto smtp = mail_server_options<mailbox::SmtpOptions>(config, config.smtp, "smtp_password_file");
  if (!smtp) return smtp.error();
  auto sender = mailbox::SmtpSender::make(std::move(*smtp));
  if (!sender) return sender.error();
  return SendMail([sender = std::move(*sender)](const mailbox::Envelope& envelope, std::string_view message) {
    return sender.send(envelope, message);
  });
}

// The mailer's parts (nullptr without e-mail: neither `send` nor smtp_url); an
// error names the setting that is wrong.
Result<std::unique_ptr<MailParts>> mail_parts(const config::Config& config, SendMail send, EventLog log) {
  if (!send && config.smtp.url.empty()) return std::unique_ptr<MailParts>{};
  auto parts = std::make_unique<MailParts>();
  if (send) {
    parts->send = std::move(send);
  } else if (auto smtp = smtp_transport(config)) {
    parts->send = std::move(*smtp);
  } else {
    return smtp.error();
  }
  if (!config.imap.url.empty()) {
    auto imap = mail_server_options<mailbox::ImapOptions>(config, config.imap, "imap_password_file");
    if (!imap) return imap.error();
    auto reader = mailbox::ImapReader::make(std::move(*imap));
    if (!reader) return reader.error();
    parts->imap = std::move(*reader);
  }
  parts->log = log ? std::move(log) : [](std::string_view, std::string_view, const boost::json::object&) {};
  return parts;
}

// The team in the database; on an empty one, first imported from
// calendars_dir/people.json and demo-bookings.json (when there).
Result<std::vector<store::Professional>> team_imported_once(store::Store& store, const config::Config& config,
                                                            const time::Zone& zone, time::Instant now,
                                                            const std::regex& case_ref_pattern) {
  auto existing = store.professionals();
  if (!existing || !existing->empty()) return existing;
  auto people = read_people_file(std::filesystem::path(config.calendars_dir) / "people.json");
  if (!people) return people.error();
  const store::Change change{"import", now};
  for (const auto& p : *people) {
    if (auto created = store.create_professional(p, change); !created) return created.error();
  }
  const auto demo = std::filesystem::path(config.calendars_dir) / "demo-bookings.json";
  if (std::filesystem::exists(demo)) {
    auto bookings = read_demo_bookings(demo, config.rules, zone, now, case_ref_pattern);
    if (!bookings) return bookings.error();
    if (auto imported = store.import_meetings(bookings->meetings, change); !imported) return imported.error();
    for (const auto& move : bookings->stage_moves) {
      auto c = store.case_by_ref(move.case_ref);
      if (!c) return c.error();
      if (auto moved = store.move_stage(c->id, move.from, move.to, {"import", move.at}); !moved) return moved.error();
    }
  }
  return people;
}

time::Instant system_now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace

struct Service::Parts {
  config::Config config;
  Clock clock;
  std::shared_ptr<const time::Zone> zone;
  std::regex case_ref_pattern;
  std::unique_ptr<StorePool> pool;
  std::unique_ptr<store::Store> writer;       // the booking queue's own connection
  std::unique_ptr<store::Store> feed_reader;  // the feeds' own connection
  std::unique_ptr<MailParts> mail;            // nullptr: no e-mail
  EventLog log;                               // the housekeeping's (empty: nothing logged)
};

Service::Service(Parts parts)
    : config_(std::move(parts.config)),
      clock_(std::move(parts.clock)),
      zone_(std::move(parts.zone)),
      case_ref_pattern_(std::move(parts.case_ref_pattern)),
      pool_(std::move(parts.pool)),
      calendars_(config_.calendars_dir, *zone_, zones_, std::chrono::days{config_.horizon_days}),
      queue_(std::move(parts.writer), config_.busy_timeout),
      mailer_(parts.mail ? std::make_unique<Mailer>(config_, *zone_, *pool_, clock_, std::move(parts.mail->send),
                                                    std::move(parts.mail->imap), std::move(parts.mail->log),
                                                    [] { return store::random_secret(); })
                         : nullptr),
      feeds_(config_, *zone_, clock_, std::move(parts.feed_reader)),
      directory_(*pool_, feeds_, clock_),
      booking_({.config = config_,
                .zone = *zone_,
                .case_ref_pattern = case_ref_pattern_,
                .clock = clock_,
                .pool = *pool_,
                .calendars = calendars_,
                .queue = queue_,
                .feeds = feeds_,
                .wake_mail = mailer_ ? std::function<void()>([m = mailer_.get()] { m->wake(); })
                                     : std::function<void()>()}),
      figures_(config_, *zone_, *pool_, clock_),
      sources_(*pool_, calendars_, clock_),
      mail_(*pool_, clock_, mailer_.get()),
      holds_({.zone = *zone_,
              .clock = clock_,
              .pool = *pool_,
              .feeds = feeds_,
              .wake_mail = mailer_ ? std::function<void()>([m = mailer_.get()] { m->wake(); })
                                   : std::function<void()>()}),
      cases_(config_, case_ref_pattern_, *pool_, clock_),
      case_meetings_(*pool_, booking_),
      rooms_(*pool_, feeds_, clock_),
      housekeeping_(config_.housekeeping_interval, clock_, std::move(parts.log)) {
  housekeeping_.add("expire_holds", [this](time::Instant now) -> Result<void> {
    auto expired = holds_.expire_due(now);
    if (!expired) return expired.error();
    return {};
  });
  housekeeping_.add("erase_due_contacts", [this](time::Instant now) -> Result<void> {
    auto erased = cases_.erase_due_contacts(now);
    if (!erased) return erased.error();
    return {};
  });
}

Service::~Service() = default;

Result<std::unique_ptr<Service>> Service::open(const config::Config& config, Seams seams) {
  auto zone = calendar::load_system_zone(config.zone);
  if (!zone) return zone.error();
  auto case_ref_pattern = config::compile_case_ref_pattern(config.case_ref_pattern);
  if (!case_ref_pattern) return Error{Errc::invalid_value, case_ref_pattern.error().message,
                                      Location::at_field("case_ref_pattern")};
  EventLog log = seams.log;
  auto mail = mail_parts(config, std::move(seams.send_mail), std::move(seams.log));
  if (!mail) return mail.error();
  const StoreFactory open_store =
      seams.open_store ? std::move(seams.open_store) : sqlite_store_at(config.db_path, config.busy_timeout);
  auto pool = StorePool::open(open_store, std::max(2u, config.worker_threads));
  if (!pool) return pool.error();
  auto writer = open_store();
  if (!writer) return writer.error();
  auto feed_reader = open_store();
  if (!feed_reader) return feed_reader.error();
  std::unique_ptr<Service> service(new Service(Parts{
      config, seams.clock ? std::move(seams.clock) : Clock(system_now),
      std::make_shared<const time::Zone>(std::move(*zone)), std::move(*case_ref_pattern), std::move(*pool),
      std::move(*writer), std::move(*feed_reader), std::move(*mail), std::move(log)}));
  auto team = team_imported_once(*service->pool_->lease(), config, service->zone(), service->now(),
                                 service->case_ref_pattern_);
  if (!team) return team.error();
  // Contact data due for erasure while the service was down goes now. Another
  // process holding the write lock is no reason not to start: the next
  // housekeeping run erases it.
  if (auto erased = service->cases_.erase_due_contacts(service->now());
      !erased && erased.error().code != store::Errc::busy) {
    return erased.error();
  }
  // Remote calendars (ICS URLs, CalDAV): the fetcher, credentials and freshness.
  auto remote = remote_options(config, std::move(seams.fetcher));
  if (!remote) return remote.error();
  service->calendars_.set_remote(std::move(*remote));
  service->start_calendars(*team);
  return service;
}

void Service::start_calendars(const std::vector<store::Professional>& team) {
  // Expand every calendar once now, so that the first solve is fast. A broken
  // calendar is remembered as broken and named when a solve needs it.
  const time::Instant t = now();
  sources::CalendarIndex::Calendars calendars;
  for (const auto& p : team) calendars.emplace_back(p.id, p.calendar_source);
  // Rooms' calendars too, under keys that no professional's id can be (rooms.hpp).
  if (auto rooms = pool_->lease()->rooms()) {
    for (const auto& r : *rooms) calendars.emplace_back(room_key(r.id), r.calendar_source);
  }
  calendars_.preload(calendars, {t, t + std::chrono::days{config_.default_days}}, t);
  calendars_.start_refresher(
      [this] {
        sources::CalendarIndex::Calendars out;
        auto store = pool_->lease();
        if (auto all = store->professionals()) {
          for (const auto& p : *all) out.emplace_back(p.id, p.calendar_source);
        }
        if (auto rooms = store->rooms()) {
          for (const auto& r : *rooms) out.emplace_back(room_key(r.id), r.calendar_source);
        }
        return out;
      },
      clock_);
}

}  // namespace yhteisaika::service
