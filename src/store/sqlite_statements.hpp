#pragma once
// Private to store/: the SQL of the SQLite backend, prepared once per connection.
// The schema is migrations.cpp's. Times are INTEGER seconds since the Unix epoch
// (UTC); intervals are half-open [start_s, end_s).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace yhteisaika::store::detail {

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

// Professionals, rooms, secrets and the audit log.
struct DirectoryStatements {
  explicit DirectoryStatements(SQLite::Database& db);
  SQLite::Statement put_professional, professional, professionals;
  SQLite::Statement put_room, room, rooms, delete_room;
  SQLite::Statement insert_token, token_by_hash, put_feed_secret, feed_owner, data_version;
  SQLite::Statement insert_audit, audit_window;
  SQLite::Statement put_room_feed_secret, room_feed_owner;
};

// Cases with their team, participants and stage history.
struct CaseStatements {
  explicit CaseStatements(SQLite::Database& db);
  SQLite::Statement insert_case, update_case, case_by_id, case_by_ref, cases, issue_participant;
  SQLite::Statement team, delete_team, insert_team_member;
  SQLite::Statement participants, delete_participants, insert_participant;
  SQLite::Statement moves, delete_moves, insert_move;
};

struct MeetingStatements {
  explicit MeetingStatements(SQLite::Database& db);
  SQLite::Statement insert_meeting, update_meeting, insert_attendee, delete_attendees, meeting, attendees;
  SQLite::Statement insert_participant, delete_participants, participants;
  SQLite::Statement meetings_for_case, meetings_in, meetings_of, clash, attendance, holds_due;
  SQLite::Statement participant_clash, room_clash, room_booked_after, room_occupancy, case_attendance;
};

// Notices, the outbox and answer links.
struct MailStatements {
  explicit MailStatements(SQLite::Database& db);
  SQLite::Statement insert_notice, notices, delete_notice, insert_mail, insert_answer_link, answer_link;
  SQLite::Statement due_mail, mail_sent, mail_not_sent, outbox_all, outbox_with_status, erase_mail_to;
};

// Prepared once per connection, after the migrations have made the tables.
struct Statements {
  explicit Statements(SQLite::Database& db) : directory(db), cases(db), meetings(db), mail(db) {}
  DirectoryStatements directory;
  CaseStatements cases;
  MeetingStatements meetings;
  MailStatements mail;
};

}  // namespace yhteisaika::store::detail
