#include "sqlite_tables.hpp"

#include "names.hpp"
#include "sqlite_rows.hpp"

namespace yhteisaika::store::detail {

namespace {

using time::Instant;
using time::Interval;

// A meeting's status as its two columns (migrations.cpp, step 6): whether it
// blocks its slot, and whether it is (or was) a hold.
const char* status_to_db(MeetingStatus s) { return blocks(s) ? "scheduled" : "cancelled"; }
const char* hold_state_to_db(MeetingStatus s) {
  return s == MeetingStatus::held ? "held" : s == MeetingStatus::expired ? "expired" : "";
}

TokenRole token_role_from_db(const std::string& s) {
  if (s == "admin") return TokenRole::admin;
  if (s == "manager") return TokenRole::manager;
  return TokenRole::coordinator;
}

}  // namespace

std::string sqlite_text(const SQLite::Exception& e) {
  return std::string(e.what()) + " (SQLite " + std::to_string(e.getExtendedErrorCode()) + ")";
}

// --- Reads ----------------------------------------------------------------------

std::optional<Professional> SqliteTables::professional(const ParticipantId& id) {
  Use s(st_.directory.professional);
  s->bind(":id", id.value);
  if (!s->executeStep()) return std::nullopt;
  return row_to_professional(*s);
}

std::vector<Professional> SqliteTables::professionals() {
  Use s(st_.directory.professionals);
  return all_rows<Professional>(*s, row_to_professional);
}

std::vector<Attendee> SqliteTables::attendees(MeetingId id) {
  Use s(st_.meetings.attendees);
  s->bind(":meeting_id", id.value);
  return all_rows<Attendee>(*s, row_to_attendee);
}

std::vector<CaseAttendee> SqliteTables::participants(MeetingId id) {
  Use s(st_.meetings.participants);
  s->bind(":meeting_id", id.value);
  return all_rows<CaseAttendee>(*s, row_to_case_attendee);
}

std::vector<Meeting> SqliteTables::meetings(SQLite::Statement& query) {
  std::vector<Meeting> out;
  {
    Use s(query);  // the caller has bound its parameters
    out = all_rows<Meeting>(*s, row_to_meeting);
  }
  for (Meeting& m : out) {
    m.attendees = attendees(m.id);
    m.participants = participants(m.id);
  }
  return out;
}

std::optional<Meeting> SqliteTables::meeting(MeetingId id) {
  st_.meetings.meeting.bind(":id", id.value);
  auto found = meetings(st_.meetings.meeting);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Meeting> SqliteTables::meetings_for_case(const CaseRef& ref) {
  st_.meetings.meetings_for_case.bind(":case_ref", ref.value);
  return meetings(st_.meetings.meetings_for_case);
}

std::vector<Meeting> SqliteTables::meetings_in(Interval window, const std::optional<ParticipantId>& who) {
  SQLite::Statement& query = who ? st_.meetings.meetings_of : st_.meetings.meetings_in;
  bind_window(query, window);
  if (who) query.bind(":participant_id", who->value);
  return meetings(query);
}

std::vector<std::pair<ParticipantId, Interval>> SqliteTables::attendance(Interval window) {
  Use s(st_.meetings.attendance);
  bind_window(*s, window);
  return all_rows<std::pair<ParticipantId, Interval>>(*s, [](const SQLite::Statement& row) {
    return std::pair{ParticipantId{text(row, "participant_id")},
                     Interval{instant(row, "start_s"), instant(row, "end_s")}};
  });
}

std::vector<std::pair<RoomId, Interval>> SqliteTables::room_occupancy(Interval window) {
  Use s(st_.meetings.room_occupancy);
  bind_window(*s, window);
  return all_rows<std::pair<RoomId, Interval>>(*s, [](const SQLite::Statement& row) {
    return std::pair{RoomId{text(row, "room_id")}, Interval{instant(row, "start_s"), instant(row, "end_s")}};
  });
}

std::vector<std::pair<std::string, Interval>> SqliteTables::case_attendance(CaseId id, Interval window) {
  Use s(st_.meetings.case_attendance);
  s->bind(":case_id", id.value);
  bind_window(*s, window);
  return all_rows<std::pair<std::string, Interval>>(*s, [](const SQLite::Statement& row) {
    return std::pair{text(row, "participant_id"), Interval{instant(row, "start_s"), instant(row, "end_s")}};
  });
}

namespace {

// The first meeting a clash query (its other parameters bound) finds in `when`, apart from `exclude`.
std::optional<MeetingId> first_clash(SQLite::Statement& query, Interval when, MeetingId exclude) {
  Use s(query);
  bind_window(*s, when);
  s->bind(":exclude_id", exclude.value);
  if (!s->executeStep()) return std::nullopt;
  return MeetingId{s->getColumn(0).getInt64()};
}

}  // namespace

std::optional<MeetingId> SqliteTables::clash(const ParticipantId& who, Interval when, MeetingId exclude) {
  st_.meetings.clash.bind(":participant_id", who.value);
  return first_clash(st_.meetings.clash, when, exclude);
}

std::optional<MeetingId> SqliteTables::participant_clash(CaseId id, const std::string& participant, Interval when,
                                                         MeetingId exclude) {
  st_.meetings.participant_clash.bind(":case_id", id.value);
  st_.meetings.participant_clash.bind(":participant_id", participant);
  return first_clash(st_.meetings.participant_clash, when, exclude);
}

std::optional<MeetingId> SqliteTables::room_clash(const RoomId& room, Interval when, MeetingId exclude) {
  st_.meetings.room_clash.bind(":room_id", room.value);
  return first_clash(st_.meetings.room_clash, when, exclude);
}

std::optional<MeetingId> SqliteTables::room_booked_after(const RoomId& room, Instant after) {
  Use s(st_.meetings.room_booked_after);
  s->bind(":room_id", room.value);
  s->bind(":after", to_db(after));
  if (!s->executeStep()) return std::nullopt;
  return MeetingId{s->getColumn(0).getInt64()};
}

std::vector<Meeting> SqliteTables::holds_due(Instant now) {
  st_.meetings.holds_due.bind(":now", to_db(now));
  return meetings(st_.meetings.holds_due);
}

std::optional<ApiToken> SqliteTables::token_by_hash(const std::string& hash) {
  Use s(st_.directory.token_by_hash);
  s->bind(":hash", hash);
  if (!s->executeStep()) return std::nullopt;
  return ApiToken{number(*s, "id"), text(*s, "name"), token_role_from_db(text(*s, "role")), instant(*s, "created_at")};
}

std::optional<ParticipantId> SqliteTables::feed_owner_by_hash(const std::string& hash) {
  Use s(st_.directory.feed_owner);
  s->bind(":hash", hash);
  if (!s->executeStep()) return std::nullopt;
  return ParticipantId{s->getColumn(0).getString()};
}

std::optional<RoomId> SqliteTables::room_feed_owner_by_hash(const std::string& hash) {
  Use s(st_.directory.room_feed_owner);
  s->bind(":hash", hash);
  if (!s->executeStep()) return std::nullopt;
  return RoomId{s->getColumn(0).getString()};
}

std::vector<AuditEntry> SqliteTables::audit_log(Interval window) {
  Use s(st_.directory.audit_window);
  bind_window(*s, window);
  return all_rows<AuditEntry>(*s, row_to_audit_entry);
}

std::vector<MailNotice> SqliteTables::mail_notices(int limit) {
  Use s(st_.mail.notices);
  s->bind(":limit", limit);
  return all_rows<MailNotice>(*s, row_to_mail_notice);
}

std::vector<OutboxEntry> SqliteTables::due_mail(Instant now, int limit) {
  Use s(st_.mail.due_mail);
  s->bind(":now", to_db(now));
  s->bind(":limit", limit);
  return all_rows<OutboxEntry>(*s, [](const SQLite::Statement& row) { return row_to_outbox_entry(row, true); });
}

std::vector<OutboxEntry> SqliteTables::outbox(std::optional<MailStatus> status, int limit) {
  Use s(status ? st_.mail.outbox_with_status : st_.mail.outbox_all);
  if (status) s->bind(":status", to_string(*status));
  s->bind(":limit", limit);
  return all_rows<OutboxEntry>(*s, [](const SQLite::Statement& row) { return row_to_outbox_entry(row, false); });
}

std::optional<AnswerLink> SqliteTables::answer_link_by_hash(const std::string& hash) {
  Use s(st_.mail.answer_link);
  s->bind(":hash", hash);
  if (!s->executeStep()) return std::nullopt;
  return AnswerLink{MeetingId{number(*s, "meeting_id")}, ParticipantId{text(*s, "participant_id")},
                    static_cast<int>(number(*s, "sequence"))};
}

std::int64_t SqliteTables::data_version() {
  Use s(st_.directory.data_version);
  s->executeStep();
  return s->getColumn(0).getInt64();
}

// --- Writes ---------------------------------------------------------------------

void SqliteTables::put_professional(const Professional& p) {
  Use s(st_.directory.put_professional);
  s->bind(":id", p.id.value);
  s->bind(":name", p.name);
  s->bind(":profession", p.profession);
  s->bind(":unit", p.unit);
  s->bind(":email", p.email);
  s->bind(":calendar_source", p.calendar_source);
  s->exec();
}

void SqliteTables::bind_meeting(SQLite::Statement& s, const Meeting& m) {
  s.bind(":case_ref", m.case_ref.value);
  if (m.case_id) {
    s.bind(":case_id", m.case_id->value);
  } else {
    s.bind(":case_id");
  }
  bind_window(s, m.when);
  s.bind(":in_hole", m.in_hole ? 1 : 0);
  s.bind(":status", status_to_db(m.status));
  s.bind(":hold_state", hold_state_to_db(m.status));
  s.bind(":sequence", m.sequence);
  s.bind(":reschedules", m.reschedules);
  s.bind(":kind", to_text(m.kind));
  bind_optional(s, ":room_id", m.room ? std::optional<std::string>{m.room->value} : std::nullopt);
  s.bind(":remote", m.remote ? 1 : 0);
  s.bind(":hold_expires_at", to_db(m.hold_expires_at));
  s.bind(":title", m.title);
  s.bind(":location", m.location);
  s.bind(":description", m.description);
  s.bind(":organizer", m.organizer ? m.organizer->value : std::string());
  s.bind(":created_at", to_db(m.created_at));
  s.bind(":updated_at", to_db(m.updated_at));
  s.bind(":requested_at", to_db(m.requested_at));
}

void SqliteTables::insert_participants(const Meeting& m) {
  for (std::size_t i = 0; i < m.participants.size(); ++i) {
    const CaseAttendee& a = m.participants[i];
    Use s(st_.meetings.insert_participant);
    s->bind(":meeting_id", m.id.value);
    s->bind(":participant_id", a.participant);
    s->bind(":position", static_cast<std::int64_t>(i));
    s->bind(":role", to_db(a.role));
    s->bind(":partstat", a.partstat);
    bind_optional(*s, ":email", a.email);
    s->bind(":answered_at", to_db(a.answered_at));
    s->exec();
  }
}

void SqliteTables::insert_attendees(const Meeting& m) {
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    const Attendee& a = m.attendees[i];
    Use s(st_.meetings.insert_attendee);
    s->bind(":meeting_id", m.id.value);
    s->bind(":participant_id", a.id.value);
    s->bind(":position", static_cast<std::int64_t>(i));
    s->bind(":role", to_db(a.role));
    s->bind(":partstat", a.partstat);
    s->bind(":answered_at", to_db(a.answered_at));
    s->exec();
  }
}

MeetingId SqliteTables::insert_meeting(const Meeting& m) {
  {
    Use s(st_.meetings.insert_meeting);
    bind_meeting(*s, m);
    s->exec();
  }
  Meeting stored = m;
  stored.id = MeetingId{db_.getLastInsertRowid()};
  insert_attendees(stored);
  insert_participants(stored);
  return stored.id;
}

void SqliteTables::update_meeting(const Meeting& m) {
  {
    Use s(st_.meetings.update_meeting);
    bind_meeting(*s, m);
    s->bind(":id", m.id.value);
    s->exec();
  }
  for (SQLite::Statement* rows : {&st_.meetings.delete_attendees, &st_.meetings.delete_participants}) {
    Use s(*rows);
    s->bind(":meeting_id", m.id.value);
    s->exec();
  }
  insert_attendees(m);
  insert_participants(m);
}

std::int64_t SqliteTables::insert_token(const ApiToken& token, const std::string& hash) {
  Use s(st_.directory.insert_token);
  s->bind(":name", token.name);
  s->bind(":role", to_string(token.role));
  s->bind(":hash", hash);
  s->bind(":created_at", to_db(token.created_at));
  s->exec();
  return db_.getLastInsertRowid();
}

void SqliteTables::put_feed_secret(const ParticipantId& id, const std::string& hash, Instant at) {
  Use s(st_.directory.put_feed_secret);
  s->bind(":participant_id", id.value);
  s->bind(":hash", hash);
  s->bind(":rotated_at", to_db(at));
  s->exec();
}

void SqliteTables::put_room_feed_secret(const RoomId& id, const std::string& hash, Instant at) {
  Use s(st_.directory.put_room_feed_secret);
  s->bind(":room_id", id.value);
  s->bind(":hash", hash);
  s->bind(":rotated_at", to_db(at));
  s->exec();
}

void SqliteTables::insert_audit(const AuditEntry& entry) {
  Use s(st_.directory.insert_audit);
  s->bind(":actor", entry.actor);
  s->bind(":action", entry.action);
  s->bind(":at", to_db(entry.at));
  s->bind(":before_json", entry.before_json);
  s->bind(":after_json", entry.after_json);
  s->exec();
}

void SqliteTables::insert_notice(const MailNotice& notice) {
  Use s(st_.mail.insert_notice);
  s->bind(":meeting_id", notice.meeting.value);
  s->bind(":sequence", notice.sequence);
  s->bind(":removed", ids_json(notice.removed));
  s->bind(":created_at", to_db(notice.created_at));
  s->exec();
}

void SqliteTables::delete_notice(std::int64_t id) {
  Use s(st_.mail.delete_notice);
  s->bind(":id", id);
  s->exec();
}

void SqliteTables::insert_mail(const OutboxEntry& e) {
  Use s(st_.mail.insert_mail);
  s->bind(":meeting_id", e.meeting.value);
  s->bind(":sequence", e.sequence);
  s->bind(":participant_id", e.participant.value);
  s->bind(":recipient", e.recipient);
  s->bind(":method", e.method);
  s->bind(":subject", e.subject);
  s->bind(":message", e.message);
  s->bind(":status", to_string(e.status));
  s->bind(":created_at", to_db(e.created_at));
  s->bind(":next_attempt_at", to_db(e.next_attempt_at));
  s->bind(":error", e.last_error);
  s->exec();
}

void SqliteTables::insert_answer_link(const std::string& hash, const AnswerLink& link, Instant at) {
  Use s(st_.mail.insert_answer_link);
  s->bind(":hash", hash);
  s->bind(":meeting_id", link.meeting.value);
  s->bind(":participant_id", link.participant.value);
  s->bind(":sequence", link.sequence);
  s->bind(":created_at", to_db(at));
  s->exec();
}

void SqliteTables::erase_mail_to(MeetingId meeting, const std::string& participant) {
  Use s(st_.mail.erase_mail_to);
  s->bind(":meeting_id", meeting.value);
  s->bind(":participant_id", participant);
  s->exec();
}

void SqliteTables::mark_sent(std::int64_t id, Instant at) {
  Use s(st_.mail.mail_sent);
  s->bind(":at", to_db(at));
  s->bind(":id", id);
  s->exec();
}

void SqliteTables::mark_not_sent(std::int64_t id, const std::string& error, MailStatus status,
                                 Instant next_attempt_at) {
  Use s(st_.mail.mail_not_sent);
  s->bind(":error", error);
  s->bind(":next", to_db(next_attempt_at));
  s->bind(":status", to_string(status));
  s->bind(":id", id);
  s->exec();
}

Result<void> SqliteTables::attempt(const char* what, const std::function<Result<void>()>& body) {
  db_.exec("SAVEPOINT attempt");
  Result<void> done;
  try {
    done = body();
  } catch (const SQLite::Exception& e) {
    done = database_error(what, sqlite_text(e), path_);
  }
  if (!done) db_.exec("ROLLBACK TO attempt");
  db_.exec("RELEASE attempt");
  return done;
}

}  // namespace yhteisaika::store::detail
