#pragma once
// Private to store/: the SQLite backend's conversions between domain values and
// columns, and one row_to_<type>() per table (sqlite_tables.cpp,
// sqlite_case_tables.cpp). Times are INTEGER seconds since the Unix epoch; 0 is
// "not yet" in the optional time columns. Dates are TEXT 'YYYY-MM-DD'.

#include <yhteisaika/store/store.hpp>

#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::store::detail {

std::int64_t to_db(time::Instant t);
std::int64_t to_db(std::optional<time::Instant> t);
time::Instant instant_from_db(std::int64_t seconds);
std::optional<time::Instant> optional_instant_from_db(std::int64_t seconds);
const char* to_db(AttendeeRole r);
AttendeeRole role_from_db(const std::string& s);
std::string to_db(std::chrono::year_month_day d);
std::chrono::year_month_day date_from_db(const std::string& s);
// A notice's `removed`: a JSON array of ids.
std::string ids_json(const std::vector<ParticipantId>& ids);
std::vector<ParticipantId> ids_from_json(const std::string& text);
// A participant's windows and spans as JSON: [{"days": [2, 4], "from": 720, "to": 960}]
// (days as weekday c_encoding, minutes since midnight) and [{"start": s, "end": s}].
std::string windows_json(const std::vector<cases::WeeklyWindow>& windows);
std::vector<cases::WeeklyWindow> windows_from_json(const std::string& text);
std::string spans_json(const std::vector<time::Interval>& spans);
std::vector<time::Interval> spans_from_json(const std::string& text);

// A column by name.
std::string text(const SQLite::Statement& row, const char* column);
std::int64_t number(const SQLite::Statement& row, const char* column);
time::Instant instant(const SQLite::Statement& row, const char* column);
// A column that may be NULL.
std::optional<std::string> optional_text(const SQLite::Statement& row, const char* column);

Professional row_to_professional(const SQLite::Statement& row);
// Without attendees and participants; see SqliteTables::meetings.
Meeting row_to_meeting(const SQLite::Statement& row);
Attendee row_to_attendee(const SQLite::Statement& row);
CaseAttendee row_to_case_attendee(const SQLite::Statement& row);
MailNotice row_to_mail_notice(const SQLite::Statement& row);
// With the message text only when the query selected it (due_mail).
OutboxEntry row_to_outbox_entry(const SQLite::Statement& row, bool with_message);
AuditEntry row_to_audit_entry(const SQLite::Statement& row);
// Without team, participants and history; see SqliteTables::with_details.
Case row_to_case(const SQLite::Statement& row);
cases::Participant row_to_participant(const SQLite::Statement& row);
cases::StageMove row_to_stage_move(const SQLite::Statement& row);
Room row_to_room(const SQLite::Statement& row);

// Binds :start_s and :end_s.
void bind_window(SQLite::Statement& s, time::Interval window);
// Binds `name` to `value`, or NULL.
void bind_optional(SQLite::Statement& s, const char* name, const std::optional<std::string>& value);

template <class Row, class F>
std::vector<Row> all_rows(SQLite::Statement& s, F&& row_to) {
  std::vector<Row> out;
  while (s.executeStep()) out.push_back(row_to(s));
  return out;
}

}  // namespace yhteisaika::store::detail
