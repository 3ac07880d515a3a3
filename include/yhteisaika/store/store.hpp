#pragma once
// Start here for store/: the Store interface, which speaks domain types only.
// Two implementations keep this one contract (tests/store/store_contract_test.cpp
// runs the same tests against both): open_sqlite_store() (sqlite_store.hpp), the
// real one, and open_memory_store() (memory_store.hpp), an in-memory fake for
// tests. SQL stays in src/store/. A PostgreSQL backend implements this same class.
//
// The store is the truth for bookings: book_meetings() and reschedule_meeting()
// re-check the slot against stored scheduled and held meetings and write inside
// ONE write transaction, so two coordinators can never book a professional (or
// a case's participant) as a required attendee into time already booked for
// them, nor two meetings into one room. A held meeting blocks exactly like a
// scheduled one. Optional attendees never block a slot
// (docs/scheduling-rules.md): one may be booked over their own meetings, by
// choice, and that booking then counts as their busy time like any other.
// Hence no two overlapping scheduled or held meetings ever both require the
// same person or take the same room.
//
// Cases (cases/case.hpp) are kept here too: their stage moves, team and the
// people around the client. The store records what it is told; the rules of
// moving a case (cases/) are the caller's. The audit log keeps pseudonymous
// facts only: ids, stages and kinds, never a participant's label or e-mail.
//
// Intervals are HALF-OPEN [start, end) (time/interval.hpp): a meeting 09:00-10:00
// and one 10:00-11:00 do not overlap.
//
// "Now" is a parameter: every write takes a Change that names who and when, and
// each write is audited (audit_log) in its own transaction.
//
// Thread safety: one Store object is one connection; do not share it between
// threads without a lock. Several Store objects (threads, processes) may open the
// same database at once and see each other's commits; writes are serialised.
// Reads never wait for a writer. A write waits for another connection's write
// lock at most the busy timeout, then fails with Errc::busy and writes nothing.

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/store/meeting.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::store {

// A professional on the team. `calendar_source` says where their calendar comes
// from (a file name in the calendars folder, an ICS URL or a CalDAV URL).
struct Professional {
  ParticipantId id;
  std::string name;
  std::string profession;  // "lääkäri", "sosiaalityöntekijä", ...
  std::string unit;
  std::string email;
  std::string calendar_source;
  bool operator==(const Professional&) const = default;
};

// Who makes a change, and when; written to the audit log.
struct Change {
  std::string actor;  // a token name or "cli"; never a client's name
  time::Instant at;
};

enum class TokenRole { coordinator, manager, admin };

// "coordinator", "manager" or "admin": the role's name in the database, the
// audit log and messages.
constexpr const char* to_string(TokenRole role) {
  switch (role) {
    case TokenRole::coordinator:
      return "coordinator";
    case TokenRole::manager:
      return "manager";
    case TokenRole::admin:
      return "admin";
  }
  return "coordinator";
}

// An API token as stored: only its SHA-256 hash is kept, never the token.
struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  TokenRole role = TokenRole::coordinator;
  time::Instant created_at;
  bool operator==(const ApiToken&) const = default;
};

// A token as issued: `secret` is shown once and never stored.
struct IssuedToken {
  ApiToken token;
  std::string secret;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string actor;
  std::string action;  // "book", "cancel", "reschedule", "issue_token", "rotate_feed_secret"
  time::Instant at;
  std::string before_json;  // empty when there was nothing before
  std::string after_json;   // empty when there is nothing after
  bool operator==(const AuditEntry&) const = default;
};

// --- E-mail (iMIP, RFC 6047) -----------------------------------------------------
// Each booking, reschedule and cancel leaves a MailNotice in its own transaction,
// so no change is ever left untold, even if the process stops right after it.
// The mailer turns a notice into one OutgoingMail per attendee (enqueue_mail,
// which removes the notice in the same transaction), and sends the outbox.

struct MailNotice {
  std::int64_t id = 0;
  MeetingId meeting;
  int sequence = 0;                     // the meeting's SEQUENCE after the change
  std::vector<ParticipantId> removed;   // attendees the change took off (they get a CANCEL)
  time::Instant created_at;
  bool operator==(const MailNotice&) const = default;
};

enum class MailStatus { queued, sent, failed };
constexpr const char* to_string(MailStatus s) {
  return s == MailStatus::queued ? "queued" : s == MailStatus::sent ? "sent" : "failed";
}

// One message to one attendee, rendered (RFC 5322 text).
struct OutgoingMail {
  MeetingId meeting;
  int sequence = 0;
  ParticipantId participant;
  std::string recipient;  // e-mail address
  std::string method;     // "REQUEST" or "CANCEL"
  std::string subject;
  std::string message;
  // The secret of the attendee's answer links in this message (empty: none).
  // Only its hash is stored; answer_link() finds it again.
  std::string answer_secret;
  // Why the message could not be built (then `message` is empty): it is stored
  // as failed with this as its last_error, never sent. Empty: queued to send.
  std::string error;
};

struct OutboxEntry {
  std::int64_t id = 0;
  MeetingId meeting;
  int sequence = 0;
  ParticipantId participant;
  std::string recipient;
  std::string method;
  std::string subject;
  MailStatus status = MailStatus::queued;
  int attempts = 0;  // tries that failed so far
  time::Instant created_at;
  time::Instant next_attempt_at;
  std::optional<time::Instant> sent_at;
  std::string last_error;
  std::string message;  // filled by due_mail() only
  bool operator==(const OutboxEntry&) const = default;
};

// Whom an answer link speaks for, and for which version of the meeting.
struct AnswerLink {
  MeetingId meeting;
  ParticipantId participant;
  int sequence = 0;
  bool operator==(const AnswerLink&) const = default;
};

enum class AnswerOutcome {
  applied,       // the attendee's PARTSTAT is now the answer
  superseded,    // the answer is to an older SEQUENCE: the meeting has changed since
  cancelled,     // the meeting is cancelled, or its hold expired
  not_attendee,  // the person is not (or no longer) on the meeting
};

// Whether `who` (a professional, or a case participant by id) may answer
// meeting `m` for SEQUENCE `sequence`: applied when they may, else why not (the
// rule record_answer() applies). A held meeting may be answered.
AnswerOutcome answer_outcome(const Meeting& m, const ParticipantId& who, int sequence);

// ACCEPTED, TENTATIVE or DECLINED: the answers an attendee can give (RFC 5545 §3.2.12).
bool is_answer(std::string_view partstat);

// One booking of a batch (book_meetings).
struct BookingRequest {
  NewMeeting meeting;
  Change change;
};

// A new secret (tokens, feed and answer links): 256 bits from the kernel's CSPRNG
// as 64 hex digits. Thread-safe.
std::string random_secret();

// Scheduled and held meetings per professional, sorted by start and merged.
using BusyByParticipant = std::map<ParticipantId, std::vector<time::Interval>>;
// Scheduled and held meetings per room, sorted by start and merged.
using BusyByRoom = std::map<RoomId, std::vector<time::Interval>>;
// A case's scheduled and held meetings per participant id ("p1"), sorted and merged.
using BusyByCaseParticipant = std::map<std::string, std::vector<time::Interval>>;

// Which cases list_cases() answers: all, or those at one stage, or one
// coordinator's, or both.
struct CaseFilter {
  std::optional<cases::Stage> stage;
  std::optional<ParticipantId> coordinator;
  bool operator==(const CaseFilter&) const = default;
};

// What update_case() changes; what is unset stays as it is.
struct CaseUpdate {
  std::optional<ParticipantId> coordinator;
  std::optional<std::vector<ParticipantId>> team;
  std::optional<std::optional<int>> segment;  // set: the new segment, or none to clear it
};

// How long a write waits for another connection's write lock by default.
inline constexpr std::chrono::milliseconds kDefaultBusyTimeout{5000};

// Every member answers errors as values: the codes of errc.hpp. A failure of the
// database itself is Errc::database, with a plain `message` (what could not be
// done) and the database's own text in `internal`, for the log only.
class Store {
 public:
  virtual ~Store() = default;

  // How long a write waits for another connection's write lock before it fails
  // with Errc::busy (0: not at all). For this connection's later writes.
  virtual void set_busy_timeout(std::chrono::milliseconds timeout) = 0;

  // --- Professionals and rooms ---------------------------------------------------
  // Audited: create refuses an existing id (Errc::already_exists, at "id"); update
  // refuses an unknown one (Errc::not_found). Both audit the before and after.
  virtual Result<void> create_professional(const Professional& p, const Change& change) = 0;
  virtual Result<void> update_professional(const Professional& p, const Change& change) = 0;
  virtual Result<Professional> professional(const ParticipantId& id) = 0;  // Errc::not_found
  virtual Result<std::vector<Professional>> professionals() = 0;           // sorted by id
  // Rooms, likewise; Errc::invalid_argument at "id" for an empty id, at
  // "capacity" for a capacity below 1. Deleting a room that a scheduled or held
  // meeting ending after change.at takes is refused (Errc::conflict); past
  // meetings keep its id.
  virtual Result<void> create_room(const Room& r, const Change& change) = 0;
  virtual Result<void> update_room(const Room& r, const Change& change) = 0;
  virtual Result<Room> room(const RoomId& id) = 0;      // Errc::not_found
  virtual Result<std::vector<Room>> rooms() = 0;         // sorted by id
  virtual Result<void> delete_room(const RoomId& id, const Change& change) = 0;

  // --- Cases ---------------------------------------------------------------------
  // A new case from `c`: a new id, stage identified, no participants and no
  // history (whatever `c` says of them). Errc::already_exists at "case_ref" when
  // the reference is taken; Errc::invalid_argument at "case_ref" (empty),
  // "identified_on", "coordinator", "team[i]" (not a professional, or twice) or
  // "segment" (not 1-4). Audited "create_case".
  virtual Result<Case> create_case(const Case& c, const Change& change) = 0;
  // A case with its team, participants and stage history (oldest first).
  virtual Result<Case> case_by_id(CaseId id) = 0;            // Errc::not_found
  virtual Result<Case> case_by_ref(const CaseRef& ref) = 0;  // Errc::not_found
  virtual Result<std::vector<Case>> list_cases(const CaseFilter& filter = {}) = 0;  // by id
  // Changes the team, coordinator or segment (checked as create_case checks
  // them); audited "update_case" with the before and after.
  virtual Result<Case> update_case(CaseId id, const CaseUpdate& update, const Change& change) = 0;
  // Moves the case from stage `from` to `to`, whichever they are: the caller has
  // checked that the move is allowed (cases/). Errc::conflict when the case is
  // no longer at `from` (someone moved it meanwhile). Records the StageMove
  // (change.at, change.actor) in its history and audits "move_stage".
  virtual Result<Case> move_stage(CaseId id, cases::Stage from, cases::Stage to, const Change& change) = 0;
  // The people around the client. add gives the participant the case's next id
  // ("p1", "p2", ...; never one used before in the case, even a removed one's)
  // whatever p.id says; update replaces participant p.id; both check the label
  // (not empty, at "label"), the windows ("availability[i]": some day, from <
  // to <= 24 h) and the spans ("unavailable[i]": not empty), and are refused for
  // a closed case (Errc::case_closed). remove refuses an unknown id
  // (Errc::not_found); meetings keep whom they invited. Audited with the
  // participant's id and kind only.
  virtual Result<cases::Participant> add_participant(CaseId id, const cases::Participant& p, const Change& change) = 0;
  virtual Result<cases::Participant> update_participant(CaseId id, const cases::Participant& p,
                                                        const Change& change) = 0;
  virtual Result<void> remove_participant(CaseId id, const std::string& participant, const Change& change) = 0;
  // Erases the contact data of the participants of every case closed at least
  // `retention` before change.at: their e-mail, weekly windows and unavailable
  // spans (kind and label stay), the e-mail copied onto the case's meetings, and
  // the address and text of the mail sent to them. Audited "erase_contacts" per
  // case, with the participants' ids. Returns the cases erased now (a case
  // erased before is not again). The erased values leave the database's files
  // too (SQLite: zeroed, and out of its write-ahead log once no other
  // connection is reading it).
  virtual Result<std::vector<CaseId>> erase_closed_contacts(std::chrono::days retention, const Change& change) = 0;

  // --- Meetings ------------------------------------------------------------------
  // Group commit: books each request in order, in ONE write transaction, so that
  // many bookings share one durable commit. Each is booked only if no REQUIRED
  // attendee (professional or case participant) has a scheduled or held meeting
  // (in any role) that overlaps its time, and its room (if any) is taken by no
  // scheduled or held meeting that overlaps it, counting the bookings before it
  // in the batch; optional attendees are not checked (see the top of this
  // file). Errc::slot_taken names every clashing required attendee with their
  // meeting in its message, and the first as the field of `where`
  // ("attendees[1]", "participants[0]"), or the room ("room"); Errc::invalid_argument names the
  // field of a bad request (when, attendees, attendees[i], participants[i],
  // case_ref, case_id, coordinator, room, hold_expires_at); Errc::case_closed
  // refuses a meeting of a closed case. A request with hold_expires_at is booked
  // held. A refused request writes nothing, not even its case_record; an
  // accepted one is audited "book" and leaves a MailNotice. Answers in the order
  // of `requests`. If the commit itself fails (e.g. Errc::busy), every answer is
  // that error.
  virtual std::vector<Result<Meeting>> book_meetings(const std::vector<BookingRequest>& requests) = 0;
  // Writes meetings as they were (status, reschedules, created_at), in ONE
  // transaction: all or none. Scheduled ones are re-checked as book_meetings()
  // does, against the stored ones and those imported before them; cancelled ones
  // are not. SEQUENCE is reschedules, plus one when cancelled. Errors are placed
  // at the meeting ("meetings[3].attendees[0]"). No notices; one audit entry
  // "import_meetings" by `change` names how many and their ids. Returns them in order.
  virtual Result<std::vector<Meeting>> import_meetings(const std::vector<ImportedMeeting>& meetings,
                                                       const Change& change) = 0;
  // Marks the meeting cancelled and raises its sequence; its time is free again.
  // Errc::not_found, or Errc::not_scheduled when it is not scheduled (cancelled
  // already; a held one is released instead).
  virtual Result<Meeting> cancel_meeting(MeetingId id, const Change& change) = 0;
  // A held meeting becomes scheduled: SEQUENCE + 1, audited "confirm_hold", a
  // MailNotice. Errc::not_held when it is not held or its hold ran out at or
  // before change.at.
  virtual Result<Meeting> confirm_hold(MeetingId id, const Change& change) = 0;
  // A held meeting is let go before its time: status expired (its time and room
  // are free again), SEQUENCE + 1, audited "release_hold", a MailNotice (for the
  // CANCEL). Errc::not_held when it is not held.
  virtual Result<Meeting> release_hold(MeetingId id, const Change& change) = 0;
  // As release_hold, for a hold whose time has come (hold_expires_at <=
  // change.at), audited "expire_hold"; Errc::not_held when it is not held,
  // Errc::conflict when its hold runs still.
  virtual Result<Meeting> expire_hold(MeetingId id, const Change& change) = 0;
  // Held meetings whose hold_expires_at <= now, by hold_expires_at then id.
  virtual Result<std::vector<Meeting>> holds_due(time::Instant now) = 0;
  // Moves a scheduled meeting to `when` (in the hole or not) after the same
  // re-check of its required attendees (ignoring the meeting itself) and raises
  // its sequence and reschedules.
  // Attendees in `remove` are taken off first (Errc::invalid_argument if one is
  // not on it, at "without[i]", or if nobody would be left). Everyone left is asked
  // anew: PARTSTAT back to NEEDS-ACTION (RFC 5546 §2.1.4, a new time is a new
  // question), but the meeting's organizer (the coordinator), who moves it, is
  // ACCEPTED. A refusal writes nothing.
  virtual Result<Meeting> reschedule_meeting(MeetingId id, time::Interval when, bool in_hole, const Change& change,
                                             const std::vector<ParticipantId>& remove = {}) = 0;
  virtual Result<Meeting> meeting(MeetingId id) = 0;  // Errc::not_found
  virtual Result<std::vector<Meeting>> meetings_for_case(const CaseRef& ref) = 0;  // by start
  // Meetings of any status overlapping `window`, by start; with `who`, only theirs.
  virtual Result<std::vector<Meeting>> meetings_in(time::Interval window,
                                                   const std::optional<ParticipantId>& who = std::nullopt) = 0;
  // Scheduled and held meetings that overlap `window`, clipped to it, as busy
  // intervals of every professional with a booking, sorted and merged; a meeting
  // is busy for its optional attendees too.
  virtual Result<BusyByParticipant> busy_from_bookings(time::Interval window) = 0;
  // Likewise for every room that a scheduled or held meeting takes.
  virtual Result<BusyByRoom> busy_rooms(time::Interval window) = 0;
  // Likewise for the participants of case `id` (in any role).
  virtual Result<BusyByCaseParticipant> busy_of_case_participants(CaseId id, time::Interval window) = 0;

  // --- Secrets: kept only as their SHA-256 (sha256.hpp) ----------------------------
  // API tokens: issue returns the secret once (Errc::invalid_argument for an
  // empty name); verify looks it up by hash (nothing for an unknown or empty one).
  virtual Result<IssuedToken> issue_token(const std::string& name, TokenRole role, const Change& change) = 0;
  virtual Result<std::optional<ApiToken>> verify_token(const std::string& secret) = 0;
  // A professional's feed secret (the capability in their feed URL). Rotating
  // replaces the old one, which stops matching, and returns the new one once
  // (Errc::not_found for an unknown professional).
  virtual Result<std::string> rotate_feed_secret(const ParticipantId& id, const Change& change) = 0;
  // Whose feed `secret` opens, if anyone's.
  virtual Result<std::optional<ParticipantId>> feed_owner(const std::string& secret) = 0;
  // A room's feed secret, likewise (Errc::not_found for an unknown room;
  // audited "rotate_room_feed_secret"). Deleting the room drops it.
  virtual Result<std::string> rotate_room_feed_secret(const RoomId& id, const Change& change) = 0;
  // Which room's feed `secret` opens, if any room's.
  virtual Result<std::optional<RoomId>> room_feed_owner(const std::string& secret) = 0;

  // A number that changes when another connection (or process) has committed
  // a change since this connection last read (SQLite's data_version), and not
  // for this connection's own commits: lets a cache know whether to look again.
  virtual Result<std::int64_t> others_changed() = 0;

  // Audit entries whose time lies in `window`, oldest first.
  virtual Result<std::vector<AuditEntry>> audit_log(time::Interval window) = 0;

  // --- E-mail --------------------------------------------------------------------
  // Notices not yet turned into mail, oldest first.
  virtual Result<std::vector<MailNotice>> mail_notices(int limit) = 0;
  // Queues `mails` (due at once; those with an `error` as failed), keeps the hash
  // of each answer_secret as an AnswerLink, and removes notice `notice_id`: one
  // transaction.
  virtual Result<void> enqueue_mail(std::int64_t notice_id, const std::vector<OutgoingMail>& mails,
                                    time::Instant at) = 0;
  // Queued messages due at `now`, oldest first, with their text.
  virtual Result<std::vector<OutboxEntry>> due_mail(time::Instant now, int limit) = 0;
  virtual Result<void> mail_sent(std::int64_t id, time::Instant at) = 0;
  // A failed try: attempts + 1 and the error; `next` = when to try again, or
  // nullopt to give up (status failed).
  virtual Result<void> mail_not_sent(std::int64_t id, const std::string& error,
                                     std::optional<time::Instant> next) = 0;
  // The outbox, newest first, without the messages' text; one status or all.
  virtual Result<std::vector<OutboxEntry>> outbox(std::optional<MailStatus> status, int limit) = 0;

  // Answers: the link behind `secret`, if any.
  virtual Result<std::optional<AnswerLink>> answer_link(const std::string& secret) = 0;
  // Sets `who`'s PARTSTAT (and answered_at) on meeting `id` (a professional, or
  // a case participant by their id "p1") when answer_outcome() says applied, and
  // audits it as "answer" with `via` ("link", "email"); else returns the outcome
  // and writes nothing. Errc::not_found for no such meeting.
  virtual Result<AnswerOutcome> record_answer(MeetingId id, const ParticipantId& who, int sequence,
                                              const std::string& partstat, const std::string& via,
                                              const Change& change) = 0;
};

}  // namespace yhteisaika::store
