// The audit log's JSON (rules.hpp): what a person reads there. Pseudonymous:
// ids, stages, kinds and times; never a participant's label or e-mail.

#include "names.hpp"
#include "rules.hpp"

#include <boost/json.hpp>

#include <cstdio>

namespace yhteisaika::store::detail {

using time::Instant;

std::string utc_text(Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

namespace {

const char* role_text(AttendeeRole r) { return r == AttendeeRole::required ? "required" : "optional"; }

std::string date_text(std::chrono::year_month_day d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return text;
}

boost::json::array ids(const std::vector<ParticipantId>& list) {
  boost::json::array out;
  for (const ParticipantId& id : list) out.emplace_back(id.value);
  return out;
}

}  // namespace

std::string meeting_json(const Meeting& m) {
  boost::json::array attendees;
  for (const Attendee& a : m.attendees) {
    attendees.push_back({{"id", a.id.value}, {"role", role_text(a.role)}, {"partstat", a.partstat}});
  }
  boost::json::object o{{"id", m.id.value},
                        {"case_ref", m.case_ref.value},
                        {"start", utc_text(m.when.start)},
                        {"end", utc_text(m.when.end)},
                        {"in_hole", m.in_hole},
                        {"status", to_string(m.status)},
                        {"sequence", m.sequence},
                        {"title", m.title},
                        {"location", m.location},
                        {"attendees", std::move(attendees)}};
  if (m.case_id) o["case"] = m.case_id->value;
  o["kind"] = to_text(m.kind);
  if (m.room) o["room"] = m.room->value;
  if (m.remote) o["remote"] = true;
  if (m.hold_expires_at) o["hold_expires_at"] = utc_text(*m.hold_expires_at);
  if (!m.participants.empty()) {
    boost::json::array participants;  // by id only: no label, no e-mail
    for (const CaseAttendee& a : m.participants) {
      participants.push_back({{"id", a.participant}, {"role", role_text(a.role)}, {"partstat", a.partstat}});
    }
    o["participants"] = std::move(participants);
  }
  return boost::json::serialize(o);
}

std::string professional_json(const Professional& p) {
  boost::json::object o{{"id", p.id.value}, {"name", p.name},   {"profession", p.profession},
                        {"unit", p.unit},   {"email", p.email}, {"calendar_source", p.calendar_source}};
  return boost::json::serialize(o);
}

std::string room_json(const Room& r) {
  boost::json::object o{{"id", r.id.value},
                        {"name", r.name},
                        {"location", r.location},
                        {"capacity", r.capacity},
                        {"calendar_source", r.calendar_source}};
  return boost::json::serialize(o);
}

std::string case_json(const Case& c) {
  boost::json::object o{{"id", c.id.value},
                        {"case_ref", c.ref.value},
                        {"coordinator", c.coordinator.value},
                        {"identified_on", date_text(c.identified_on)},
                        {"trigger", to_text(c.trigger)},
                        {"team", ids(c.team)},
                        {"stage", to_text(c.stage)}};
  if (c.segment) o["segment"] = *c.segment;
  return boost::json::serialize(o);
}

std::string stage_json(const Case& c, cases::Stage stage) {
  boost::json::object o{{"id", c.id.value}, {"case_ref", c.ref.value}, {"stage", to_text(stage)}};
  return boost::json::serialize(o);
}

std::string participant_json(const Case& c, const cases::Participant& p) {
  boost::json::object o{{"case", c.id.value},
                        {"case_ref", c.ref.value},
                        {"participant", p.id},
                        {"kind", to_text(p.kind)},
                        {"has_email", p.email.has_value()},
                        {"windows", p.availability.size()},
                        {"unavailable", p.unavailable.size()}};
  return boost::json::serialize(o);
}

}  // namespace yhteisaika::store::detail
