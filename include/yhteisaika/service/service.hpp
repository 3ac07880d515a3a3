#pragma once
// Start here for service/: what the three users do, without HTTP.
//   coordinators: solve, book, reschedule, cancel, read invites
//   professionals: their feed (by the secret in its URL)
//   managers: utilisation figures
//   admins: professionals, feed secrets, the audit log
// It joins the busy index (calendars), the store (bookings) and the pure core
// (solver, invite and feed rendering, report). Handlers in http/ only parse,
// call one member and render.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/config/config.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/report/weekly_utilisation.hpp>
#include <yhteisaika/service/booking_queue.hpp>
#include <yhteisaika/service/calendar_index.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/known_feed_secrets.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace yhteisaika::service {

using Clock = std::function<time::Instant()>;

// Where the service tells what happens in the background (mail sent, failed,
// replies applied or ignored): a level ("info", "warn", "error"), a fixed phrase
// and fields. Never a client's name, a password or a message's text.
using EventLog = std::function<void(std::string_view level, std::string_view msg, const boost::json::object& fields)>;

// Who asks: the token's name and role. Written to the audit log as "role:name".
struct Actor {
  std::string name;
  store::TokenRole role = store::TokenRole::coordinator;
  std::string audit_name() const;
};

struct SolveInput {
  std::vector<ParticipantId> required;  // REQUIRES (checked): not empty
  std::vector<ParticipantId> optional;
  std::optional<time::Instant> from;    // default: now
  int days = 0;                         // 0 = the configured default
  std::chrono::minutes duration{60};
  solve::Strategy strategy = solve::Strategy::hole_first;
};

struct Solution {
  solve::SolveAnswer answer;
  time::Interval window;
  std::vector<ParticipantId> required;
  solve::Strategy strategy = solve::Strategy::hole_first;
};

struct BookInput {
  SolveInput solve;
  CaseRef case_ref;
  // Book exactly here, or fail: invalid_value before now or off the grid and
  // working hours, slot_taken naming who is not free.
  std::optional<time::Instant> start;
  std::string title;
  std::string location;
  std::string description;
  std::optional<ParticipantId> coordinator;  // the organizer; default the service's mailbox
  std::optional<std::chrono::year_month_day> identified_on;  // for a new case; default today
};

struct RescheduleInput {
  std::optional<time::Instant> start;  // move exactly here (refused as BookInput::start is)
  std::optional<time::Instant> from;   // else re-solve from here (default now)
  int days = 0;
  std::optional<solve::Strategy> strategy;
  // Attendees to take off (they get a CANCEL); `without_declined` adds every
  // required attendee who declined (Errc::nothing_to_do when none has: the
  // meeting is left as it is). Everyone else is solved for, and asked anew.
  std::vector<ParticipantId> without;
  bool without_declined = false;
};

// What an answer link (sent in an invite mail) speaks of, and what became of it.
struct LinkAnswer {
  store::Meeting meeting;
  store::Professional attendee;
  // applied: the answer is recorded (or, when only looking, the link is current);
  // superseded: the meeting changed after this invite; cancelled; not_attendee:
  // they were taken off the meeting.
  store::AnswerOutcome outcome = store::AnswerOutcome::applied;
};

// An iTIP message (RFC 5546) ready to send or download.
struct Invite {
  std::string method;  // "REQUEST" or "CANCEL"
  std::string text;
};

// A professional's rendered feed, in both representations a client may get.
struct Feed {
  std::string text;
  std::string etag;  // a strong validator of `text`
  // `text` gzip-compressed (RFC 1952), made once per rendering; its strong
  // ETag differs from the text's, as RFC 9110 §8.8.3 asks per content coding.
  std::string gzip;
  std::string gzip_etag;
  // When this text was first rendered (whole seconds; Last-Modified): the
  // same as before while a new rendering gives the same text, and later than
  // every earlier text's when it differs, even within the same second, so that
  // If-Modified-Since never hides a change. Starts afresh when the service
  // does (clients then read the feed once more).
  time::Instant last_modified{};
};

class Mailer;
struct MailParts;

class Service {
 public:
  ~Service();
  // Opens the database (migrating it), and on an empty one imports the team from
  // calendars_dir/people.json and then, when the folder has one, the past
  // meetings of calendars_dir/demo-bookings.json (audit actor "import"; see
  // src/service/demo_bookings_file.hpp). Both are checked as the API checks
  // (errors name the file and entry). Expands every professional's calendar once.
  // With smtp_url set, also makes the mailer (src/service/mailer.hpp), reading
  // replies too when imap_url is; it tells `mail_log` what it does and sends
  // once start_mail() is called. A wrong mail setting (e.g. an unreadable
  // password file) is an error naming the setting, before anything is served.
  // Remote calendars are fetched by `fetcher`; null = the HTTP client the config
  // describes (sources::HttpFetcher).
  static Result<std::unique_ptr<Service>> open(const config::Config& config, Clock clock, EventLog mail_log = {},
                                               std::shared_ptr<const sources::CalendarFetcher> fetcher = nullptr);

  const config::Config& config() const { return config_; }
  const time::Zone& zone() const { return *zone_; }
  time::Instant now() const { return clock_(); }

  // Auth: the token behind a bearer secret (Errc::unauthorized if none).
  Result<store::ApiToken> authenticate(const std::string& secret);

  Result<std::vector<store::Professional>> professionals();
  Result<store::Professional> professional(const ParticipantId& id);
  // Creates one and returns its feed secret (shown once; only its hash is kept).
  Result<std::string> create_professional(const store::Professional& p, const Actor& actor);
  Result<store::Professional> update_professional(const store::Professional& p, const Actor& actor);
  // A new feed secret, returned once; the old one stops working.
  Result<std::string> rotate_feed_secret(const ParticipantId& id, const Actor& actor);

  Result<Solution> solve(const SolveInput& input);
  Result<store::Meeting> book(const BookInput& input, const Actor& actor);
  Result<store::Meeting> reschedule(store::MeetingId id, const RescheduleInput& input, const Actor& actor);
  Result<store::Meeting> cancel(store::MeetingId id, const Actor& actor);
  Result<store::Meeting> meeting(store::MeetingId id);
  // Meetings overlapping [from, to), of one case when given, by start; with
  // `declined`, only those where someone declined.
  Result<std::vector<store::Meeting>> meetings(const std::optional<CaseRef>& case_ref, time::Interval window,
                                               bool declined = false);
  Result<Invite> invite(store::MeetingId id);

  // E-mail (iMIP): starts sending with the mailer that open() made (a no-op
  // without smtp_url). Answer links in the mails start with `link_base` (the
  // public URL, e.g. config base_url), which may be known only once the server
  // listens. Until then bookings, reschedules and cancels wait as notices in
  // the database. REQUIRES: called at most once.
  void start_mail(std::string link_base);
  // The outbox, newest first: one status or all (admins).
  Result<std::vector<store::OutboxEntry>> outbox(std::optional<store::MailStatus> status, int limit);
  // An answer link's meeting and attendee (Errc::not_found for an unknown
  // secret). With `partstat` (ACCEPTED, TENTATIVE or DECLINED) records it when
  // the link is current; without, only looks.
  Result<LinkAnswer> answer_link(const std::string& secret, const std::optional<std::string>& partstat);

  // The feed that `secret` opens (Errc::not_found otherwise), from the cache.
  // Holes released unused (config hole_release, report/hole_release.hpp) are
  // left out (EXDATE); a cached feed is rendered again once a later release
  // deadline has passed, as well as on a new day.
  // Never waits for a pooled connection or a write, so it may run on the
  // network threads. A secret known to open a feed is looked up again only
  // after the database changed (also by another process, e.g. the command line
  // rotating it), so a rotated secret stops working at once.
  Result<std::shared_ptr<const Feed>> feed(const std::string& secret);

  // Figures for managers over the whole weeks of the period (report::utilisation)
  // as of now. Errc::invalid_value names the field: "to" before "from" or a period
  // over three years, "unit" naming no professional's unit.
  Result<report::Utilisation> utilisation(const report::Period& period);
  Result<std::vector<store::AuditEntry>> audit(time::Interval window);

  // Calendar sources (admins): one row per professional (calendar_index.hpp).
  Result<std::vector<SourceStatus>> sources();
  // Reads `id`'s calendar now (Errc of store::not_found for an unknown id).
  Result<SourceStatus> refresh_source(const ParticipantId& id);
  // The calendars among `ids` answered from a stale copy (for solve and booking answers).
  std::vector<SourceStatus> stale_calendars(const std::vector<ParticipantId>& ids);

 private:
  // `mail` (nullptr: no e-mail) becomes the mailer, made here with the rest.
  Service(config::Config config, Clock clock, std::shared_ptr<const time::Zone> zone, std::regex case_ref_pattern,
          std::unique_ptr<StorePool> pool, std::unique_ptr<store::Store> writer,
          std::unique_ptr<store::Store> feed_reader, std::unique_ptr<MailParts> mail);

  struct CachedFeed {
    std::shared_ptr<const Feed> feed;
    std::chrono::year_month_day rendered_on;  // feeds depend on the date (hole series, 30 days of cancels)
    std::optional<time::Instant> released_through;  // the last release deadline passed when rendered
  };

  // The case to create or update with a booking, if anything changes.
  Result<std::optional<store::Case>> case_to_save(store::Store& store, const BookInput& input,
                                                  time::Instant requested);
  // A calendar's busy time in `window` with `who`'s bookings added (less `ignore_booking`).
  static std::vector<time::Interval> with_bookings(const ParticipantId& who,
                                                   const std::vector<time::Interval>& from_calendar,
                                                   time::Interval window, const store::BusyByParticipant& booked,
                                                   std::optional<time::Interval> ignore_booking);
  // A request's window lies in [now, now + horizon_days]: `start` (when given),
  // else the window of `days` from `from` (an earlier `from` starts now).
  // Errc::invalid_value names "start", "from" or "days" otherwise.
  Result<void> check_window(std::optional<time::Instant> from, int days, std::optional<time::Instant> start,
                            time::Instant now) const;
  Result<Solution> solve_with(store::Store& store, const SolveInput& input, time::Instant now,
                              std::optional<time::Interval> ignore_booking);
  // Whether a meeting of `input` may start exactly at `start`: not before `now`
  // (invalid_value), on the grid in working hours (invalid_value), every required
  // attendee free (store slot_taken naming who is not). All name the field "start".
  Result<void> check_start(store::Store& store, const SolveInput& input, time::Instant start, time::Instant now,
                           std::optional<time::Interval> ignore_booking);
  Result<std::shared_ptr<const Feed>> render_feed(store::Store& store, const ParticipantId& id, time::Instant now);
  void forget_feeds(const std::vector<store::Attendee>& attendees);
  // Whether a cached feed still holds at `t` (same day, no release deadline passed since).
  bool still_fresh(const CachedFeed& cached, time::Instant t) const;
  std::optional<time::Instant> release_through(time::Instant t) const;
  time::Interval window_from(time::Instant from, int days) const;

  config::Config config_;
  Clock clock_;
  std::shared_ptr<const time::Zone> zone_;
  calendar::ZoneCatalog zones_;
  const std::regex case_ref_pattern_;  // config case_ref_pattern, compiled once
  std::unique_ptr<StorePool> pool_;
  CalendarIndex calendars_;
  BookingQueue bookings_;
  std::mutex feeds_mutex_;  // guards feeds_ and secrets_
  std::map<ParticipantId, CachedFeed> feeds_;
  KnownFeedSecrets secrets_;  // by SHA-256, never the secret itself
  // Feed lookups and renders have their own connection (see feed()).
  std::mutex feed_reader_mutex_;
  std::unique_ptr<store::Store> feed_reader_;
  // The last text rendered for each professional, by ETag, and since when
  // (Feed::last_modified); kept when the cached feed is forgotten. Guarded by
  // feed_reader_mutex_, which every rendering holds.
  std::map<ParticipantId, std::pair<std::string, time::Instant>> feed_versions_;
  // Made in the constructor and never changed, so that book, reschedule and
  // cancel on any thread may read it (and wake() it) without a lock: there is
  // no moment when the server serves and the mailer is being set. Last, so
  // that it stops before what it uses goes.
  const std::unique_ptr<Mailer> mailer_;
};

}  // namespace yhteisaika::service
