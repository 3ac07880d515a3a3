#include "sqlite_statements.hpp"

#include <string>

namespace yhteisaika::store::detail {

namespace {

const std::string kMeetingColumns =
    "id, case_ref, case_id, start_s, end_s, in_hole, status, hold_state, sequence, reschedules, kind, room_id, "
    "remote, hold_expires_at, title, location, description, organizer, created_at, updated_at, requested_at";

const std::string kCaseColumns = "id, ref, coordinator, identified_on, trigger, segment, stage";

const std::string kRoomColumns = "id, name, location, capacity, calendar_source";

// A scheduled or held meeting (a held one is stored as scheduled, migrations.cpp
// step 6) other than :exclude_id that overlaps [:start_s, :end_s) (half-open).
const std::string kBlocksWindow =
    "m.status = 'scheduled' AND m.start_s < :end_s AND :start_s < m.end_s AND m.id <> :exclude_id";

const std::string kOutboxColumns =
    "id, meeting_id, sequence, participant_id, recipient, method, subject, status, attempts, created_at, "
    "next_attempt_at, sent_at, last_error";

}  // namespace

DirectoryStatements::DirectoryStatements(SQLite::Database& db)
    : put_professional(db,
                       "INSERT INTO professionals (id, name, profession, unit, email, calendar_source) "
                       "VALUES (:id, :name, :profession, :unit, :email, :calendar_source) "
                       "ON CONFLICT (id) DO UPDATE SET name = excluded.name, profession = excluded.profession, "
                       "unit = excluded.unit, email = excluded.email, calendar_source = excluded.calendar_source"),
      professional(db, "SELECT id, name, profession, unit, email, calendar_source FROM professionals WHERE id = :id"),
      professionals(db, "SELECT id, name, profession, unit, email, calendar_source FROM professionals ORDER BY id"),
      put_room(db,
               "INSERT INTO rooms (" + kRoomColumns +
                   ") VALUES (:id, :name, :location, :capacity, :calendar_source) "
                   "ON CONFLICT (id) DO UPDATE SET name = excluded.name, location = excluded.location, "
                   "capacity = excluded.capacity, calendar_source = excluded.calendar_source"),
      room(db, "SELECT " + kRoomColumns + " FROM rooms WHERE id = :id"),
      rooms(db, "SELECT " + kRoomColumns + " FROM rooms ORDER BY id"),
      delete_room(db, "DELETE FROM rooms WHERE id = :id"),
      insert_token(db,
                   "INSERT INTO api_tokens (name, role, hash, created_at) VALUES (:name, :role, :hash, :created_at)"),
      token_by_hash(db, "SELECT id, name, role, created_at FROM api_tokens WHERE hash = :hash"),
      put_feed_secret(db,
                      "INSERT INTO feed_secrets (participant_id, hash, rotated_at) "
                      "VALUES (:participant_id, :hash, :rotated_at) ON CONFLICT (participant_id) "
                      "DO UPDATE SET hash = excluded.hash, rotated_at = excluded.rotated_at"),
      feed_owner(db, "SELECT participant_id FROM feed_secrets WHERE hash = :hash"),
      data_version(db, "PRAGMA data_version"),
      insert_audit(db,
                   "INSERT INTO audit_log (actor, action, at, before_json, after_json) "
                   "VALUES (:actor, :action, :at, :before_json, :after_json)"),
      audit_window(db,
                   "SELECT id, actor, action, at, before_json, after_json FROM audit_log "
                   "WHERE at >= :start_s AND at < :end_s ORDER BY at, id"),
      put_room_feed_secret(db,
                           "INSERT INTO room_feed_secrets (room_id, hash, rotated_at) "
                           "VALUES (:room_id, :hash, :rotated_at) ON CONFLICT (room_id) "
                           "DO UPDATE SET hash = excluded.hash, rotated_at = excluded.rotated_at"),
      room_feed_owner(db, "SELECT room_id FROM room_feed_secrets WHERE hash = :hash") {}

CaseStatements::CaseStatements(SQLite::Database& db)
    // Case ids are our own column (rowids may change on VACUUM): the next is the largest + 1.
    : insert_case(db,
                  "INSERT INTO cases (" + kCaseColumns +
                      ", participants_issued) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM cases), :ref, "
                      ":coordinator, :identified_on, :trigger, :segment, :stage, 0) RETURNING id"),
      update_case(db,
                  "UPDATE cases SET ref = :ref, coordinator = :coordinator, identified_on = :identified_on, "
                  "trigger = :trigger, segment = :segment, stage = :stage WHERE id = :id"),
      case_by_id(db, "SELECT " + kCaseColumns + " FROM cases WHERE id = :id"),
      case_by_ref(db, "SELECT " + kCaseColumns + " FROM cases WHERE ref = :ref"),
      cases(db, "SELECT " + kCaseColumns +
                    " FROM cases WHERE (:stage IS NULL OR stage = :stage) "
                    "AND (:coordinator IS NULL OR coordinator = :coordinator) ORDER BY id"),
      issue_participant(db,
                        "UPDATE cases SET participants_issued = participants_issued + 1 WHERE id = :id "
                        "RETURNING participants_issued"),
      team(db, "SELECT professional_id FROM case_team WHERE case_id = :case_id ORDER BY position"),
      delete_team(db, "DELETE FROM case_team WHERE case_id = :case_id"),
      insert_team_member(db,
                         "INSERT INTO case_team (case_id, position, professional_id) "
                         "VALUES (:case_id, :position, :professional_id)"),
      participants(db,
                   "SELECT id, kind, label, email, availability, unavailable FROM case_participants "
                   "WHERE case_id = :case_id ORDER BY position"),
      delete_participants(db, "DELETE FROM case_participants WHERE case_id = :case_id"),
      insert_participant(db,
                         "INSERT INTO case_participants (case_id, id, position, kind, label, email, availability, "
                         "unavailable) VALUES (:case_id, :id, :position, :kind, :label, :email, :availability, "
                         ":unavailable)"),
      moves(db,
            "SELECT from_stage, to_stage, at, actor FROM case_stage_moves WHERE case_id = :case_id "
            "ORDER BY position"),
      delete_moves(db, "DELETE FROM case_stage_moves WHERE case_id = :case_id"),
      insert_move(db,
                  "INSERT INTO case_stage_moves (case_id, position, from_stage, to_stage, at, actor) "
                  "VALUES (:case_id, :position, :from_stage, :to_stage, :at, :actor)") {}

MeetingStatements::MeetingStatements(SQLite::Database& db)
    : insert_meeting(db,
                     "INSERT INTO meetings (case_ref, case_id, start_s, end_s, in_hole, status, hold_state, sequence, "
                     "reschedules, kind, room_id, remote, hold_expires_at, title, location, description, organizer, "
                     "created_at, updated_at, requested_at) VALUES (:case_ref, :case_id, :start_s, :end_s, :in_hole, "
                     ":status, :hold_state, :sequence, :reschedules, :kind, :room_id, :remote, :hold_expires_at, "
                     ":title, :location, :description, :organizer, :created_at, :updated_at, :requested_at)"),
      update_meeting(db,
                     "UPDATE meetings SET case_ref = :case_ref, case_id = :case_id, start_s = :start_s, "
                     "end_s = :end_s, in_hole = :in_hole, status = :status, hold_state = :hold_state, "
                     "sequence = :sequence, reschedules = :reschedules, kind = :kind, room_id = :room_id, "
                     "remote = :remote, hold_expires_at = :hold_expires_at, title = :title, location = :location, "
                     "description = :description, organizer = :organizer, created_at = :created_at, "
                     "updated_at = :updated_at, requested_at = :requested_at WHERE id = :id"),
      insert_attendee(db,
                      "INSERT INTO meeting_attendees (meeting_id, participant_id, position, role, partstat, "
                      "answered_at) VALUES (:meeting_id, :participant_id, :position, :role, :partstat, :answered_at)"),
      delete_attendees(db, "DELETE FROM meeting_attendees WHERE meeting_id = :meeting_id"),
      meeting(db, "SELECT " + kMeetingColumns + " FROM meetings WHERE id = :id"),
      attendees(db,
                "SELECT participant_id, role, partstat, answered_at FROM meeting_attendees "
                "WHERE meeting_id = :meeting_id ORDER BY position"),
      insert_participant(db,
                         "INSERT INTO meeting_participants (meeting_id, participant_id, position, role, partstat, "
                         "email, answered_at) VALUES (:meeting_id, :participant_id, :position, :role, :partstat, "
                         ":email, :answered_at)"),
      delete_participants(db, "DELETE FROM meeting_participants WHERE meeting_id = :meeting_id"),
      participants(db,
                   "SELECT participant_id, role, partstat, email, answered_at FROM meeting_participants "
                   "WHERE meeting_id = :meeting_id ORDER BY position"),
      meetings_for_case(db,
                        "SELECT " + kMeetingColumns + " FROM meetings WHERE case_ref = :case_ref ORDER BY start_s, id"),
      // Half-open overlap: [s1, e1) and [s2, e2) overlap iff s1 < e2 and s2 < e1.
      meetings_in(db, "SELECT " + kMeetingColumns +
                          " FROM meetings WHERE start_s < :end_s AND :start_s < end_s ORDER BY start_s, id"),
      meetings_of(db, "SELECT " + kMeetingColumns +
                          " FROM meetings WHERE start_s < :end_s AND :start_s < end_s AND id IN "
                          "(SELECT meeting_id FROM meeting_attendees WHERE participant_id = :participant_id) "
                          "ORDER BY start_s, id"),
      clash(db,
            "SELECT m.id FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id "
            "WHERE a.participant_id = :participant_id AND " +
                kBlocksWindow + " LIMIT 1"),
      attendance(db,
                 "SELECT a.participant_id, m.start_s, m.end_s FROM meetings m "
                 "JOIN meeting_attendees a ON a.meeting_id = m.id "
                 "WHERE m.status = 'scheduled' AND m.start_s < :end_s AND :start_s < m.end_s"),
      holds_due(db, "SELECT " + kMeetingColumns +
                        " FROM meetings WHERE hold_state = 'held' AND hold_expires_at <= :now "
                        "ORDER BY hold_expires_at, id"),
      participant_clash(db,
                        "SELECT m.id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id "
                        "WHERE m.case_id = :case_id AND p.participant_id = :participant_id AND " +
                            kBlocksWindow + " LIMIT 1"),
      room_clash(db, "SELECT m.id FROM meetings m WHERE m.room_id = :room_id AND " + kBlocksWindow + " LIMIT 1"),
      room_booked_after(db,
                        "SELECT m.id FROM meetings m WHERE m.room_id = :room_id AND m.status = 'scheduled' "
                        "AND m.end_s > :after ORDER BY m.start_s LIMIT 1"),
      room_occupancy(db,
                     "SELECT m.room_id, m.start_s, m.end_s FROM meetings m WHERE m.room_id IS NOT NULL "
                     "AND m.status = 'scheduled' AND m.start_s < :end_s AND :start_s < m.end_s"),
      case_attendance(db,
                      "SELECT p.participant_id, m.start_s, m.end_s FROM meetings m "
                      "JOIN meeting_participants p ON p.meeting_id = m.id WHERE m.case_id = :case_id "
                      "AND m.status = 'scheduled' AND m.start_s < :end_s AND :start_s < m.end_s") {}

MailStatements::MailStatements(SQLite::Database& db)
    : insert_notice(db,
                    "INSERT INTO mail_notices (meeting_id, sequence, removed, created_at) "
                    "VALUES (:meeting_id, :sequence, :removed, :created_at)"),
      notices(db, "SELECT id, meeting_id, sequence, removed, created_at FROM mail_notices ORDER BY id LIMIT :limit"),
      delete_notice(db, "DELETE FROM mail_notices WHERE id = :id"),
      insert_mail(db,
                  "INSERT INTO outbox (meeting_id, sequence, participant_id, recipient, method, subject, message, "
                  "status, created_at, next_attempt_at, last_error) VALUES (:meeting_id, :sequence, "
                  ":participant_id, :recipient, :method, :subject, :message, :status, :created_at, "
                  ":next_attempt_at, :error)"),
      insert_answer_link(db,
                         "INSERT INTO answer_links (hash, meeting_id, participant_id, sequence, created_at) "
                         "VALUES (:hash, :meeting_id, :participant_id, :sequence, :created_at)"),
      answer_link(db, "SELECT meeting_id, participant_id, sequence FROM answer_links WHERE hash = :hash"),
      due_mail(db, "SELECT " + kOutboxColumns +
                       ", message FROM outbox WHERE status = 'queued' AND next_attempt_at <= :now "
                       "ORDER BY next_attempt_at, id LIMIT :limit"),
      mail_sent(db, "UPDATE outbox SET status = 'sent', sent_at = :at, last_error = '' WHERE id = :id"),
      mail_not_sent(db,
                    "UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next, "
                    "status = :status WHERE id = :id"),
      outbox_all(db, "SELECT " + kOutboxColumns + " FROM outbox ORDER BY id DESC LIMIT :limit"),
      outbox_with_status(
          db, "SELECT " + kOutboxColumns + " FROM outbox WHERE status = :status ORDER BY id DESC LIMIT :limit"),
      erase_mail_to(db,
                    "UPDATE outbox SET recipient = '', message = '', "
                    "status = CASE status WHEN 'queued' THEN 'failed' ELSE status END "
                    "WHERE meeting_id = :meeting_id AND participant_id = :participant_id") {}

}  // namespace yhteisaika::store::detail
