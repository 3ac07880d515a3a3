#include "rules.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

namespace yhteisaika::store::detail {

using time::Instant;

std::string attendee_field(std::size_t i) { return "attendees[" + std::to_string(i) + "]"; }

Error no_meeting(MeetingId id) { return Error{Errc::not_found, "no meeting " + std::to_string(id.value), {}}; }

Error no_professional(const ParticipantId& id) { return Error{Errc::not_found, "no professional " + id.value, {}}; }

Error imported_error(std::size_t i, Error e) {
  e.where = e.where.under("meetings[" + std::to_string(i) + "]");
  return e;
}

Result<void> validate(const NewMeeting& m) {
  if (m.when.empty()) return Error{Errc::invalid_argument, "the meeting must end after it starts",
                                   Location::at_field("when")};
  if (m.attendees.empty()) return Error{Errc::invalid_argument, "a meeting needs at least one attendee",
                                        Location::at_field("attendees")};
  std::set<ParticipantId> seen;
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    if (!seen.insert(m.attendees[i].id).second) {
      return Error{Errc::invalid_argument, m.attendees[i].id.value + " is listed twice",
                   Location::at_field(attendee_field(i))};
    }
  }
  return {};
}

Result<void> validate(const std::vector<ImportedMeeting>& meetings) {
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    if (auto valid = validate(meetings[i].meeting); !valid) return imported_error(i, valid.error());
    if (meetings[i].reschedules < 0) {
      return imported_error(i, Error{Errc::invalid_argument, "reschedules must not be negative",
                                     Location::at_field("reschedules")});
    }
  }
  return {};
}

Result<Meeting> require_scheduled(std::optional<Meeting> m, MeetingId id) {
  if (!m) return no_meeting(id);
  if (m->status != MeetingStatus::scheduled) {
    return Error{Errc::not_scheduled, "meeting " + std::to_string(id.value) + " is cancelled", {}};
  }
  return std::move(*m);
}

Meeting new_meeting(const NewMeeting& m, MeetingStatus status, int reschedules, Instant created_at) {
  Meeting out;
  out.case_ref = m.case_ref;
  out.when = m.when;
  out.in_hole = m.in_hole;
  out.status = status;
  out.sequence = reschedules + (status == MeetingStatus::cancelled ? 1 : 0);
  out.reschedules = reschedules;
  out.title = m.title;
  out.location = m.location;
  out.description = m.description;
  out.organizer = m.organizer;
  out.created_at = created_at;
  out.updated_at = created_at;
  out.requested_at = m.requested_at;
  out.attendees = m.attendees;
  for (Attendee& a : out.attendees) a.answered_at.reset();  // answers come through record_answer() only
  return out;
}

Result<std::vector<Attendee>> attendees_without(const Meeting& m, const std::vector<ParticipantId>& remove) {
  std::vector<Attendee> staying = m.attendees;
  for (std::size_t i = 0; i < remove.size(); ++i) {
    auto gone = std::find_if(staying.begin(), staying.end(), [&](const Attendee& a) { return a.id == remove[i]; });
    if (gone == staying.end()) {
      return Error{Errc::invalid_argument, remove[i].value + " is not on meeting " + std::to_string(m.id.value),
                   Location::at_field("without[" + std::to_string(i) + "]")};
    }
    staying.erase(gone);
  }
  if (staying.empty()) return Error{Errc::invalid_argument, "a meeting needs at least one attendee",
                                    Location::at_field("without")};
  return staying;
}

std::vector<Attendee> asked_anew(std::vector<Attendee> attendees, const std::optional<ParticipantId>& organizer) {
  for (Attendee& a : attendees) {
    a.partstat = organizer && a.id == *organizer ? "ACCEPTED" : "NEEDS-ACTION";
    a.answered_at.reset();
  }
  return attendees;
}

OutboxEntry queued_mail(const OutgoingMail& m, Instant at) {
  OutboxEntry e;
  e.meeting = m.meeting;
  e.sequence = m.sequence;
  e.participant = m.participant;
  e.recipient = m.recipient;
  e.method = m.method;
  e.subject = m.subject;
  e.status = m.error.empty() ? MailStatus::queued : MailStatus::failed;
  e.created_at = at;
  e.next_attempt_at = at;
  e.last_error = m.error;
  e.message = m.message;
  return e;
}

namespace {

// "2026-11-23T09:00:00Z".
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

}  // namespace

std::string meeting_json(const Meeting& m) {
  boost::json::array attendees;
  for (const Attendee& a : m.attendees) {
    attendees.push_back({{"id", a.id.value},
                         {"role", a.role == AttendeeRole::required ? "required" : "optional"},
                         {"partstat", a.partstat}});
  }
  boost::json::object o{{"id", m.id.value},
                        {"case_ref", m.case_ref.value},
                        {"start", utc_text(m.when.start)},
                        {"end", utc_text(m.when.end)},
                        {"in_hole", m.in_hole},
                        {"status", m.status == MeetingStatus::scheduled ? "scheduled" : "cancelled"},
                        {"sequence", m.sequence},
                        {"title", m.title},
                        {"location", m.location},
                        {"attendees", std::move(attendees)}};
  return boost::json::serialize(o);
}

std::string professional_json(const Professional& p) {
  boost::json::object o{{"id", p.id.value}, {"name", p.name},   {"profession", p.profession},
                        {"unit", p.unit},   {"email", p.email}, {"calendar_source", p.calendar_source}};
  return boost::json::serialize(o);
}

}  // namespace yhteisaika::store::detail
