#include <yhteisaika/service/service.hpp>

#include <yhteisaika/calendar/feed.hpp>
#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/solve/limits.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/store/sqlite_store.hpp>
#include <yhteisaika/time/rfc3339.hpp>
#include <yhteisaika/time/work_rules.hpp>

#include "demo_bookings_file.hpp"
#include "field_checks.hpp"
#include "gzip.hpp"
#include "mailer.hpp"
#include "meeting_event.hpp"
#include "people_file.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

namespace yhteisaika::service {

// What the constructor makes the mailer of.
struct MailParts {
  SendMail send;
  std::optional<mailbox::ImapReader> imap;
  EventLog log;
};

namespace {

using namespace std::chrono_literals;
using time::Instant;
using time::Interval;

// Concurrent coordinators may take the solver's slot first; each retry sees
// their bookings, so a few rounds suffice before answering 409.
constexpr int kBookingAttempts = 8;

std::string indexed(const char* field, std::size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

// A strong validator for a feed body: 64-bit FNV-1a and the length.
std::string etag_of(const std::string& text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  char out[48];
  std::snprintf(out, sizeof out, "\"%016llx-%zx\"", static_cast<unsigned long long>(hash), text.size());
  return out;
}

// Removes `cut` from sorted, merged intervals: a booking's own interval, when it
// may move within its own time. Another booking of theirs may lie under it (one
// where they are optional, double-booked by choice) and is then cut too; the
// store's re-check, which excludes the meeting by id, still refuses that slot.
std::vector<Interval> without(std::vector<Interval> busy, Interval cut) {
  std::vector<Interval> out;
  for (const Interval& i : busy) {
    if (i.end <= cut.start || cut.end <= i.start) {
      out.push_back(i);
      continue;
    }
    if (i.start < cut.start) out.push_back({i.start, cut.start});
    if (cut.end < i.end) out.push_back({cut.end, i.end});
  }
  return out;
}

// A file name, or an ICS/CalDAV URL without credentials (sources/source_spec.hpp).
Result<void> check_calendar_source(const std::string& source) {
  if (auto spec = sources::parse_source(source); !spec) {
    return Error{Errc::invalid_value, spec.error().message, "calendar_source"};
  }
  return {};
}

Result<RemoteOptions> remote_options(const config::Config& config,
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
  RemoteOptions out;
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
      return Error{Errc::invalid_value, "cannot read the password file " + server.password_file, password_file_key};
    }
    if (!out.password.empty() && out.password.back() == '\r') out.password.pop_back();
  }
  return out;
}

// The mailer's parts from the config (nullptr when smtp_url is empty); an error
// names the setting that is wrong.
Result<std::unique_ptr<MailParts>> mail_parts(const config::Config& config, EventLog log) {
  if (config.smtp.url.empty()) return std::unique_ptr<MailParts>{};
  auto smtp = mail_server_options<mailbox::SmtpOptions>(config, config.smtp, "smtp_password_file");
  if (!smtp) return smtp.error();
  auto sender = mailbox::SmtpSender::make(std::move(*smtp));
  if (!sender) return sender.error();
  auto parts = std::make_unique<MailParts>();
  parts->send = [sender = std::move(*sender)](const mailbox::Envelope& envelope, std::string_view message) {
    return sender.send(envelope, message);
  };
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

}  // namespace

std::string Actor::audit_name() const { return std::string(store::to_string(role)) + ":" + name; }

Service::Service(config::Config config, Clock clock, std::shared_ptr<const time::Zone> zone,
                 std::regex case_ref_pattern, std::unique_ptr<StorePool> pool, std::unique_ptr<store::Store> writer,
                 std::unique_ptr<store::Store> feed_reader, std::unique_ptr<MailParts> mail)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      zone_(std::move(zone)),
      case_ref_pattern_(std::move(case_ref_pattern)),
      pool_(std::move(pool)),
      calendars_(config_.calendars_dir, *zone_, zones_, std::chrono::days{config_.horizon_days}),
      bookings_(std::move(writer), config_.busy_timeout),
      feed_reader_(std::move(feed_reader)),
      mailer_(mail ? std::make_unique<Mailer>(config_, *zone_, *pool_, clock_, std::move(mail->send),
                                              std::move(mail->imap), std::move(mail->log),
                                              [] { return store::random_secret(); })
                   : nullptr) {}

Service::~Service() = default;

Result<std::unique_ptr<Service>> Service::open(const config::Config& config, Clock clock, EventLog mail_log,
                                               std::shared_ptr<const sources::CalendarFetcher> fetcher) {
  auto zone = calendar::load_system_zone(config.zone);
  if (!zone) return zone.error();
  auto case_ref_pattern = config::compile_case_ref_pattern(config.case_ref_pattern);
  if (!case_ref_pattern) return Error{Errc::invalid_value, case_ref_pattern.error().message, "case_ref_pattern"};
  auto mail = mail_parts(config, std::move(mail_log));
  if (!mail) return mail.error();
  auto pool = StorePool::open(config.db_path, std::max(2u, config.worker_threads), config.busy_timeout);
  if (!pool) return pool.error();
  auto writer = store::open_sqlite_store(config.db_path, store::OpenMode::create_if_missing, config.busy_timeout);
  if (!writer) return writer.error();
  auto feed_reader = store::open_sqlite_store(config.db_path, store::OpenMode::create_if_missing, config.busy_timeout);
  if (!feed_reader) return feed_reader.error();
  std::unique_ptr<Service> service(new Service(config, std::move(clock),
                                               std::make_shared<const time::Zone>(std::move(*zone)),
                                               std::move(*case_ref_pattern), std::move(*pool), std::move(*writer),
                                               std::move(*feed_reader), std::move(*mail)));
  auto store = service->pool_->lease();
  auto existing = store->professionals();
  if (!existing) return existing.error();
  if (existing->empty()) {
    auto people = read_people_file(std::filesystem::path(config.calendars_dir) / "people.json");
    if (!people) return people.error();
    const store::Change change{"import", service->now()};
    for (const auto& p : *people) {
      if (auto created = store->create_professional(p, change); !created) return created.error();
    }
    existing = std::move(*people);
    const auto demo = std::filesystem::path(config.calendars_dir) / "demo-bookings.json";
    if (std::filesystem::exists(demo)) {
      auto meetings =
          read_demo_bookings(demo, config.rules, service->zone(), service->now(), service->case_ref_pattern_);
      if (!meetings) return meetings.error();
      if (auto imported = store->import_meetings(*meetings, change); !imported) return imported.error();
    }
  }
  // Remote calendars (ICS URLs, CalDAV): the fetcher, credentials and freshness.
  if (auto remote = remote_options(config, std::move(fetcher)); !remote) {
    return remote.error();
  } else {
    service->calendars_.set_remote(std::move(*remote));
  }
  // Expand every calendar once now, so that the first solve is fast. A broken
  // calendar is remembered as broken and named when a solve needs it.
  const Instant now = service->now();
  std::vector<std::pair<ParticipantId, std::string>> calendars;
  for (const auto& p : *existing) calendars.emplace_back(p.id, p.calendar_source);
  service->calendars_.preload(calendars, {now, now + std::chrono::days{config.default_days}}, now);
  Service* self = service.get();
  service->calendars_.start_refresher(
      [self] {
        std::vector<std::pair<ParticipantId, std::string>> out;
        if (auto all = self->pool_->lease()->professionals()) {
          for (const auto& p : *all) out.emplace_back(p.id, p.calendar_source);
        }
        return out;
      },
      [self] { return self->now(); });
  return service;
}

std::vector<SourceStatus> Service::stale_calendars(const std::vector<ParticipantId>& ids) {
  std::vector<SourceStatus> out;
  auto store = pool_->lease();
  for (const auto& id : ids) {
    auto who = store->professional(id);
    if (!who) continue;
    auto row = calendars_.status(id, who->calendar_source);
    if (row.stale) out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<SourceStatus>> Service::sources() {
  auto all = pool_->lease()->professionals();
  if (!all) return all.error();
  std::vector<SourceStatus> out;
  for (const auto& p : *all) out.push_back(calendars_.status(p.id, p.calendar_source));
  return out;
}

Result<SourceStatus> Service::refresh_source(const ParticipantId& id) {
  auto who = pool_->lease()->professional(id);
  if (!who) return who.error();
  return calendars_.refresh(id, who->calendar_source, now());
}

Result<store::ApiToken> Service::authenticate(const std::string& secret) {
  auto token = pool_->lease()->verify_token(secret);
  if (!token) return token.error();
  if (!*token) return Error{Errc::unauthorized, "a valid bearer token is needed (yhteisaika token create)", {}};
  return **token;
}

Result<std::vector<store::Professional>> Service::professionals() { return pool_->lease()->professionals(); }

Result<store::Professional> Service::professional(const ParticipantId& id) { return pool_->lease()->professional(id); }

Result<std::string> Service::create_professional(const store::Professional& p, const Actor& actor) {
  if (auto ok = check_professional(p); !ok) return ok.error();
  if (auto ok = check_calendar_source(p.calendar_source); !ok) return ok.error();
  auto store = pool_->lease();
  const store::Change change{actor.audit_name(), now()};
  if (auto created = store->create_professional(p, change); !created) return created.error();
  return store->rotate_feed_secret(p.id, change);
}

Result<store::Professional> Service::update_professional(const store::Professional& p, const Actor& actor) {
  if (auto ok = check_professional(p); !ok) return ok.error();
  if (auto ok = check_calendar_source(p.calendar_source); !ok) return ok.error();
  if (auto updated = pool_->lease()->update_professional(p, {actor.audit_name(), now()}); !updated) {
    return updated.error();
  }
  forget_feeds({{p.id, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt}});
  return p;
}

Result<std::string> Service::rotate_feed_secret(const ParticipantId& id, const Actor& actor) {
  auto secret = pool_->lease()->rotate_feed_secret(id, {actor.audit_name(), now()});
  if (secret) {
    std::lock_guard lock(feeds_mutex_);
    secrets_.forget_owner(id);
  }
  return secret;
}

time::Interval Service::window_from(Instant from, int days) const {
  // The window ends at the same wall-clock time N days later (DST-safe).
  return {from, zone_->to_instant(zone_->to_local(from) + std::chrono::days(days))};
}

Result<void> Service::check_window(std::optional<Instant> from, int days, std::optional<Instant> start,
                                   Instant now) const {
  // Calendars are read from now to horizon_days ahead; a request looking
  // further would make them read over a span of its own (issue 10).
  const Instant limit = window_from(now, config_.horizon_days).end;
  const std::string horizon = "horizon_days (" + std::to_string(config_.horizon_days) + " days from now, until " +
                              time::format_rfc3339(limit, *zone_) + ")";
  if (start) {
    // (A start in the past is check_start's to refuse.)
    if (*start >= limit) return Error{Errc::invalid_value, "start must lie within " + horizon, "start"};
    return {};
  }
  if (days == 0) days = config_.default_days;
  if (!solve::window_days_allowed(days)) return {};  // solve_with names it
  if (window_from(now, days).end > limit) {
    return Error{Errc::invalid_value, "the window of days must end within " + horizon, "days"};
  }
  if (window_from(std::max(from.value_or(now), now), days).end > limit) {
    return Error{Errc::invalid_value, "the window from `from` for `days` days must end within " + horizon, "from"};
  }
  return {};
}

std::vector<Interval> Service::with_bookings(const ParticipantId& who, const std::vector<Interval>& from_calendar,
                                             Interval window, const store::BusyByParticipant& booked,
                                             std::optional<Interval> ignore_booking) {
  std::vector<Interval> busy = time::clip_intervals(from_calendar, window);
  if (auto it = booked.find(who); it != booked.end()) {
    auto bookings = ignore_booking ? without(it->second, *ignore_booking) : it->second;
    busy.insert(busy.end(), bookings.begin(), bookings.end());
  }
  return time::merge_intervals(std::move(busy));
}

Result<Solution> Service::solve(const SolveInput& input) {
  if (auto ok = check_window(input.from, input.days, std::nullopt, now()); !ok) return ok.error();
  auto store = pool_->lease();
  return solve_with(*store, input, now(), std::nullopt);
}

Result<Solution> Service::solve_with(store::Store& store, const SolveInput& input, Instant now,
                                     std::optional<Interval> ignore_booking) {
  if (input.required.empty()) {
    return Error{Errc::invalid_value, "name at least one required attendee", "required"};
  }
  const int days = input.days == 0 ? config_.default_days : input.days;
  if (!solve::window_days_allowed(days)) {
    return Error{Errc::invalid_value, "days must be " + solve::window_days_expected(), "days"};
  }
  if (!solve::duration_allowed(input.duration, config_.rules.grid)) {
    return Error{Errc::invalid_value, "duration_minutes must be " + solve::duration_expected(config_.rules.grid),
                 "duration_minutes"};
  }
  Solution solution;
  // A meeting is never booked in the past: an earlier `from` starts now.
  solution.window = window_from(std::max(input.from.value_or(now), now), days);
  solution.required = input.required;
  solution.strategy = input.strategy;

  auto booked = store.busy_from_bookings(solution.window);
  if (!booked) return booked.error();
  std::set<ParticipantId> seen;
  CalendarIndex::Calendars sources;  // every attendee's, required first
  for (auto [list, field] : {std::pair{&input.required, "required"}, {&input.optional, "optional"}}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const ParticipantId& id = (*list)[i];
      if (!seen.insert(id).second) {
        return Error{Errc::invalid_value, id.value + " is listed twice", indexed(field, i)};
      }
      auto who = store.professional(id);
      if (!who) {
        if (who.error().code == store::Errc::not_found) {
          return Error{Errc::unknown_attendee, "no professional " + id.value + " in the team", indexed(field, i)};
        }
        return who.error();
      }
      sources.emplace_back(id, who->calendar_source);
    }
  }
  // All calendars at once: remote ones are fetched side by side, and waited for
  // until one deadline (calendar_index.hpp), not one after another.
  auto calendars = calendars_.busy(sources, solution.window, now);
  // Keeps each attendee's busy vector alive while the solver reads its span.
  std::vector<std::vector<Interval>> busy;
  busy.reserve(sources.size());
  std::vector<Error> unreadable;  // calendars that were never read: never taken as free
  solve::SolveRequest request;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const ParticipantId& id = sources[i].first;
    if (!calendars[i]) {
      if (calendars[i].error().code != Errc::calendar_unavailable) return calendars[i].error();
      unreadable.push_back(calendars[i].error());  // named all together below
      continue;
    }
    busy.push_back(with_bookings(id, **calendars[i], solution.window, *booked, ignore_booking));
    (i < input.required.size() ? request.required : request.optional).push_back({id, busy.back()});
  }
  if (unreadable.size() == 1) return unreadable.front();
  if (!unreadable.empty()) {
    std::string message = std::to_string(unreadable.size()) + " calendars cannot be read:";
    std::string where;
    for (const auto& e : unreadable) {
      message += " " + e.message + ";";
      where += (where.empty() ? "" : ",") + e.where;
    }
    message.pop_back();
    return Error{Errc::calendar_unavailable, message, where};
  }
  request.window = solution.window;
  request.duration = input.duration;
  request.strategy = input.strategy;
  solution.answer = solve::solve(request, config_.rules, *zone_);
  return solution;
}

Result<void> Service::check_start(store::Store& store, const SolveInput& input, Instant start, Instant now,
                                  std::optional<Interval> ignore_booking) {
  // The rules ask for no notice, so any start from now on may be booked.
  if (start < now) {
    return Error{Errc::invalid_value,
                 "the start " + time::format_rfc3339(start, *zone_) + " is in the past; a meeting starts at " +
                     time::format_rfc3339(now, *zone_) + " or later",
                 "start"};
  }
  // The solver itself judges the slot: over a window from the start, it finds
  // the slot at the start only if it is on the grid, in working hours and free
  // for every required attendee.
  SolveInput exact = input;
  exact.from = start;
  exact.days = 1;
  exact.strategy = solve::Strategy::earliest;
  auto solution = solve_with(store, exact, now, ignore_booking);
  if (!solution) return solution.error();
  const auto& chosen = solution->answer.chosen;
  if (chosen && chosen->time.start == start) return {};
  const Interval slot{start, start + input.duration};
  solve::SolveRequest nobody;
  nobody.window = slot;
  nobody.duration = input.duration;
  nobody.strategy = solve::Strategy::earliest;
  nobody.required.push_back({ParticipantId{"-"}, {}});
  auto free_answer = solve::solve(nobody, config_.rules, *zone_);
  if (!free_answer.chosen) {
    return Error{Errc::invalid_value,
                 "the start is not a bookable time: working hours on a working day, on the " +
                     std::to_string(config_.rules.grid.count()) + "-minute grid",
                 "start"};
  }
  // Name who is not free: their busy time as the solver saw it, over the slot.
  auto booked = store.busy_from_bookings(slot);
  if (!booked) return booked.error();
  CalendarIndex::Calendars sources;
  for (const auto& id : input.required) {
    auto who = store.professional(id);
    if (!who) return who.error();
    sources.emplace_back(id, who->calendar_source);
  }
  auto calendars = calendars_.busy(sources, slot, now);
  std::string taken;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!calendars[i]) return calendars[i].error();
    if (!with_bookings(sources[i].first, **calendars[i], slot, *booked, ignore_booking).empty()) {
      taken += (taken.empty() ? "" : ", ") + sources[i].first.value;
    }
  }
  return Error{store::Errc::slot_taken,
               taken.empty() ? "a required attendee is not free at that time" : "not free at that time: " + taken,
               "start"};
}

Result<std::optional<store::Case>> Service::case_to_save(store::Store& store, const BookInput& input,
                                                        Instant requested) {
  auto existing = store.case_by_ref(input.case_ref);
  if (!existing && existing.error().code != store::Errc::not_found) return existing.error();
  if (existing && !input.coordinator && !input.identified_on) return std::optional<store::Case>{};
  if (input.solve.required.empty()) {
    return Error{Errc::invalid_value, "name at least one required attendee", "required"};
  }
  // A new case without a named coordinator is kept by its first required attendee.
  store::Case c{input.case_ref, input.solve.required.front(), time::local_date(requested, *zone_)};
  if (existing) c = *existing;
  if (input.coordinator) c.coordinator = *input.coordinator;
  if (input.identified_on) c.identified_on = *input.identified_on;
  if (auto known = store.professional(c.coordinator); !known) {
    const bool named = input.coordinator.has_value();
    return Error{Errc::unknown_attendee, "no professional " + c.coordinator.value + " in the team",
                 named ? "coordinator" : "required[0]"};
  }
  return std::optional<store::Case>{c};
}

Result<store::Meeting> Service::book(const BookInput& input, const Actor& actor) {
  if (auto ok = check_meeting_text(input.case_ref, input.title, input.location, input.description, case_ref_pattern_);
      !ok) {
    return ok.error();
  }
  if (auto ok = check_window(input.solve.from, input.solve.days, input.start, now()); !ok) return ok.error();
  std::optional<StorePool::Lease> store{pool_->lease()};
  const Instant requested = now();
  auto case_record = case_to_save(**store, input, requested);
  if (!case_record) return case_record.error();

  store::NewMeeting m;
  m.case_ref = input.case_ref;
  m.title = input.title;
  m.location = input.location;
  m.description = input.description;
  m.organizer = input.coordinator;
  m.requested_at = requested;
  m.case_record = *case_record;
  // The coordinator organizes the meeting and so attends it: ACCEPTED from the
  // start (as calendar programs record their organizer), the others are asked.
  const auto partstat = [&](const ParticipantId& id) { return id == input.coordinator ? "ACCEPTED" : "NEEDS-ACTION"; };
  for (const auto& id : input.solve.required) {
    m.attendees.push_back({id, store::AttendeeRole::required, partstat(id), std::nullopt});
  }
  for (const auto& id : input.solve.optional) {
    m.attendees.push_back({id, store::AttendeeRole::optional, partstat(id), std::nullopt});
  }

  for (int attempt = 0;; ++attempt) {
    if (!store) store.emplace(pool_->lease());
    if (input.start) {
      if (auto ok = check_start(**store, input.solve, *input.start, requested, std::nullopt); !ok) return ok.error();
      m.when = {*input.start, *input.start + input.solve.duration};
    } else {
      auto solution = solve_with(**store, input.solve, requested, std::nullopt);
      if (!solution) return solution.error();
      if (!solution->answer.chosen) return Error{Errc::no_slot, solution->answer.reason, {}};
      m.when = solution->answer.chosen->time;
    }
    m.in_hole = time::in_hole(m.when, config_.rules, *zone_);
    store.reset();  // the booking waits for the writer (and its lock) without a pooled connection
    auto booked = bookings_.book({m, {actor.audit_name(), now()}});
    if (booked) {
      forget_feeds(booked->attendees);
      if (mailer_) mailer_->wake();
      return booked;
    }
    const bool lost_race = booked.error().code == store::Errc::slot_taken;
    if (!lost_race || input.start || attempt + 1 == kBookingAttempts) {
      if (lost_race && !input.start) return Error{Errc::no_slot, "other bookings took every fitting slot", {}};
      return booked.error();
    }
  }
}

Result<store::Meeting> Service::reschedule(store::MeetingId id, const RescheduleInput& input, const Actor& actor) {
  if (auto ok = check_window(input.from, input.days, input.start, now()); !ok) return ok.error();
  auto store = pool_->lease();
  auto current = store->meeting(id);
  if (!current) return current.error();
  if (current->status != store::MeetingStatus::scheduled) {
    return Error{store::Errc::not_scheduled, "meeting " + std::to_string(id.value) + " is cancelled", {}};
  }
  for (std::size_t i = 0; i < input.without.size(); ++i) {
    const auto& who = input.without[i];
    if (std::none_of(current->attendees.begin(), current->attendees.end(), [&](const auto& a) { return a.id == who; })) {
      return Error{Errc::invalid_value, who.value + " is not on meeting " + std::to_string(id.value),
                   indexed("without", i)};
    }
  }
  std::vector<ParticipantId> remove;
  const auto take_off = [&](const ParticipantId& who) {
    if (std::find(remove.begin(), remove.end(), who) == remove.end()) remove.push_back(who);
  };
  std::for_each(input.without.begin(), input.without.end(), take_off);
  if (input.without_declined) {
    const auto declined = current->required_declines();
    if (declined.empty()) {
      // Re-solving anyway would move a meeting nobody asked to move.
      return Error{Errc::nothing_to_do,
                   "no required attendee has declined meeting " + std::to_string(id.value) +
                       ", so nobody is taken off and the meeting stays as it is",
                   "without_declined"};
    }
    std::for_each(declined.begin(), declined.end(), take_off);
  }
  SolveInput solve_input;
  for (const auto& a : current->attendees) {
    if (std::find(remove.begin(), remove.end(), a.id) != remove.end()) continue;
    (a.role == store::AttendeeRole::required ? solve_input.required : solve_input.optional).push_back(a.id);
  }
  if (solve_input.required.empty()) {
    return Error{Errc::invalid_value, "no required attendee would be left", "without"};
  }
  solve_input.duration = std::chrono::duration_cast<std::chrono::minutes>(current->when.end - current->when.start);
  solve_input.from = input.from;
  solve_input.days = input.days;
  solve_input.strategy = input.strategy.value_or(solve::Strategy::hole_first);

  for (int attempt = 0;; ++attempt) {
    Interval when;
    if (input.start) {
      // Moving within its own time is allowed: its booking does not block itself.
      if (auto ok = check_start(*store, solve_input, *input.start, now(), current->when); !ok) return ok.error();
      when = {*input.start, *input.start + solve_input.duration};
    } else {
      // Its own booking stays busy, so the new slot is a different time.
      auto solution = solve_with(*store, solve_input, now(), std::nullopt);
      if (!solution) return solution.error();
      if (!solution->answer.chosen) return Error{Errc::no_slot, solution->answer.reason, {}};
      when = solution->answer.chosen->time;
    }
    auto moved = store->reschedule_meeting(id, when, time::in_hole(when, config_.rules, *zone_),
                                           {actor.audit_name(), now()}, remove);
    if (moved) {
      forget_feeds(current->attendees);  // those taken off too
      if (mailer_) mailer_->wake();
      return moved;
    }
    const bool lost_race = moved.error().code == store::Errc::slot_taken;
    if (!lost_race || input.start || attempt + 1 == kBookingAttempts) return moved.error();
  }
}

Result<store::Meeting> Service::cancel(store::MeetingId id, const Actor& actor) {
  auto cancelled = pool_->lease()->cancel_meeting(id, {actor.audit_name(), now()});
  if (cancelled) {
    forget_feeds(cancelled->attendees);
    if (mailer_) mailer_->wake();
  }
  return cancelled;
}

Result<store::Meeting> Service::meeting(store::MeetingId id) { return pool_->lease()->meeting(id); }

Result<std::vector<store::Meeting>> Service::meetings(const std::optional<CaseRef>& case_ref, Interval window,
                                                      bool declined) {
  auto store = pool_->lease();
  auto found = case_ref ? store->meetings_for_case(*case_ref) : store->meetings_in(window);
  if (!found) return found;
  std::erase_if(*found, [&](const store::Meeting& m) {
    const bool any_decline = std::any_of(m.attendees.begin(), m.attendees.end(),
                                         [](const store::Attendee& a) { return a.partstat == "DECLINED"; });
    return !m.when.overlaps(window) || (declined && !any_decline);
  });
  return found;
}

void Service::start_mail(std::string link_base) {
  if (mailer_) mailer_->start(std::move(link_base));
}

Result<std::vector<store::OutboxEntry>> Service::outbox(std::optional<store::MailStatus> status, int limit) {
  return pool_->lease()->outbox(status, limit);
}

Result<LinkAnswer> Service::answer_link(const std::string& secret, const std::optional<std::string>& partstat) {
  if (partstat && !store::is_answer(*partstat)) {
    return Error{Errc::invalid_value, "an answer is accepted, tentative or declined", "answer"};
  }
  auto store = pool_->lease();
  auto link = store->answer_link(secret);
  if (!link) return link.error();
  if (!*link) return Error{Errc::not_found, "no such answer link", {}};
  LinkAnswer out;
  auto attendee = store->professional((*link)->participant);
  if (!attendee) return attendee.error();
  out.attendee = std::move(*attendee);
  if (partstat) {
    auto outcome = store->record_answer((*link)->meeting, (*link)->participant, (*link)->sequence, *partstat, "link",
                                        {"link:" + (*link)->participant.value, now()});
    if (!outcome) return outcome.error();
    out.outcome = *outcome;
  }
  auto m = store->meeting((*link)->meeting);
  if (!m) return m.error();
  out.meeting = std::move(*m);
  if (!partstat) out.outcome = store::answer_outcome(out.meeting, (*link)->participant, (*link)->sequence);
  return out;
}

Result<Invite> Service::invite(store::MeetingId id) {
  auto store = pool_->lease();
  auto m = store->meeting(id);
  if (!m) return m.error();
  auto people = store->professionals();
  if (!people) return people.error();
  const bool cancelled = m->status == store::MeetingStatus::cancelled;
  Invite out;
  out.method = cancelled ? "CANCEL" : "REQUEST";
  // DTSTAMP is the meeting's last change, so the same version always reads the same.
  out.text = calendar::render_itip(cancelled ? calendar::ItipMethod::cancel : calendar::ItipMethod::request,
                                   event_of(*m, by_id(std::move(*people)), config_), m->updated_at, *zone_,
                                   config_.zone);
  return out;
}

Result<std::shared_ptr<const Feed>> Service::feed(const std::string& secret) {
  const Instant t = now();
  std::lock_guard reader_lock(feed_reader_mutex_);
  auto version = feed_reader_->others_changed();
  if (!version) return version.error();
  {
    // The common case: a known secret, nothing changed since, a feed rendered today.
    std::lock_guard lock(feeds_mutex_);
    auto known = secrets_.find(secret);
    if (known && known->data_version == *version) {
      if (auto it = feeds_.find(known->owner); it != feeds_.end() && still_fresh(it->second, t)) {
        return it->second.feed;
      }
    }
  }
  auto owner = feed_reader_->feed_owner(secret);
  if (!owner) return owner.error();
  {
    std::lock_guard lock(feeds_mutex_);
    if (!*owner) {
      secrets_.forget(secret);
      return Error{Errc::not_found, "no such feed", {}};
    }
    secrets_.remember(secret, {**owner, *version});
    if (auto it = feeds_.find(**owner); it != feeds_.end() && still_fresh(it->second, t)) {
      return it->second.feed;
    }
  }
  return render_feed(*feed_reader_, **owner, t);
}

Result<std::shared_ptr<const Feed>> Service::render_feed(store::Store& store, const ParticipantId& id, Instant t) {
  auto people = store.professionals();
  if (!people) return people.error();
  auto by = by_id(std::move(*people));
  auto who = by.find(id);
  if (who == by.end()) return Error{Errc::not_found, "no such feed", {}};
  const auto today = std::chrono::sys_days{time::local_date(t, *zone_)};
  // From four weeks back (recent history; longer when cancelled meetings stay
  // visible longer) to a bit more than a year ahead; the feed is re-rendered
  // daily, so the span rolls on.
  const std::chrono::days history{std::max(28, config_.cancelled_visible_days + 1)};
  const Interval span{zone_->to_instant(std::chrono::local_days{(today - history).time_since_epoch()}),
                      zone_->to_instant(std::chrono::local_days{(today + std::chrono::days{400}).time_since_epoch()})};
  auto meetings = store.meetings_in(span, id);
  if (!meetings) return meetings.error();

  calendar::Feed feed;
  feed.calendar_name = "Yhteisaika – " + who->second.name;
  feed.owner_key = id.value;
  feed.span = span;
  feed.refresh_interval = config_.feed_refresh;
  feed.hole_organizer = {config_.mail_from_name, config_.organizer_email};
  const Instant cancelled_cutoff = t - std::chrono::days{config_.cancelled_visible_days};
  std::vector<Interval> scheduled;
  for (const auto& m : *meetings) {
    if (m.status == store::MeetingStatus::scheduled) scheduled.push_back(m.when);
    if (m.status == store::MeetingStatus::cancelled && m.when.start < cancelled_cutoff) continue;
    feed.meetings.push_back(event_of(m, by, config_));
  }
  feed.released_holes = report::released_holes(span, scheduled, t, config_.hole_release, config_.rules, *zone_);
  auto rendered = std::make_shared<Feed>();
  // DTSTAMP is the day's local midnight, so one day's renderings (also after a
  // restart) are byte-identical and keep their ETag.
  const Instant stamp = zone_->to_instant(std::chrono::local_days{today.time_since_epoch()});
  rendered->text = calendar::render_feed(feed, config_.rules, *zone_, config_.zone, stamp);
  rendered->etag = etag_of(rendered->text);
  rendered->gzip = gzip(rendered->text);
  rendered->gzip_etag = rendered->etag.substr(0, rendered->etag.size() - 1) + "-gzip\"";
  auto [version, first] = feed_versions_.try_emplace(id, rendered->etag, std::chrono::floor<std::chrono::seconds>(t));
  if (!first && version->second.first != rendered->etag) {
    // A new text: later than the last one's, also when it came in the same second.
    version->second = {rendered->etag,
                       std::max(std::chrono::floor<std::chrono::seconds>(t), version->second.second + 1s)};
  }
  rendered->last_modified = version->second.second;
  std::shared_ptr<const Feed> out = rendered;
  std::lock_guard lock(feeds_mutex_);
  feeds_[id] = {out, time::local_date(t, *zone_), release_through(t)};
  return out;
}

std::optional<Instant> Service::release_through(Instant t) const {
  if (!config_.hole_release) return std::nullopt;
  return report::last_release_at_or_before(t, *config_.hole_release, *zone_);
}

bool Service::still_fresh(const CachedFeed& cached, Instant t) const {
  return cached.rendered_on == time::local_date(t, *zone_) && cached.released_through == release_through(t);
}

void Service::forget_feeds(const std::vector<store::Attendee>& attendees) {
  std::lock_guard lock(feeds_mutex_);
  for (const auto& a : attendees) feeds_.erase(a.id);
}

Result<report::Utilisation> Service::utilisation(const report::Period& period) {
  using std::chrono::sys_days;
  if (!period.from.ok() || !period.to.ok() || sys_days{period.to} < sys_days{period.from}) {
    return Error{Errc::invalid_value, "to must be a date on or after from", "to"};
  }
  if (sys_days{period.to} - sys_days{period.from} > std::chrono::days{3 * 366}) {
    return Error{Errc::invalid_value, "the period is at most three years", "to"};
  }
  auto store = pool_->lease();
  auto people = store->professionals();
  if (!people) return people.error();
  std::vector<report::Member> members;
  for (const auto& p : *people) members.push_back({p.id, p.unit, p.name});
  if (period.unit && std::none_of(members.begin(), members.end(),
                                  [&](const report::Member& m) { return m.unit == *period.unit; })) {
    return Error{Errc::invalid_value, "no professional works in that unit", "unit"};
  }
  auto meetings = store->meetings_in(report::weeks_covering(period.from, period.to, *zone_));
  if (!meetings) return meetings.error();
  std::map<std::string, std::optional<std::chrono::year_month_day>> identified;  // by case reference
  std::vector<report::MeetingRow> rows;
  rows.reserve(meetings->size());
  for (const auto& m : *meetings) {
    auto known = identified.find(m.case_ref.value);
    if (known == identified.end()) {
      auto c = store->case_by_ref(m.case_ref);
      if (!c && c.error().code != store::Errc::not_found) return c.error();
      known = identified.emplace(m.case_ref.value, c ? std::optional{c->identified_on} : std::nullopt).first;
    }
    report::MeetingRow row;
    row.id = m.id.value;
    row.when = m.when;
    row.in_hole = m.in_hole;
    row.cancelled = m.status == store::MeetingStatus::cancelled;
    row.requested_at = m.requested_at;
    row.identified_on = known->second;
    row.reschedules = m.reschedules;
    for (const auto& a : m.attendees) row.attendees.push_back(a.id);
    rows.push_back(std::move(row));
  }
  return report::utilisation(period, members, rows, now(), config_.hole_release, config_.rules, *zone_);
}

Result<std::vector<store::AuditEntry>> Service::audit(Interval window) { return pool_->lease()->audit_log(window); }

}  // namespace yhteisaika::service
