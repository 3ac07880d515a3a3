#include "sqlite_rows.hpp"

#include "names.hpp"

#include <SQLiteCpp/Column.h>
#include <boost/json.hpp>

#include <cstdio>

namespace yhteisaika::store::detail {

using time::Instant;
using time::Interval;

std::int64_t to_db(Instant t) { return t.time_since_epoch().count(); }
std::int64_t to_db(std::optional<Instant> t) { return t ? to_db(*t) : 0; }
Instant instant_from_db(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }
std::optional<Instant> optional_instant_from_db(std::int64_t seconds) {
  return seconds == 0 ? std::nullopt : std::optional<Instant>{instant_from_db(seconds)};
}

const char* to_db(AttendeeRole r) { return r == AttendeeRole::required ? "required" : "optional"; }
AttendeeRole role_from_db(const std::string& s) {
  return s == "optional" ? AttendeeRole::optional : AttendeeRole::required;
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

std::string windows_json(const std::vector<cases::WeeklyWindow>& windows) {
  boost::json::array out;
  for (const cases::WeeklyWindow& w : windows) {
    boost::json::array days;
    for (std::size_t d = 0; d < w.days.size(); ++d) {
      if (w.days[d]) days.emplace_back(d);
    }
    out.push_back({{"days", std::move(days)}, {"from", w.from.count()}, {"to", w.to.count()}});
  }
  return boost::json::serialize(out);
}
std::vector<cases::WeeklyWindow> windows_from_json(const std::string& text) {
  std::vector<cases::WeeklyWindow> out;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    cases::WeeklyWindow w;
    for (const auto& d : o.at("days").as_array()) w.days.at(static_cast<std::size_t>(d.to_number<int>())) = true;
    w.from = std::chrono::minutes{o.at("from").to_number<std::int64_t>()};
    w.to = std::chrono::minutes{o.at("to").to_number<std::int64_t>()};
    out.push_back(w);
  }
  return out;
}

std::string spans_json(const std::vector<Interval>& spans) {
  boost::json::array out;
  for (const Interval& s : spans) out.push_back({{"start", to_db(s.start)}, {"end", to_db(s.end)}});
  return boost::json::serialize(out);
}
std::vector<Interval> spans_from_json(const std::string& text) {
  std::vector<Interval> out;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    out.push_back({instant_from_db(o.at("start").to_number<std::int64_t>()),
                   instant_from_db(o.at("end").to_number<std::int64_t>())});
  }
  return out;
}

std::string text(const SQLite::Statement& row, const char* column) { return row.getColumn(column).getString(); }
std::int64_t number(const SQLite::Statement& row, const char* column) { return row.getColumn(column).getInt64(); }
Instant instant(const SQLite::Statement& row, const char* column) { return instant_from_db(number(row, column)); }
std::optional<std::string> optional_text(const SQLite::Statement& row, const char* column) {
  const SQLite::Column c = row.getColumn(column);
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

Professional row_to_professional(const SQLite::Statement& row) {
  return {
      ParticipantId{text(row, "id")}, text(row, "name"), text(row, "profession"), text(row, "unit"), text(row, "email"),
      text(row, "calendar_source")};
}

namespace {

// `status` says whether a meeting blocks its slot; `hold_state` tells holds
// apart (migrations.cpp, step 6).
MeetingStatus status_from_db(const std::string& status, const std::string& hold_state) {
  if (status == "cancelled") return hold_state == "expired" ? MeetingStatus::expired : MeetingStatus::cancelled;
  return hold_state == "held" ? MeetingStatus::held : MeetingStatus::scheduled;
}

}  // namespace

Meeting row_to_meeting(const SQLite::Statement& row) {
  Meeting m;
  m.id = MeetingId{number(row, "id")};
  m.case_ref = CaseRef{text(row, "case_ref")};
  if (!row.getColumn("case_id").isNull()) m.case_id = CaseId{number(row, "case_id")};
  m.when = {instant(row, "start_s"), instant(row, "end_s")};
  m.in_hole = number(row, "in_hole") != 0;
  m.status = status_from_db(text(row, "status"), text(row, "hold_state"));
  m.sequence = static_cast<int>(number(row, "sequence"));
  m.reschedules = static_cast<int>(number(row, "reschedules"));
  m.kind = meeting_kind_from_text(text(row, "kind")).value_or(cases::MeetingKind::other);
  if (auto room = optional_text(row, "room_id")) m.room = RoomId{*room};
  m.remote = number(row, "remote") != 0;
  m.hold_expires_at = optional_instant_from_db(number(row, "hold_expires_at"));
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

CaseAttendee row_to_case_attendee(const SQLite::Statement& row) {
  return {text(row, "participant_id"), role_from_db(text(row, "role")), text(row, "partstat"),
          optional_text(row, "email"), optional_instant_from_db(number(row, "answered_at"))};
}

MailNotice row_to_mail_notice(const SQLite::Statement& row) {
  return {number(row, "id"), MeetingId{number(row, "meeting_id")}, static_cast<int>(number(row, "sequence")),
          ids_from_json(text(row, "removed")), instant(row, "created_at")};
}

OutboxEntry row_to_outbox_entry(const SQLite::Statement& row, bool with_message) {
  OutboxEntry e;
  e.id = number(row, "id");
  e.meeting = MeetingId{number(row, "meeting_id")};
  e.sequence = static_cast<int>(number(row, "sequence"));
  e.participant = ParticipantId{text(row, "participant_id")};
  e.recipient = text(row, "recipient");
  e.method = text(row, "method");
  e.subject = text(row, "subject");
  const std::string status = text(row, "status");
  e.status = status == "sent" ? MailStatus::sent : status == "failed" ? MailStatus::failed : MailStatus::queued;
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

Case row_to_case(const SQLite::Statement& row) {
  Case c;
  c.id = CaseId{number(row, "id")};
  c.ref = CaseRef{text(row, "ref")};
  c.coordinator = ParticipantId{text(row, "coordinator")};
  c.identified_on = date_from_db(text(row, "identified_on"));
  c.trigger = trigger_from_text(text(row, "trigger")).value_or(cases::Trigger::other);
  if (!row.getColumn("segment").isNull()) c.segment = static_cast<int>(number(row, "segment"));
  c.stage = stage_from_text(text(row, "stage")).value_or(cases::Stage::identified);
  return c;
}

cases::Participant row_to_participant(const SQLite::Statement& row) {
  cases::Participant p;
  p.id = text(row, "id");
  p.kind = participant_kind_from_text(text(row, "kind")).value_or(cases::ParticipantKind::other);
  p.label = text(row, "label");
  p.email = optional_text(row, "email");
  p.availability = windows_from_json(text(row, "availability"));
  p.unavailable = spans_from_json(text(row, "unavailable"));
  return p;
}

cases::StageMove row_to_stage_move(const SQLite::Statement& row) {
  return {stage_from_text(text(row, "from_stage")).value_or(cases::Stage::identified),
          stage_from_text(text(row, "to_stage")).value_or(cases::Stage::identified), instant(row, "at"),
          text(row, "actor")};
}

Room row_to_room(const SQLite::Statement& row) {
  return {RoomId{text(row, "id")}, text(row, "name"), text(row, "location"),
          static_cast<int>(number(row, "capacity")), text(row, "calendar_source")};
}

void bind_window(SQLite::Statement& s, Interval window) {
  s.bind(":start_s", to_db(window.start));
  s.bind(":end_s", to_db(window.end));
}

void bind_optional(SQLite::Statement& s, const char* name, const std::optional<std::string>& value) {
  if (value) {
    s.bind(name, *value);
  } else {
    s.bind(name);
  }
}

}  // namespace yhteisaika::store::detail
