#include "sqlite_tables.hpp"

#include <boost/json.hpp>

#include <cstdio>

namespace yhteisaika::store::detail {

namespace {

using time::Instant;
using time::Interval;

// --- Conversions between domain values and columns -------------------------

std::int64_t to_db(Instant t) { return t.time_since_epoch().count(); }
Instant instant_from_db(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }
// 0 is "not yet" in the optional time columns (answered_at, sent_at).
std::int64_t to_db(std::optional<Instant> t) { return t ? to_db(*t) : 0; }
std::optional<Instant> optional_instant_from_db(std::int64_t seconds) {
  return seconds == 0 ? std::nullopt : std::optional<Instant>{instant_from_db(seconds)};
}

const char* to_db(MeetingStatus s) { return s == MeetingStatus::scheduled ? "scheduled" : "cancelled"; }
MeetingStatus status_from_db(const std::string& s) {
  return s == "cancelled" ? MeetingStatus::cancelled : MeetingStatus::scheduled;
}

const char* to_db(AttendeeRole r) { return r == AttendeeRole::required ? "required" : "optional"; }
AttendeeRole role_from_db(const std::string& s) {
  return s == "optional" ? AttendeeRole::optional : AttendeeRole::required;
}

TokenRole token_role_from_db(const std::string& s) {
  if (s == "admin") return TokenRole::admin;
  if (s == "manager") return TokenRole::manager;
  return TokenRole::coordinator;
}

MailStatus mail_status_from_db(const std::string& s) {
  return s == "sent" ? MailStatus::sent : s == "failed" ? MailStatus::failed : MailStatus::queued;
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

// A notice's `removed`: a JSON array of ids.
std::string ids_json(const std::vector<ParticipantId>& ids) {
  boost::json::array a;
  for (const auto& id : ids) a.emplace_back(id.value);
  return boost::json::serialize(a);
}
std::vector<ParticipantId> ids_from_json(const std::string& text) {
  std::vector<ParticipantId> out;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) out.push_back(ParticipantId{std::string(v.as_string())});
  return out;
}

// --- One row_to_<type>() per table ------------------------------------------

std::string text(const SQLite::Statement& row, const char* column) { return row.getColumn(column).getString(); }
std::int64_t number(const SQLite::Statement& row, const char* column) { return row.getColumn(column).getInt64(); }
Instant instant(const SQLite::Statement& row, const char* column) { return instant_from_db(number(row, column)); }

Professional row_to_professional(const SQLite::Statement& row) {
  return {
      ParticipantId{text(row, "id")}, text(row, "name"), text(row, "profession"), text(row, "unit"), text(row, "email"),
      text(row, "calendar_source")};
}

// Without attendees; see SqliteTables::attendees.
Meeting row_to_meeting(const SQLite::Statement& row) {
  Meeting m;
  m.id = MeetingId{number(row, "id")};
  m.case_ref = CaseRef{text(row, "case_ref")};
  m.when = {instant(row, "start_s"), instant(row, "end_s")};
  m.in_hole = number(row, "in_hole") != 0;
  m.status = status_from_db(text(row, "status"));
  m.sequence = static_cast<int>(number(row, "sequence"));
  m.reschedules = static_cast<int>(number(row, "reschedules"));
  m.title = text(row, "title");
  m.location = text(row, "location");
  m.description = text(row, "description");
  if (std::string organizer = text(row, "organizer"); !organizer.empty()) m.organizer = ParticipantId{organizer};
  m.created_at = instant(row, "created_at");
  m.updated_at = instant(row, "updated_at");
  m.requested_at = instant(row, "requested_at");
  return m;
}

Attendee row_to_attendee(const SQLite::Statement& row) {
  return {ParticipantId{text(row, "participant_id")}, role_from_db(text(row, "role")), text(row, "partstat"),
          optional_instant_from_db(number(row, "answered_at"))};
}

MailNotice row_to_mail_notice(const SQLite::Statement& row) {
  return {number(row, "id"), MeetingId{number(row, "meeting_id")}, static_cast<int>(number(row, "sequence")),
          ids_from_json(text(row, "removed")), instant(row, "created_at")};
}

// With the message text only when the query selected it (due_mail).
OutboxEntry row_to_outbox_entry(const SQLite::Statement& row, bool with_message) {
  OutboxEntry e;
  e.id = number(row, "id");
  e.meeting = MeetingId{number(row, "meeting_id")};
  e.sequence = static_cast<int>(number(row, "sequence"));
  e.participant = ParticipantId{text(row, "participant_id")};
  e.recipient = text(row, "recipient");
  e.method = text(row, "method");
  e.subject = text(row, "subject");
  e.status = mail_status_from_db(text(row, "status"));
  e.attempts = static_cast<int>(number(row, "attempts"));
  e.created_at = instant(row, "created_at");
  e.next_attempt_at = instant(row, "next_attempt_at");
  e.sent_at = optional_instant_from_db(number(row, "sent_at"));
  e.last_error = text(row, "last_error");
  if (with_message) e.message = text(row, "message");
  return e;
}

AuditEntry row_to_audit_entry(const SQLite::Statement& row) {
  return {number(row, "id"),  text(row, "actor"),       text(row, "action"),
          instant(row, "at"), text(row, "before_json"), text(row, "after_json")};
}

void bind_window(SQLite::Statement& s, Interval window) {
  s.bind(":start_s", to_db(window.start));
  s.bind(":end_s", to_db(window.end));
}

template <class Row, class F>
std::vector<Row> all_rows(SQLite::Statement& s, F&& row_to) {
  std::vector<Row> out;
  while (s.executeStep()) out.push_back(row_to(s));
  return out;
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

std::optional<Case> SqliteTables::find_case(const CaseRef& ref) {
  Use s(st_.directory.case_by_ref);
  s->bind(":ref", ref.value);
  if (!s->executeStep()) return std::nullopt;
  return Case{CaseRef{text(*s, "ref")}, ParticipantId{text(*s, "coordinator")},
              date_from_db(text(*s, "identified_on"))};
}

std::vector<Attendee> SqliteTables::attendees(MeetingId id) {
  Use s(st_.meetings.attendees);
  s->bind(":meeting_id", id.value);
  return all_rows<Attendee>(*s, row_to_attendee);
}

std::vector<Meeting> SqliteTables::meetings(SQLite::Statement& query) {
  std::vector<Meeting> out;
  {
    Use s(query);  // the caller has bound its parameters
    out = all_rows<Meeting>(*s, row_to_meeting);
  }
  for (Meeting& m : out) m.attendees = attendees(m.id);
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

std::optional<MeetingId> SqliteTables::clash(const ParticipantId& who, Interval when, MeetingId exclude) {
  Use s(st_.meetings.clash);
  s->bind(":participant_id", who.value);
  bind_window(*s, when);
  s->bind(":exclude_id", exclude.value);
  if (!s->executeStep()) return std::nullopt;
  return MeetingId{s->getColumn(0).getInt64()};
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

void SqliteTables::put_case(const Case& c) {
  Use s(st_.directory.put_case);
  s->bind(":ref", c.ref.value);
  s->bind(":coordinator", c.coordinator.value);
  s->bind(":identified_on", to_db(c.identified_on));
  s->exec();
}

void SqliteTables::bind_meeting(SQLite::Statement& s, const Meeting& m) {
  s.bind(":case_ref", m.case_ref.value);
  bind_window(s, m.when);
  s.bind(":in_hole", m.in_hole ? 1 : 0);
  s.bind(":status", to_db(m.status));
  s.bind(":sequence", m.sequence);
  s.bind(":reschedules", m.reschedules);
  s.bind(":title", m.title);
  s.bind(":location", m.location);
  s.bind(":description", m.description);
  s.bind(":organizer", m.organizer ? m.organizer->value : std::string());
  s.bind(":created_at", to_db(m.created_at));
  s.bind(":updated_at", to_db(m.updated_at));
  s.bind(":requested_at", to_db(m.requested_at));
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
  return stored.id;
}

void SqliteTables::update_meeting(const Meeting& m) {
  {
    Use s(st_.meetings.update_meeting);
    bind_meeting(*s, m);
    s->bind(":id", m.id.value);
    s->exec();
  }
  {
    Use s(st_.meetings.delete_attendees);
    s->bind(":meeting_id", m.id.value);
    s->exec();
  }
  insert_attendees(m);
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
