#include <yhteisaika/store/sqlite_store.hpp>

#include <yhteisaika/store/sha256.hpp>

#include "migrations.hpp"
#include "wal_index_watch.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <set>

namespace yhteisaika::store {

namespace {

using time::Instant;
using time::Interval;

// --- Conversions between domain values and columns -------------------------

std::int64_t to_db(Instant t) { return t.time_since_epoch().count(); }
Instant instant_from_db(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

const char* to_db(MeetingStatus s) { return s == MeetingStatus::scheduled ? "scheduled" : "cancelled"; }
MeetingStatus status_from_db(const std::string& s) {
  return s == "cancelled" ? MeetingStatus::cancelled : MeetingStatus::scheduled;
}

const char* to_db(AttendeeRole r) { return r == AttendeeRole::required ? "required" : "optional"; }
AttendeeRole role_from_db(const std::string& s) {
  return s == "optional" ? AttendeeRole::optional : AttendeeRole::required;
}

const char* to_db(TokenRole r) { return to_string(r); }
TokenRole token_role_from_db(const std::string& s) {
  if (s == "admin") return TokenRole::admin;
  if (s == "manager") return TokenRole::manager;
  return TokenRole::coordinator;
}

std::string to_db(std::chrono::year_month_day d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return text;
}
std::chrono::year_month_day date_from_db(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(s.c_str(), "%d-%u-%u", &y, &m, &d);
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

// "2026-11-23T09:00:00Z", for audit JSON that a person can read.
std::string utc_text(Instant t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{t - day};
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", to_db(ymd).c_str(), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return text;
}

std::string meeting_json(const Meeting& m) {
  boost::json::array attendees;
  for (const Attendee& a : m.attendees) {
    attendees.push_back({{"id", a.id.value}, {"role", to_db(a.role)}, {"partstat", a.partstat}});
  }
  boost::json::object o{{"id", m.id.value},
                        {"case_ref", m.case_ref.value},
                        {"start", utc_text(m.when.start)},
                        {"end", utc_text(m.when.end)},
                        {"in_hole", m.in_hole},
                        {"status", to_db(m.status)},
                        {"sequence", m.sequence},
                        {"title", m.title},
                        {"location", m.location},
                        {"attendees", std::move(attendees)}};
  return boost::json::serialize(o);
}

std::string professional_json(const Professional& p) {
  boost::json::object o{{"id", p.id.value},       {"name", p.name},   {"profession", p.profession},
                        {"unit", p.unit},         {"email", p.email}, {"calendar_source", p.calendar_source}};
  return boost::json::serialize(o);
}

}  // namespace

// 32 bytes from the OS's random source, as 64 hex digits.
std::string random_secret() {
  std::random_device random("/dev/urandom");  // the kernel CSPRNG, not a CPU instruction
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    std::uint32_t word = random();
    for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(word >> shift) & 0xf]);
  }
  return out;
}

namespace {

// --- Statements ---------------------------------------------------------------

// Resets a statement when leaving scope, so that no read stays open across a
// commit and the next use starts fresh. Every parameter is bound on each use.
class Use {
 public:
  explicit Use(SQLite::Statement& s) : s_(s) {}
  ~Use() { s_.tryReset(); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  SQLite::Statement* operator->() { return &s_; }
  SQLite::Statement& operator*() { return s_; }

 private:
  SQLite::Statement& s_;
};

constexpr const char* kMeetingColumns =
    "id, case_ref, start_s, end_s, in_hole, status, sequence, reschedules, title, location, description, organizer, "
    "created_at, updated_at, requested_at";

constexpr const char* kOutboxColumns =
    "id, meeting_id, sequence, participant_id, recipient, method, subject, status, attempts, created_at, "
    "next_attempt_at, sent_at, last_error";

// Prepared once per connection.
struct Statements {
  explicit Statements(SQLite::Database& db)
      : put_professional(db,
                         "INSERT INTO professionals (id, name, profession, unit, email, calendar_source) "
                         "VALUES (:id, :name, :profession, :unit, :email, :calendar_source) "
                         "ON CONFLICT (id) DO UPDATE SET name = excluded.name, profession = excluded.profession, "
                         "unit = excluded.unit, email = excluded.email, calendar_source = excluded.calendar_source"),
        professional(db,
                     "SELECT id, name, profession, unit, email, calendar_source FROM professionals WHERE id = :id"),
        professionals(db,
                      "SELECT id, name, profession, unit, email, calendar_source FROM professionals ORDER BY id"),
        put_case(db,
                 "INSERT INTO cases (ref, coordinator, identified_on) VALUES (:ref, :coordinator, :identified_on) "
                 "ON CONFLICT (ref) DO UPDATE SET coordinator = excluded.coordinator, "
                 "identified_on = excluded.identified_on"),
        case_by_ref(db, "SELECT ref, coordinator, identified_on FROM cases WHERE ref = :ref"),
        insert_meeting(db,
                       "INSERT INTO meetings (case_ref, start_s, end_s, in_hole, status, sequence, reschedules, title, "
                       "location, description, organizer, created_at, updated_at, requested_at) VALUES (:case_ref, "
                       ":start_s, :end_s, :in_hole, :status, :sequence, :reschedules, :title, :location, "
                       ":description, :organizer, :created_at, :created_at, :requested_at)"),
        insert_attendee(db,
                        "INSERT INTO meeting_attendees (meeting_id, participant_id, position, role, partstat) "
                        "VALUES (:meeting_id, :participant_id, :position, :role, :partstat)"),
        meeting(db, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE id = :id"),
        attendees(db,
                  "SELECT participant_id, role, partstat, answered_at FROM meeting_attendees "
                  "WHERE meeting_id = :meeting_id ORDER BY position"),
        meetings_for_case(db, std::string("SELECT ") + kMeetingColumns +
                                  " FROM meetings WHERE case_ref = :case_ref ORDER BY start_s, id"),
        // Half-open overlap: [s1, e1) and [s2, e2) overlap iff s1 < e2 and s2 < e1.
        clash(db,
              "SELECT m.id FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id "
              "WHERE a.participant_id = :participant_id AND m.status = 'scheduled' "
              "AND m.start_s < :end_s AND :start_s < m.end_s AND m.id <> :exclude_id LIMIT 1"),
        set_status(db,
                   "UPDATE meetings SET status = :status, sequence = sequence + 1, updated_at = :at WHERE id = :id"),
        set_when(db,
                 "UPDATE meetings SET start_s = :start_s, end_s = :end_s, in_hole = :in_hole, sequence = sequence + 1, "
                 "reschedules = reschedules + 1, updated_at = :at WHERE id = :id"),
        meetings_in(db, std::string("SELECT ") + kMeetingColumns +
                            " FROM meetings WHERE start_s < :end_s AND :start_s < end_s ORDER BY start_s, id"),
        meetings_of(db, std::string("SELECT ") + kMeetingColumns +
                            " FROM meetings WHERE start_s < :end_s AND :start_s < end_s AND id IN "
                            "(SELECT meeting_id FROM meeting_attendees WHERE participant_id = :participant_id) "
                            "ORDER BY start_s, id"),
        busy_all(db,
                 "SELECT a.participant_id, m.start_s, m.end_s FROM meetings m "
                 "JOIN meeting_attendees a ON a.meeting_id = m.id "
                 "WHERE m.status = 'scheduled' AND m.start_s < :end_s AND :start_s < m.end_s"),
        busy_one(db,
                 "SELECT a.participant_id, m.start_s, m.end_s FROM meetings m "
                 "JOIN meeting_attendees a ON a.meeting_id = m.id "
                 "WHERE a.participant_id = :participant_id AND m.status = 'scheduled' "
                 "AND m.start_s < :end_s AND :start_s < m.end_s"),
        insert_token(db,
                     "INSERT INTO api_tokens (name, role, hash, created_at) "
                     "VALUES (:name, :role, :hash, :created_at)"),
        token_by_hash(db, "SELECT id, name, role, created_at FROM api_tokens WHERE hash = :hash"),
        put_feed_secret(db,
                        "INSERT INTO feed_secrets (participant_id, hash, rotated_at) "
                        "VALUES (:participant_id, :hash, :rotated_at) ON CONFLICT (participant_id) "
                        "DO UPDATE SET hash = excluded.hash, rotated_at = excluded.rotated_at"),
        feed_secret(db, "SELECT hash FROM feed_secrets WHERE participant_id = :participant_id"),
        feed_owner(db, "SELECT participant_id FROM feed_secrets WHERE hash = :hash"),
        data_version(db, "PRAGMA data_version"),
        insert_audit(db,
                     "INSERT INTO audit_log (actor, action, at, before_json, after_json) "
                     "VALUES (:actor, :action, :at, :before_json, :after_json)"),
        audit_window(db,
                     "SELECT id, actor, action, at, before_json, after_json FROM audit_log "
                     "WHERE at >= :start_s AND at < :end_s ORDER BY at, id"),
        insert_notice(db,
                      "INSERT INTO mail_notices (meeting_id, sequence, removed, created_at) "
                      "VALUES (:meeting_id, :sequence, :removed, :created_at)"),
        notices(db, "SELECT id, meeting_id, sequence, removed, created_at FROM mail_notices ORDER BY id LIMIT :limit"),
        delete_notice(db, "DELETE FROM mail_notices WHERE id = :id"),
        insert_mail(db,
                    "INSERT INTO outbox (meeting_id, sequence, participant_id, recipient, method, subject, message, "
                    "status, created_at, next_attempt_at, last_error) VALUES (:meeting_id, :sequence, "
                    ":participant_id, :recipient, :method, :subject, :message, :status, :at, :at, :error)"),
        insert_answer_link(db,
                           "INSERT INTO answer_links (hash, meeting_id, participant_id, sequence, created_at) "
                           "VALUES (:hash, :meeting_id, :participant_id, :sequence, :created_at)"),
        due_mail(db, std::string("SELECT ") + kOutboxColumns +
                         ", message FROM outbox WHERE status = 'queued' AND next_attempt_at <= :now "
                         "ORDER BY next_attempt_at, id LIMIT :limit"),
        mail_sent(db, "UPDATE outbox SET status = 'sent', sent_at = :at, last_error = '' WHERE id = :id"),
        mail_not_sent(db,
                      "UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next, "
                      "status = :status WHERE id = :id"),
        outbox_all(db, std::string("SELECT ") + kOutboxColumns + " FROM outbox ORDER BY id DESC LIMIT :limit"),
        outbox_with_status(db, std::string("SELECT ") + kOutboxColumns +
                                   " FROM outbox WHERE status = :status ORDER BY id DESC LIMIT :limit"),
        answer_link(db, "SELECT meeting_id, participant_id, sequence FROM answer_links WHERE hash = :hash"),
        set_partstat(db,
                     "UPDATE meeting_attendees SET partstat = :partstat, answered_at = :at "
                     "WHERE meeting_id = :meeting_id AND participant_id = :participant_id"),
        reset_partstats(db,
                        "UPDATE meeting_attendees SET partstat = CASE WHEN participant_id = "
                        "(SELECT organizer FROM meetings WHERE id = :meeting_id) THEN 'ACCEPTED' "
                        "ELSE 'NEEDS-ACTION' END, answered_at = 0 WHERE meeting_id = :meeting_id"),
        remove_attendee(db,
                        "DELETE FROM meeting_attendees WHERE meeting_id = :meeting_id "
                        "AND participant_id = :participant_id") {}

  SQLite::Statement put_professional, professional, professionals, put_case, case_by_ref;
  SQLite::Statement insert_meeting, insert_attendee, meeting, attendees, meetings_for_case;
  SQLite::Statement clash, set_status, set_when, meetings_in, meetings_of, busy_all, busy_one;
  SQLite::Statement insert_token, token_by_hash, put_feed_secret, feed_secret, feed_owner, data_version;
  SQLite::Statement insert_audit, audit_window;
  SQLite::Statement insert_notice, notices, delete_notice, insert_mail, insert_answer_link, due_mail, mail_sent,
      mail_not_sent, outbox_all, outbox_with_status, answer_link, set_partstat, reset_partstats, remove_attendee;
};

// --- One row_to_<type>() per table ------------------------------------------

Professional row_to_professional(const SQLite::Statement& row) {
  return {ParticipantId{row.getColumn("id").getString()}, row.getColumn("name").getString(),
          row.getColumn("profession").getString(),         row.getColumn("unit").getString(),
          row.getColumn("email").getString(),              row.getColumn("calendar_source").getString()};
}

Case row_to_case(const SQLite::Statement& row) {
  return {CaseRef{row.getColumn("ref").getString()}, ParticipantId{row.getColumn("coordinator").getString()},
          date_from_db(row.getColumn("identified_on").getString())};
}

// Without attendees; see SqliteStore::load_attendees.
Meeting row_to_meeting(const SQLite::Statement& row) {
  Meeting m;
  m.id = MeetingId{row.getColumn("id").getInt64()};
  m.case_ref = CaseRef{row.getColumn("case_ref").getString()};
  m.when = {instant_from_db(row.getColumn("start_s").getInt64()), instant_from_db(row.getColumn("end_s").getInt64())};
  m.in_hole = row.getColumn("in_hole").getInt() != 0;
  m.status = status_from_db(row.getColumn("status").getString());
  m.sequence = row.getColumn("sequence").getInt();
  m.reschedules = row.getColumn("reschedules").getInt();
  m.title = row.getColumn("title").getString();
  m.location = row.getColumn("location").getString();
  m.description = row.getColumn("description").getString();
  if (std::string organizer = row.getColumn("organizer").getString(); !organizer.empty()) {
    m.organizer = ParticipantId{std::move(organizer)};
  }
  m.created_at = instant_from_db(row.getColumn("created_at").getInt64());
  m.updated_at = instant_from_db(row.getColumn("updated_at").getInt64());
  m.requested_at = instant_from_db(row.getColumn("requested_at").getInt64());
  return m;
}

Attendee row_to_attendee(const SQLite::Statement& row) {
  Attendee a{ParticipantId{row.getColumn("participant_id").getString()},
             role_from_db(row.getColumn("role").getString()), row.getColumn("partstat").getString(), std::nullopt};
  if (std::int64_t at = row.getColumn("answered_at").getInt64(); at != 0) a.answered_at = instant_from_db(at);
  return a;
}

MailStatus mail_status_from_db(const std::string& s) {
  return s == "sent" ? MailStatus::sent : s == "failed" ? MailStatus::failed : MailStatus::queued;
}

std::vector<ParticipantId> ids_from_json(const std::string& text) {
  std::vector<ParticipantId> out;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) out.push_back(ParticipantId{std::string(v.as_string())});
  return out;
}

std::string ids_json(const std::vector<ParticipantId>& ids) {
  boost::json::array a;
  for (const auto& id : ids) a.emplace_back(id.value);
  return boost::json::serialize(a);
}

MailNotice row_to_mail_notice(const SQLite::Statement& row) {
  return {row.getColumn("id").getInt64(), MeetingId{row.getColumn("meeting_id").getInt64()},
          row.getColumn("sequence").getInt(), ids_from_json(row.getColumn("removed").getString()),
          instant_from_db(row.getColumn("created_at").getInt64())};
}

// With the message text only when the query selected it (due_mail).
OutboxEntry row_to_outbox_entry(const SQLite::Statement& row, bool with_message) {
  OutboxEntry e;
  e.id = row.getColumn("id").getInt64();
  e.meeting = MeetingId{row.getColumn("meeting_id").getInt64()};
  e.sequence = row.getColumn("sequence").getInt();
  e.participant = ParticipantId{row.getColumn("participant_id").getString()};
  e.recipient = row.getColumn("recipient").getString();
  e.method = row.getColumn("method").getString();
  e.subject = row.getColumn("subject").getString();
  e.status = mail_status_from_db(row.getColumn("status").getString());
  e.attempts = row.getColumn("attempts").getInt();
  e.created_at = instant_from_db(row.getColumn("created_at").getInt64());
  e.next_attempt_at = instant_from_db(row.getColumn("next_attempt_at").getInt64());
  if (std::int64_t at = row.getColumn("sent_at").getInt64(); at != 0) e.sent_at = instant_from_db(at);
  e.last_error = row.getColumn("last_error").getString();
  if (with_message) e.message = row.getColumn("message").getString();
  return e;
}

ApiToken row_to_api_token(const SQLite::Statement& row) {
  return {row.getColumn("id").getInt64(), row.getColumn("name").getString(),
          token_role_from_db(row.getColumn("role").getString()),
          instant_from_db(row.getColumn("created_at").getInt64())};
}

AuditEntry row_to_audit_entry(const SQLite::Statement& row) {
  return {row.getColumn("id").getInt64(),
          row.getColumn("actor").getString(),
          row.getColumn("action").getString(),
          instant_from_db(row.getColumn("at").getInt64()),
          row.getColumn("before_json").getString(),
          row.getColumn("after_json").getString()};
}

// --- The store ----------------------------------------------------------------

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, int flags, std::chrono::milliseconds busy_timeout)
      : path_(path), db_(path, flags, static_cast<int>(busy_timeout.count())), busy_timeout_(busy_timeout) {}

  void set_busy_timeout(std::chrono::milliseconds timeout) override {
    busy_timeout_ = std::max(timeout, std::chrono::milliseconds{0});
    db_.setBusyTimeout(static_cast<int>(busy_timeout_.count()));
  }

  Result<void> init() {
    return guarded("opening the database", [&]() -> Result<void> {
      // WAL lets readers run beside the one writer; FULL makes a commit durable.
      db_.exec("PRAGMA journal_mode = WAL");
      db_.exec("PRAGMA synchronous = FULL");
      db_.exec("PRAGMA foreign_keys = ON");
      if (auto migrated = migrate(db_); !migrated) return migrated.error();
      st_.emplace(db_);
      wal_watch_.emplace(path_);
      return {};
    });
  }

  Result<void> put_professional(const Professional& p) override {
    return guarded("saving a professional", [&]() -> Result<void> {
      write_professional(p);
      return {};
    });
  }

  Result<Professional> professional(const ParticipantId& id) override {
    return guarded("reading a professional", [&]() -> Result<Professional> {
      Use s(st_->professional);
      s->bind(":id", id.value);
      if (!s->executeStep()) return Error{Errc::not_found, "no professional " + id.value, {}};
      return row_to_professional(*s);
    });
  }

  Result<void> create_professional(const Professional& p, const Change& change) override {
    return guarded("creating a professional", [&]() -> Result<void> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      if (exists(st_->professional, ":id", p.id.value)) {
        return Error{Errc::already_exists, "a professional with id " + p.id.value + " exists already", "id"};
      }
      write_professional(p);
      audit(change, "create_professional", "", professional_json(p));
      tx.commit();
      return {};
    });
  }

  Result<void> update_professional(const Professional& p, const Change& change) override {
    return guarded("updating a professional", [&]() -> Result<void> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      std::optional<Professional> before;
      {
        Use s(st_->professional);
        s->bind(":id", p.id.value);
        if (!s->executeStep()) return Error{Errc::not_found, "no professional " + p.id.value, {}};
        before = row_to_professional(*s);
      }
      write_professional(p);
      audit(change, "update_professional", professional_json(*before), professional_json(p));
      tx.commit();
      return {};
    });
  }

  Result<std::vector<Professional>> professionals() override {
    return guarded("listing professionals", [&]() -> Result<std::vector<Professional>> {
      Use s(st_->professionals);
      std::vector<Professional> out;
      while (s->executeStep()) out.push_back(row_to_professional(*s));
      return out;
    });
  }

  Result<void> put_case(const Case& c) override {
    return guarded("saving a case", [&]() -> Result<void> { return write_case(c); });
  }

  Result<Case> case_by_ref(const CaseRef& ref) override {
    return guarded("reading a case", [&]() -> Result<Case> {
      Use s(st_->case_by_ref);
      s->bind(":ref", ref.value);
      if (!s->executeStep()) return Error{Errc::not_found, "no case " + ref.value, {}};
      return row_to_case(*s);
    });
  }

  Result<Meeting> book_meeting(const NewMeeting& m, const Change& change, const SlotCheck& extra_check) override {
    if (auto valid = validate(m); !valid) return valid.error();
    return guarded("booking a meeting", [&]() -> Result<Meeting> {
      // IMMEDIATE takes the write lock now, so the re-check and the insert see
      // the same bookings: no other connection can book in between.
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      auto booked = insert_booking(m, change, extra_check);
      if (booked) tx.commit();
      return booked;
    });
  }

  std::vector<Result<Meeting>> book_meetings(const std::vector<BookingRequest>& requests) override {
    std::vector<Result<Meeting>> answers;
    auto committed = guarded("booking meetings", [&]() -> Result<void> {
      answers.clear();
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      for (const BookingRequest& r : requests) {
        if (auto valid = validate(r.meeting); !valid) {
          answers.push_back(valid.error());
          continue;
        }
        // A savepoint per booking: a refused one (or one that throws) leaves
        // the others of the batch intact.
        db_.exec("SAVEPOINT booking");
        Result<Meeting> booked = Error{Errc::database, "not booked", {}};
        try {
          booked = insert_booking(r.meeting, r.change, {});
        } catch (const SQLite::Exception& e) {
          booked = Error{Errc::database, std::string("booking a meeting failed: ") + e.what(), path_};
        }
        if (!booked) db_.exec("ROLLBACK TO booking");
        db_.exec("RELEASE booking");
        answers.push_back(std::move(booked));
      }
      tx.commit();
      return {};
    });
    if (!committed) answers.assign(requests.size(), committed.error());
    return answers;
  }

  Result<std::vector<Meeting>> import_meetings(const std::vector<ImportedMeeting>& meetings,
                                               const Change& change) override {
    for (std::size_t i = 0; i < meetings.size(); ++i) {
      if (auto valid = validate(meetings[i].meeting); !valid) return imported_error(i, valid.error());
      if (meetings[i].reschedules < 0) {
        return imported_error(i, Error{Errc::invalid_argument, "reschedules must not be negative", "reschedules"});
      }
    }
    return guarded("importing meetings", [&]() -> Result<std::vector<Meeting>> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      std::vector<Meeting> out;
      boost::json::array ids;
      for (std::size_t i = 0; i < meetings.size(); ++i) {
        const ImportedMeeting& m = meetings[i];
        auto written = insert_meeting(m.meeting, m.status, m.reschedules, m.created_at, {});
        if (!written) return imported_error(i, written.error());
        ids.push_back(written->id.value);
        out.push_back(std::move(*written));
      }
      boost::json::object after{{"count", out.size()}, {"ids", std::move(ids)}};
      audit(change, "import_meetings", "", boost::json::serialize(after));
      tx.commit();
      return out;
    });
  }

  Result<Meeting> cancel_meeting(MeetingId id, const Change& change) override {
    return guarded("cancelling a meeting", [&]() -> Result<Meeting> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      auto before = scheduled_meeting(id);
      if (!before) return before.error();
      {
        Use s(st_->set_status);
        s->bind(":status", to_db(MeetingStatus::cancelled));
        s->bind(":at", to_db(change.at));
        s->bind(":id", id.value);
        s->exec();
      }
      Meeting after = *load_meeting(id);
      audit(change, "cancel", meeting_json(*before), meeting_json(after));
      notice(after, {}, change.at);
      tx.commit();
      return after;
    });
  }

  Result<Meeting> reschedule_meeting(MeetingId id, Interval when, bool in_hole, const Change& change,
                                     const std::vector<ParticipantId>& remove) override {
    if (when.empty()) return Error{Errc::invalid_argument, "the meeting must end after it starts", "when"};
    return guarded("rescheduling a meeting", [&]() -> Result<Meeting> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      auto before = scheduled_meeting(id);
      if (!before) return before.error();
      std::vector<Attendee> staying = before->attendees;
      for (std::size_t i = 0; i < remove.size(); ++i) {
        auto gone = std::find_if(staying.begin(), staying.end(), [&](const Attendee& a) { return a.id == remove[i]; });
        if (gone == staying.end()) {
          return Error{Errc::invalid_argument, remove[i].value + " is not on meeting " + std::to_string(id.value),
                       "without[" + std::to_string(i) + "]"};
        }
        staying.erase(gone);
      }
      if (staying.empty()) return Error{Errc::invalid_argument, "a meeting needs at least one attendee", "without"};
      if (auto free = check_free(staying, when, id); !free) return free.error();
      for (const ParticipantId& who : remove) {
        Use s(st_->remove_attendee);
        s->bind(":meeting_id", id.value);
        s->bind(":participant_id", who.value);
        s->exec();
      }
      {
        Use s(st_->set_when);
        s->bind(":start_s", to_db(when.start));
        s->bind(":end_s", to_db(when.end));
        s->bind(":in_hole", in_hole ? 1 : 0);
        s->bind(":at", to_db(change.at));
        s->bind(":id", id.value);
        s->exec();
      }
      {
        Use s(st_->reset_partstats);
        s->bind(":meeting_id", id.value);
        s->exec();
      }
      Meeting after = *load_meeting(id);
      audit(change, "reschedule", meeting_json(*before), meeting_json(after));
      notice(after, remove, change.at);
      tx.commit();
      return after;
    });
  }

  Result<Meeting> meeting(MeetingId id) override {
    return guarded("reading a meeting", [&]() -> Result<Meeting> {
      auto m = load_meeting(id);
      if (!m) return Error{Errc::not_found, "no meeting " + std::to_string(id.value), {}};
      return std::move(*m);
    });
  }

  Result<std::vector<Meeting>> meetings_for_case(const CaseRef& ref) override {
    return guarded("listing a case's meetings", [&]() -> Result<std::vector<Meeting>> {
      std::vector<Meeting> out;
      {
        Use s(st_->meetings_for_case);
        s->bind(":case_ref", ref.value);
        while (s->executeStep()) out.push_back(row_to_meeting(*s));
      }
      for (Meeting& m : out) m.attendees = load_attendees(m.id);
      return out;
    });
  }

  Result<std::vector<Meeting>> meetings_in(Interval window, const std::optional<ParticipantId>& who) override {
    return guarded("listing meetings", [&]() -> Result<std::vector<Meeting>> {
      std::vector<Meeting> out;
      {
        Use s(who ? st_->meetings_of : st_->meetings_in);
        s->bind(":start_s", to_db(window.start));
        s->bind(":end_s", to_db(window.end));
        if (who) s->bind(":participant_id", who->value);
        while (s->executeStep()) out.push_back(row_to_meeting(*s));
      }
      for (Meeting& m : out) m.attendees = load_attendees(m.id);
      return out;
    });
  }

  Result<BusyByParticipant> busy_from_bookings(Interval window) override {
    return guarded("reading bookings as busy", [&]() -> Result<BusyByParticipant> {
      Use s(st_->busy_all);
      return collect_busy(*s, window);
    });
  }

  Result<std::vector<Interval>> busy_from_bookings(const ParticipantId& id, Interval window) override {
    return guarded("reading bookings as busy", [&]() -> Result<std::vector<Interval>> {
      Use s(st_->busy_one);
      s->bind(":participant_id", id.value);
      BusyByParticipant busy = collect_busy(*s, window);
      auto it = busy.find(id);
      return it == busy.end() ? std::vector<Interval>{} : std::move(it->second);
    });
  }

  Result<IssuedToken> issue_token(const std::string& name, TokenRole role, const Change& change) override {
    if (name.empty()) return Error{Errc::invalid_argument, "a token needs a name", "name"};
    return guarded("issuing a token", [&]() -> Result<IssuedToken> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      IssuedToken issued{{0, name, role, change.at}, random_secret()};
      {
        Use s(st_->insert_token);
        s->bind(":name", name);
        s->bind(":role", to_db(role));
        s->bind(":hash", sha256_hex(issued.secret));
        s->bind(":created_at", to_db(change.at));
        s->exec();
      }
      issued.token.id = db_.getLastInsertRowid();
      boost::json::object after{{"id", issued.token.id}, {"name", name}, {"role", to_db(role)}};
      audit(change, "issue_token", "", boost::json::serialize(after));
      tx.commit();
      return issued;
    });
  }

  Result<std::optional<ApiToken>> verify_token(const std::string& secret) override {
    return guarded("verifying a token", [&]() -> Result<std::optional<ApiToken>> {
      if (secret.empty()) return std::optional<ApiToken>{};
      Use s(st_->token_by_hash);
      s->bind(":hash", sha256_hex(secret));
      if (!s->executeStep()) return std::optional<ApiToken>{};
      return std::optional<ApiToken>{row_to_api_token(*s)};
    });
  }

  Result<std::string> rotate_feed_secret(const ParticipantId& id, const Change& change) override {
    return guarded("rotating a feed secret", [&]() -> Result<std::string> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      if (!exists(st_->professional, ":id", id.value)) {
        return Error{Errc::not_found, "no professional " + id.value, {}};
      }
      std::string secret = random_secret();
      {
        Use s(st_->put_feed_secret);
        s->bind(":participant_id", id.value);
        s->bind(":hash", sha256_hex(secret));
        s->bind(":rotated_at", to_db(change.at));
        s->exec();
      }
      boost::json::object after{{"participant", id.value}};
      audit(change, "rotate_feed_secret", "", boost::json::serialize(after));
      tx.commit();
      return secret;
    });
  }

  Result<bool> verify_feed_secret(const ParticipantId& id, const std::string& secret) override {
    return guarded("verifying a feed secret", [&]() -> Result<bool> {
      if (secret.empty()) return false;
      Use s(st_->feed_secret);
      s->bind(":participant_id", id.value);
      if (!s->executeStep()) return false;
      return s->getColumn("hash").getString() == sha256_hex(secret);
    });
  }

  Result<std::optional<ParticipantId>> feed_owner(const std::string& secret) override {
    return guarded("looking up a feed", [&]() -> Result<std::optional<ParticipantId>> {
      if (secret.empty()) return std::optional<ParticipantId>{};
      Use s(st_->feed_owner);
      s->bind(":hash", sha256_hex(secret));
      if (!s->executeStep()) return std::optional<ParticipantId>{};
      return std::optional<ParticipantId>{ParticipantId{s->getColumn(0).getString()}};
    });
  }

  Result<std::int64_t> others_changed() override {
    // Feeds ask this on every request: skip the read transaction when no commit
    // can have happened since the last answer (wal_index_watch.hpp).
    if (data_version_ && wal_watch_ && wal_watch_->unchanged_since_mark()) return *data_version_;
    return guarded("reading the data version", [&]() -> Result<std::int64_t> {
      if (wal_watch_) wal_watch_->mark();
      Use s(st_->data_version);
      s->executeStep();
      data_version_ = s->getColumn(0).getInt64();
      return *data_version_;
    });
  }

  Result<std::vector<AuditEntry>> audit_log(Interval window) override {
    return guarded("reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
      Use s(st_->audit_window);
      s->bind(":start_s", to_db(window.start));
      s->bind(":end_s", to_db(window.end));
      std::vector<AuditEntry> out;
      while (s->executeStep()) out.push_back(row_to_audit_entry(*s));
      return out;
    });
  }

  Result<std::vector<MailNotice>> mail_notices(int limit) override {
    return guarded("reading mail notices", [&]() -> Result<std::vector<MailNotice>> {
      Use s(st_->notices);
      s->bind(":limit", limit);
      std::vector<MailNotice> out;
      while (s->executeStep()) out.push_back(row_to_mail_notice(*s));
      return out;
    });
  }

  Result<void> enqueue_mail(std::int64_t notice_id, const std::vector<OutgoingMail>& mails, Instant at) override {
    return guarded("queueing mail", [&]() -> Result<void> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      for (const OutgoingMail& m : mails) {
        {
          Use s(st_->insert_mail);
          s->bind(":meeting_id", m.meeting.value);
          s->bind(":sequence", m.sequence);
          s->bind(":participant_id", m.participant.value);
          s->bind(":recipient", m.recipient);
          s->bind(":method", m.method);
          s->bind(":subject", m.subject);
          s->bind(":message", m.message);
          s->bind(":status", m.error.empty() ? "queued" : "failed");
          s->bind(":error", m.error);
          s->bind(":at", to_db(at));
          s->exec();
        }
        if (m.answer_secret.empty()) continue;
        Use s(st_->insert_answer_link);
        s->bind(":hash", sha256_hex(m.answer_secret));
        s->bind(":meeting_id", m.meeting.value);
        s->bind(":participant_id", m.participant.value);
        s->bind(":sequence", m.sequence);
        s->bind(":created_at", to_db(at));
        s->exec();
      }
      {
        Use s(st_->delete_notice);
        s->bind(":id", notice_id);
        s->exec();
      }
      tx.commit();
      return {};
    });
  }

  Result<std::vector<OutboxEntry>> due_mail(Instant now, int limit) override {
    return guarded("reading the outbox", [&]() -> Result<std::vector<OutboxEntry>> {
      Use s(st_->due_mail);
      s->bind(":now", to_db(now));
      s->bind(":limit", limit);
      std::vector<OutboxEntry> out;
      while (s->executeStep()) out.push_back(row_to_outbox_entry(*s, true));
      return out;
    });
  }

  Result<void> mail_sent(std::int64_t id, Instant at) override {
    return guarded("marking mail sent", [&]() -> Result<void> {
      Use s(st_->mail_sent);
      s->bind(":at", to_db(at));
      s->bind(":id", id);
      s->exec();
      return {};
    });
  }

  Result<void> mail_not_sent(std::int64_t id, const std::string& error, std::optional<Instant> next) override {
    return guarded("marking mail not sent", [&]() -> Result<void> {
      Use s(st_->mail_not_sent);
      s->bind(":error", error);
      s->bind(":next", next ? to_db(*next) : 0);
      s->bind(":status", to_string(next ? MailStatus::queued : MailStatus::failed));
      s->bind(":id", id);
      s->exec();
      return {};
    });
  }

  Result<std::vector<OutboxEntry>> outbox(std::optional<MailStatus> status, int limit) override {
    return guarded("listing the outbox", [&]() -> Result<std::vector<OutboxEntry>> {
      Use s(status ? st_->outbox_with_status : st_->outbox_all);
      if (status) s->bind(":status", to_string(*status));
      s->bind(":limit", limit);
      std::vector<OutboxEntry> out;
      while (s->executeStep()) out.push_back(row_to_outbox_entry(*s, false));
      return out;
    });
  }

  Result<std::optional<AnswerLink>> answer_link(const std::string& secret) override {
    return guarded("looking up an answer link", [&]() -> Result<std::optional<AnswerLink>> {
      if (secret.empty()) return std::optional<AnswerLink>{};
      Use s(st_->answer_link);
      s->bind(":hash", sha256_hex(secret));
      if (!s->executeStep()) return std::optional<AnswerLink>{};
      return std::optional<AnswerLink>{AnswerLink{MeetingId{s->getColumn("meeting_id").getInt64()},
                                                  ParticipantId{s->getColumn("participant_id").getString()},
                                                  s->getColumn("sequence").getInt()}};
    });
  }

  Result<AnswerOutcome> record_answer(MeetingId id, const ParticipantId& who, int sequence, const std::string& partstat,
                                      const std::string& via, const Change& change) override {
    return guarded("recording an answer", [&]() -> Result<AnswerOutcome> {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      auto m = load_meeting(id);
      if (!m) return Error{Errc::not_found, "no meeting " + std::to_string(id.value), {}};
      if (auto outcome = answer_outcome(*m, who, sequence); outcome != AnswerOutcome::applied) return outcome;
      auto a = std::find_if(m->attendees.begin(), m->attendees.end(), [&](const Attendee& x) { return x.id == who; });
      {
        Use s(st_->set_partstat);
        s->bind(":partstat", partstat);
        s->bind(":at", to_db(change.at));
        s->bind(":meeting_id", id.value);
        s->bind(":participant_id", who.value);
        s->exec();
      }
      boost::json::object before{{"meeting", id.value}, {"participant", who.value}, {"partstat", a->partstat}};
      boost::json::object after{{"meeting", id.value},
                                {"participant", who.value},
                                {"partstat", partstat},
                                {"sequence", sequence},
                                {"via", via}};
      audit(change, "answer", boost::json::serialize(before), boost::json::serialize(after));
      tx.commit();
      return AnswerOutcome::applied;
    });
  }

 private:
  // Runs `f`, turning a SQLite exception into Errc::busy (the write lock was
  // held by another connection for the whole busy timeout) or Errc::database. A
  // transaction open inside `f` rolls back as the exception leaves it.
  template <class F>
  auto guarded(const char* what, F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
        return Error{Errc::busy,
                     std::string(what) + " failed: another connection (another process?) held the database's write "
                                         "lock for longer than the busy timeout (" +
                         std::to_string(busy_timeout_.count()) + " ms); try again",
                     path_};
      }
      return Error{Errc::database, std::string(what) + " failed: " + e.what(), path_};
    }
  }

  Result<void> write_case(const Case& c) {
    if (!c.identified_on.ok()) return Error{Errc::invalid_argument, "not a valid date", "identified_on"};
    Use s(st_->put_case);
    s->bind(":ref", c.ref.value);
    s->bind(":coordinator", c.coordinator.value);
    s->bind(":identified_on", to_db(c.identified_on));
    try {
      s->exec();
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT) throw;
      return Error{Errc::invalid_argument, "no professional " + c.coordinator.value, "coordinator"};
    }
    return {};
  }

  // The checks that need no database.
  static Result<void> validate(const NewMeeting& m) {
    if (m.when.empty()) return Error{Errc::invalid_argument, "the meeting must end after it starts", "when"};
    if (m.attendees.empty()) return Error{Errc::invalid_argument, "a meeting needs at least one attendee", "attendees"};
    std::set<ParticipantId> seen;
    for (std::size_t i = 0; i < m.attendees.size(); ++i) {
      if (!seen.insert(m.attendees[i].id).second) {
        return Error{Errc::invalid_argument, m.attendees[i].id.value + " is listed twice", attendee_field(i)};
      }
    }
    return {};
  }

  // Re-checks and writes one booking. REQUIRES: inside a write transaction;
  // on an error the caller rolls back.
  Result<Meeting> insert_booking(const NewMeeting& m, const Change& change, const SlotCheck& extra_check) {
    auto booked = insert_meeting(m, MeetingStatus::scheduled, 0, change.at, extra_check);
    if (booked) {
      audit(change, "book", "", meeting_json(*booked));
      notice(*booked, {}, change.at);
    }
    return booked;
  }

  // Re-checks (when scheduled) and writes one meeting, unaudited. REQUIRES:
  // inside a write transaction; on an error the caller rolls back.
  Result<Meeting> insert_meeting(const NewMeeting& m, MeetingStatus status, int reschedules, Instant created_at,
                                 const SlotCheck& extra_check) {
    if (m.case_record) {
      if (auto saved = write_case(*m.case_record); !saved) return saved.error();
    }
    if (!exists(st_->case_by_ref, ":ref", m.case_ref.value)) {
      return Error{Errc::invalid_argument, "no case " + m.case_ref.value, "case_ref"};
    }
    for (std::size_t i = 0; i < m.attendees.size(); ++i) {
      if (!exists(st_->professional, ":id", m.attendees[i].id.value)) {
        return Error{Errc::invalid_argument, "no professional " + m.attendees[i].id.value, attendee_field(i)};
      }
    }
    if (status == MeetingStatus::scheduled) {
      if (auto free = check_free(m.attendees, m.when, MeetingId{}); !free) return free.error();
    }
    if (extra_check) {
      if (auto ok = extra_check(m); !ok) return ok.error();
    }
    {
      Use s(st_->insert_meeting);
      s->bind(":case_ref", m.case_ref.value);
      s->bind(":start_s", to_db(m.when.start));
      s->bind(":end_s", to_db(m.when.end));
      s->bind(":in_hole", m.in_hole ? 1 : 0);
      s->bind(":status", to_db(status));
      // SEQUENCE (RFC 5545 §3.8.7.4) counts every revision: each move, and the cancel.
      s->bind(":sequence", reschedules + (status == MeetingStatus::cancelled ? 1 : 0));
      s->bind(":reschedules", reschedules);
      s->bind(":title", m.title);
      s->bind(":location", m.location);
      s->bind(":description", m.description);
      s->bind(":organizer", m.organizer ? m.organizer->value : std::string());
      s->bind(":created_at", to_db(created_at));
      s->bind(":requested_at", to_db(m.requested_at));
      s->exec();
    }
    MeetingId id{db_.getLastInsertRowid()};
    for (std::size_t i = 0; i < m.attendees.size(); ++i) {
      Use s(st_->insert_attendee);
      s->bind(":meeting_id", id.value);
      s->bind(":participant_id", m.attendees[i].id.value);
      s->bind(":position", static_cast<std::int64_t>(i));
      s->bind(":role", to_db(m.attendees[i].role));
      s->bind(":partstat", m.attendees[i].partstat);
      s->exec();
    }
    return *load_meeting(id);
  }

  void write_professional(const Professional& p) {
    Use s(st_->put_professional);
    s->bind(":id", p.id.value);
    s->bind(":name", p.name);
    s->bind(":profession", p.profession);
    s->bind(":unit", p.unit);
    s->bind(":email", p.email);
    s->bind(":calendar_source", p.calendar_source);
    s->exec();
  }

  // An import's error, placed at the meeting: "meetings[3].attendees[0]".
  static Error imported_error(std::size_t i, Error e) {
    e.where = "meetings[" + std::to_string(i) + "]" + (e.where.empty() ? "" : "." + e.where);
    return e;
  }

  static std::string attendee_field(std::size_t i) { return "attendees[" + std::to_string(i) + "]"; }

  static bool exists(SQLite::Statement& query, const char* name, const std::string& key) {
    Use s(query);
    s->bind(name, key);
    return s->executeStep();
  }

  // Whether every REQUIRED attendee is free for `when`: none has a scheduled
  // meeting other than `exclude` that overlaps it, whatever their role there.
  // Optional attendees are not checked: they never block a slot and may be
  // double-booked by choice (docs/scheduling-rules.md, "Choosing"). Errc::slot_taken
  // names everyone who is not free, with the meeting they have; `where` is the
  // first of them. REQUIRES: inside a write transaction.
  Result<void> check_free(const std::vector<Attendee>& attendees, Interval when, MeetingId exclude) {
    std::string taken;
    std::string where;
    for (std::size_t i = 0; i < attendees.size(); ++i) {
      if (attendees[i].role != AttendeeRole::required) continue;
      Use s(st_->clash);
      s->bind(":participant_id", attendees[i].id.value);
      s->bind(":start_s", to_db(when.start));
      s->bind(":end_s", to_db(when.end));
      s->bind(":exclude_id", exclude.value);
      if (s->executeStep()) {
        taken += (taken.empty() ? "" : ", ") + attendees[i].id.value + " (meeting " +
                 std::to_string(s->getColumn(0).getInt64()) + ")";
        if (where.empty()) where = attendee_field(i);
      }
    }
    if (taken.empty()) return {};
    return Error{Errc::slot_taken, "already booked at that time: " + taken, where};
  }

  std::vector<Attendee> load_attendees(MeetingId id) {
    Use s(st_->attendees);
    s->bind(":meeting_id", id.value);
    std::vector<Attendee> out;
    while (s->executeStep()) out.push_back(row_to_attendee(*s));
    return out;
  }

  std::optional<Meeting> load_meeting(MeetingId id) {
    std::optional<Meeting> m;
    {
      Use s(st_->meeting);
      s->bind(":id", id.value);
      if (!s->executeStep()) return m;
      m = row_to_meeting(*s);
    }
    m->attendees = load_attendees(id);
    return m;
  }

  Result<Meeting> scheduled_meeting(MeetingId id) {
    auto m = load_meeting(id);
    if (!m) return Error{Errc::not_found, "no meeting " + std::to_string(id.value), {}};
    if (m->status != MeetingStatus::scheduled) {
      return Error{Errc::not_scheduled, "meeting " + std::to_string(id.value) + " is cancelled", {}};
    }
    return std::move(*m);
  }

  static BusyByParticipant collect_busy(SQLite::Statement& s, Interval window) {
    s.bind(":start_s", to_db(window.start));
    s.bind(":end_s", to_db(window.end));
    BusyByParticipant busy;
    while (s.executeStep()) {
      Interval i{std::max(window.start, instant_from_db(s.getColumn("start_s").getInt64())),
                 std::min(window.end, instant_from_db(s.getColumn("end_s").getInt64()))};
      busy[ParticipantId{s.getColumn("participant_id").getString()}].push_back(i);
    }
    for (auto& [id, intervals] : busy) intervals = time::merge_intervals(std::move(intervals));
    return busy;
  }

  // The change to `m` waits to be told by e-mail. REQUIRES: inside the change's write transaction.
  void notice(const Meeting& m, const std::vector<ParticipantId>& removed, Instant at) {
    Use s(st_->insert_notice);
    s->bind(":meeting_id", m.id.value);
    s->bind(":sequence", m.sequence);
    s->bind(":removed", ids_json(removed));
    s->bind(":created_at", to_db(at));
    s->exec();
  }

  void audit(const Change& change, const char* action, const std::string& before, const std::string& after) {
    Use s(st_->insert_audit);
    s->bind(":actor", change.actor);
    s->bind(":action", action);
    s->bind(":at", to_db(change.at));
    s->bind(":before_json", before);
    s->bind(":after_json", after);
    s->exec();
  }

  std::string path_;
  SQLite::Database db_;
  std::chrono::milliseconds busy_timeout_;
  std::optional<Statements> st_;  // prepared after migrations have made the tables
  std::optional<detail::WalIndexWatch> wal_watch_;
  std::optional<std::int64_t> data_version_;  // the last answer of others_changed()
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, OpenMode mode,
                                                 std::chrono::milliseconds busy_timeout) {
  // SQLite says only "unable to open database file" for both of these.
  if (path != ":memory:") {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
      return Error{Errc::database, "the folder " + folder.string() + " does not exist", path};
    }
    if (mode == OpenMode::must_exist && !std::filesystem::exists(path, ec)) {
      return Error{Errc::not_found,
                   "there is no database file (is the path right? `yhteisaika serve` creates the database on its "
                   "first start)",
                   path};
    }
  }
  const int flags = SQLite::OPEN_READWRITE | (mode == OpenMode::create_if_missing ? SQLite::OPEN_CREATE : 0);
  std::unique_ptr<SqliteStore> store;
  try {
    store = std::make_unique<SqliteStore>(path, flags, busy_timeout);
  } catch (const SQLite::Exception& e) {
    return Error{Errc::database, std::string("cannot open the database: ") + e.what(), path};
  }
  if (auto ready = store->init(); !ready) return ready.error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace yhteisaika::store
