#pragma once
// Private to store/: how the Store contract is kept once for every backend.
//
// rule_store*.cpp implement Store (every rule of store.hpp: validation, the
// double-booking re-check, sequences, audit entries, notices, hashing secrets)
// over a Backend, which only keeps rows: SQLite (sqlite_backend.cpp) or memory
// (memory_store.cpp). A backend decides nothing; it stores and finds what the
// rules give it, in transactions. So both stores answer alike by construction,
// and the contract tests check each backend's rows and transactions.

#include <yhteisaika/store/store.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yhteisaika::store::detail {

// The rows of one database, inside one Backend::run(). Reads see the
// transaction's own writes. A failure of the database itself throws (the
// backend's exception type); Backend::run() turns it into an Error.
class Tables {
 public:
  virtual ~Tables() = default;

  // --- Reads -------------------------------------------------------------------
  virtual std::optional<Professional> professional(const ParticipantId& id) = 0;
  virtual std::vector<Professional> professionals() = 0;  // by id
  // Cases with their team, participants and history (oldest first).
  virtual std::optional<Case> case_by_id(CaseId id) = 0;
  virtual std::optional<Case> find_case(const CaseRef& ref) = 0;
  virtual std::vector<Case> cases(const CaseFilter& filter) = 0;  // by id
  virtual std::optional<Room> room(const RoomId& id) = 0;
  virtual std::vector<Room> rooms() = 0;  // by id
  virtual std::optional<Meeting> meeting(MeetingId id) = 0;                // with its attendees in booking order
  virtual std::vector<Meeting> meetings_for_case(const CaseRef& ref) = 0;  // by start, then id
  // Meetings of any status overlapping `window` (half-open), by start then id;
  // with `who`, only those they attend.
  virtual std::vector<Meeting> meetings_in(time::Interval window, const std::optional<ParticipantId>& who) = 0;
  // One row per attendee (any role) of each scheduled or held meeting
  // overlapping `window`, with the meeting's whole time.
  virtual std::vector<std::pair<ParticipantId, time::Interval>> attendance(time::Interval window) = 0;
  // Likewise one row per scheduled or held meeting with a room.
  virtual std::vector<std::pair<RoomId, time::Interval>> room_occupancy(time::Interval window) = 0;
  // Likewise one row per participant of case `id` on its scheduled or held meetings.
  virtual std::vector<std::pair<std::string, time::Interval>> case_attendance(CaseId id, time::Interval window) = 0;
  // A scheduled or held meeting other than `exclude` that `who` attends in any
  // role and that overlaps `when`, if any.
  virtual std::optional<MeetingId> clash(const ParticipantId& who, time::Interval when, MeetingId exclude) = 0;
  // Likewise for participant `participant` of case `id`.
  virtual std::optional<MeetingId> participant_clash(CaseId id, const std::string& participant, time::Interval when,
                                                     MeetingId exclude) = 0;
  // Likewise for a meeting that takes room `room`.
  virtual std::optional<MeetingId> room_clash(const RoomId& room, time::Interval when, MeetingId exclude) = 0;
  // A scheduled or held meeting in room `room` that ends after `after`, if any.
  virtual std::optional<MeetingId> room_booked_after(const RoomId& room, time::Instant after) = 0;
  // Held meetings with hold_expires_at <= now, by hold_expires_at then id.
  virtual std::vector<Meeting> holds_due(time::Instant now) = 0;
  virtual std::optional<ApiToken> token_by_hash(const std::string& hash) = 0;
  virtual std::optional<ParticipantId> feed_owner_by_hash(const std::string& hash) = 0;
  virtual std::optional<RoomId> room_feed_owner_by_hash(const std::string& hash) = 0;
  virtual std::vector<AuditEntry> audit_log(time::Interval window) = 0;  // `at` in window; by at, then id
  virtual std::vector<MailNotice> mail_notices(int limit) = 0;           // by id
  // Queued entries with next_attempt_at <= now, by next_attempt_at then id, with
  // their message.
  virtual std::vector<OutboxEntry> due_mail(time::Instant now, int limit) = 0;
  // Newest first, without the message; one status or all.
  virtual std::vector<OutboxEntry> outbox(std::optional<MailStatus> status, int limit) = 0;
  virtual std::optional<AnswerLink> answer_link_by_hash(const std::string& hash) = 0;

  // --- Writes (REQUIRES: a write run) -------------------------------------------
  virtual void put_professional(const Professional& p) = 0;  // insert or replace by id
  // Stores `c` with its team, participants and history under a new id (c.id is
  // ignored), with no participant ids issued yet.
  virtual CaseId insert_case(const Case& c) = 0;
  // Replaces the stored case c.id (its columns, team, participants and history) by `c`.
  virtual void update_case(const Case& c) = 0;
  // Counts one more participant id issued in case `id` and returns the count:
  // 1 for the first ("p1"), never the same twice.
  virtual int issue_participant_number(CaseId id) = 0;
  virtual void put_room(const Room& r) = 0;  // insert or replace by id
  virtual void delete_room(const RoomId& id) = 0;
  // Stores `m` as given, with its attendees and participants in order, under a
  // new id (m.id is ignored).
  virtual MeetingId insert_meeting(const Meeting& m) = 0;
  // Replaces the stored meeting m.id (its columns, attendees and participants) by `m`.
  virtual void update_meeting(const Meeting& m) = 0;
  virtual std::int64_t insert_token(const ApiToken& token, const std::string& hash) = 0;  // the new id
  virtual void put_feed_secret(const ParticipantId& id, const std::string& hash, time::Instant at) = 0;
  // A room's feed secret (replacing its last one); delete_room() drops it.
  virtual void put_room_feed_secret(const RoomId& id, const std::string& hash, time::Instant at) = 0;
  virtual void insert_audit(const AuditEntry& entry) = 0;    // under a new id
  virtual void insert_notice(const MailNotice& notice) = 0;  // under a new id
  virtual void delete_notice(std::int64_t id) = 0;
  virtual void insert_mail(const OutboxEntry& entry) = 0;  // under a new id, with its message
  virtual void insert_answer_link(const std::string& hash, const AnswerLink& link, time::Instant at) = 0;
  // The mail of meeting `meeting` to `participant` loses its address and text;
  // a queued one fails instead of going out.
  virtual void erase_mail_to(MeetingId meeting, const std::string& participant) = 0;
  // Outbox entry `id` (none: nothing happens) is sent at `at`: no error any more.
  virtual void mark_sent(std::int64_t id, time::Instant at) = 0;
  // Outbox entry `id` failed a try: attempts + 1, `error`, then `status` and
  // `next_attempt_at` (epoch when none).
  virtual void mark_not_sent(std::int64_t id, const std::string& error, MailStatus status,
                             time::Instant next_attempt_at) = 0;

  // Runs `body` inside the write run; when it returns an error (or throws), its
  // writes are undone (a savepoint) and the error (the exception as
  // Errc::database, `what` in its message) is returned. The run goes on.
  virtual Result<void> attempt(const char* what, const std::function<Result<void>()>& body) = 0;
};

// A connection to one database.
class Backend {
 public:
  virtual ~Backend() = default;

  enum class Access { read, write };
  // Runs `body` in one transaction. A write run holds the database's write lock
  // (waiting for it at most the busy timeout, else Errc::busy) and commits when
  // `body` returns a value, or writes nothing when it returns an error, which is
  // returned as is. A read run never waits for a writer. A failure of the
  // database is Errc::database: "<what> failed: ..." in the message, the
  // database's own text in `internal`.
  virtual Result<void> run(const char* what, Access access, const std::function<Result<void>(Tables&)>& body) = 0;
  // Makes sure that what committed writes overwrote or deleted is kept nowhere
  // in the database's files any more (after an erasure), as far as it can now:
  // SQLite moves its write-ahead log into the database (whose freed space it
  // keeps zeroed) and empties it, unless another connection is reading it.
  virtual Result<void> forget_overwritten() = 0;
  // As Store::set_busy_timeout and Store::others_changed.
  virtual void set_busy_timeout(std::chrono::milliseconds timeout) = 0;
  virtual Result<std::int64_t> others_changed() = 0;
};

// The Store that keeps the contract over `backend`.
std::unique_ptr<Store> make_store(std::unique_ptr<Backend> backend);

// The errors of Backend::run(), in the same words from every backend (errc.cpp),
// in the database at `database` (its path; empty: none to name).
// Errc::busy for `what`: another connection held the write lock for longer than
// `timeout`.
Error busy_error(const char* what, std::chrono::milliseconds timeout, std::string database);
// Errc::database for `what`: a plain message for anyone, and `internal` (the
// database's own text) for the log only.
Error database_error(const char* what, std::string internal, std::string database);

}  // namespace yhteisaika::store::detail
