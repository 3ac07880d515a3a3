#pragma once
// Private to store/: the rows of one SQLite connection (tables.hpp):
// sqlite_tables.cpp, and sqlite_case_tables.cpp for cases and rooms. Its
// members throw SQLite::Exception; SqliteBackend::run() catches it.

#include "sqlite_statements.hpp"
#include "tables.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <string>

namespace yhteisaika::store::detail {

// SQLite's own words for `e`, for Error::internal (the log): "<message> (SQLite <extended code>)".
std::string sqlite_text(const SQLite::Exception& e);

class SqliteTables final : public Tables {
 public:
  // REQUIRES: `db` is migrated, and outlives this object.
  SqliteTables(SQLite::Database& db, std::string path) : db_(db), path_(std::move(path)), st_(db) {}

  std::optional<Professional> professional(const ParticipantId& id) override;
  std::vector<Professional> professionals() override;
  std::optional<Case> case_by_id(CaseId id) override;
  std::optional<Case> find_case(const CaseRef& ref) override;
  std::vector<Case> cases(const CaseFilter& filter) override;
  std::optional<Room> room(const RoomId& id) override;
  std::vector<Room> rooms() override;
  std::optional<Meeting> meeting(MeetingId id) override;
  std::vector<Meeting> meetings_for_case(const CaseRef& ref) override;
  std::vector<Meeting> meetings_in(time::Interval window, const std::optional<ParticipantId>& who) override;
  std::vector<std::pair<ParticipantId, time::Interval>> attendance(time::Interval window) override;
  std::vector<std::pair<RoomId, time::Interval>> room_occupancy(time::Interval window) override;
  std::vector<std::pair<std::string, time::Interval>> case_attendance(CaseId id, time::Interval window) override;
  std::optional<MeetingId> clash(const ParticipantId& who, time::Interval when, MeetingId exclude) override;
  std::optional<MeetingId> participant_clash(CaseId id, const std::string& participant, time::Interval when,
                                             MeetingId exclude) override;
  std::optional<MeetingId> room_clash(const RoomId& room, time::Interval when, MeetingId exclude) override;
  std::optional<MeetingId> room_booked_after(const RoomId& room, time::Instant after) override;
  std::vector<Meeting> holds_due(time::Instant now) override;
  std::optional<ApiToken> token_by_hash(const std::string& hash) override;
  std::optional<ParticipantId> feed_owner_by_hash(const std::string& hash) override;
  std::optional<RoomId> room_feed_owner_by_hash(const std::string& hash) override;
  std::vector<AuditEntry> audit_log(time::Interval window) override;
  std::vector<MailNotice> mail_notices(int limit) override;
  std::vector<OutboxEntry> due_mail(time::Instant now, int limit) override;
  std::vector<OutboxEntry> outbox(std::optional<MailStatus> status, int limit) override;
  std::optional<AnswerLink> answer_link_by_hash(const std::string& hash) override;

  void put_professional(const Professional& p) override;
  CaseId insert_case(const Case& c) override;
  void update_case(const Case& c) override;
  int issue_participant_number(CaseId id) override;
  void put_room(const Room& r) override;
  void delete_room(const RoomId& id) override;
  void erase_mail_to(MeetingId meeting, const std::string& participant) override;
  MeetingId insert_meeting(const Meeting& m) override;
  void update_meeting(const Meeting& m) override;
  std::int64_t insert_token(const ApiToken& token, const std::string& hash) override;
  void put_feed_secret(const ParticipantId& id, const std::string& hash, time::Instant at) override;
  void put_room_feed_secret(const RoomId& id, const std::string& hash, time::Instant at) override;
  void insert_audit(const AuditEntry& entry) override;
  void insert_notice(const MailNotice& notice) override;
  void delete_notice(std::int64_t id) override;
  void insert_mail(const OutboxEntry& entry) override;
  void insert_answer_link(const std::string& hash, const AnswerLink& link, time::Instant at) override;
  void mark_sent(std::int64_t id, time::Instant at) override;
  void mark_not_sent(std::int64_t id, const std::string& error, MailStatus status,
                     time::Instant next_attempt_at) override;

  Result<void> attempt(const char* what, const std::function<Result<void>()>& body) override;

  // PRAGMA data_version: changes when another connection has committed.
  std::int64_t data_version();

 private:
  std::vector<Attendee> attendees(MeetingId id);
  std::vector<CaseAttendee> participants(MeetingId id);
  // The meetings a query of st_.meetings selects, with their attendees and participants.
  std::vector<Meeting> meetings(SQLite::Statement& query);
  void bind_meeting(SQLite::Statement& s, const Meeting& m);
  void insert_attendees(const Meeting& m);
  void insert_participants(const Meeting& m);
  // The cases a query of st_.cases selects, with their team, participants and history.
  std::vector<Case> cases(SQLite::Statement& query);
  void bind_case(SQLite::Statement& s, const Case& c);
  // Writes c's team, participants and history (the old rows deleted).
  void write_details(const Case& c);

  SQLite::Database& db_;
  std::string path_;
  Statements st_;
};

}  // namespace yhteisaika::store::detail
