#include "meeting_json.hpp"

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "values.hpp"

#include <algorithm>

namespace yhteisaika::http {

namespace json = boost::json;

namespace {

json::object attendee_json(const store::Attendee& a, const People& people, const time::Zone& zone) {
  auto it = people.find(a.id);
  return {{"id", a.id.value},
          {"name", it == people.end() ? "" : it->second.name},
          {"profession", it == people.end() ? "" : it->second.profession},
          {"role", a.role == store::AttendeeRole::required ? "required" : "optional"},
          {"partstat", a.partstat},
          {"answered_at", time_or_null(a.answered_at, zone)}};
}

json::object participant_json(const store::CaseAttendee& a, const std::vector<cases::Participant>& circle,
                              const time::Zone& zone) {
  auto it = std::find_if(circle.begin(), circle.end(), [&](const cases::Participant& p) { return p.id == a.participant; });
  const bool known = it != circle.end();
  return {{"id", a.participant},
          {"kind", cases::to_string(known ? it->kind : cases::ParticipantKind::other)},
          {"label", known ? it->label : ""},
          {"role", a.role == store::AttendeeRole::required ? "required" : "optional"},
          {"partstat", a.partstat},
          {"answered_at", time_or_null(a.answered_at, zone)}};
}

}  // namespace

json::object meeting_json(const store::Meeting& m, const People& people, const time::Zone& zone,
                          const RoomsById& rooms, const std::vector<cases::Participant>& circle) {
  const auto when = [&](time::Instant t) { return time::format_rfc3339(t, zone); };
  json::array attendees;
  for (const auto& a : m.attendees) attendees.push_back(attendee_json(a, people, zone));
  json::object o{{"id", m.id.value},
                 {"case_ref", m.case_ref.value},
                 {"start", when(m.when.start)},
                 {"end", when(m.when.end)},
                 {"in_hole", m.in_hole},
                 {"status", store::to_string(m.status)},
                 {"sequence", m.sequence},
                 {"title", m.title},
                 {"location", m.location},
                 {"description", m.description},
                 {"attendees", std::move(attendees)},
                 {"invite_url", "/api/v1/meetings/" + std::to_string(m.id.value) + "/invite.ics"},
                 {"created_at", when(m.created_at)},
                 {"updated_at", when(m.updated_at)},
                 {"requested_at", when(m.requested_at)}};
  // A required attendee declined: the coordinator decides (reschedule with or without them).
  const auto declines = m.required_declines();
  o["required_declines"] = ids_json(declines);
  o["needs_attention"] = m.status == store::MeetingStatus::scheduled && !declines.empty();
  o["coordinator"] = m.organizer ? json::value(m.organizer->value) : json::value(nullptr);
  o["hold_expires_at"] = time_or_null(m.hold_expires_at, zone);
  o["case"] = m.case_id ? json::value(m.case_id->value) : json::value(nullptr);
  o["kind"] = cases::to_string(m.kind);
  json::array participants;
  for (const auto& a : m.participants) participants.push_back(participant_json(a, circle, zone));
  o["participants"] = std::move(participants);
  o["room"] = nullptr;
  if (m.room) {
    auto it = rooms.find(*m.room);
    o["room"] = json::object{{"id", m.room->value},
                             {"name", it == rooms.end() ? "" : it->second.name},
                             {"location", it == rooms.end() ? "" : it->second.location}};
  }
  o["remote"] = m.remote;
  return o;
}

}  // namespace yhteisaika::http
