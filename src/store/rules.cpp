#include "rules.hpp"

#include <algorithm>
#include <set>

namespace yhteisaika::store::detail {

using time::Instant;

std::string attendee_field(std::size_t i) { return "attendees[" + std::to_string(i) + "]"; }

Error no_meeting(MeetingId id) { return Error{Errc::not_found, "no meeting " + std::to_string(id.value), {}}; }

Error no_professional(const ParticipantId& id) { return Error{Errc::not_found, "no professional " + id.value, {}}; }

Error no_case(CaseId id) { return Error{Errc::not_found, "no case " + std::to_string(id.value), {}}; }

Error no_room(const RoomId& id) { return Error{Errc::not_found, "no room " + id.value, {}}; }

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
  // An answer names its person by id alone: a participant's id must not be an attendee's.
  for (std::size_t i = 0; i < m.participants.size(); ++i) {
    if (!seen.insert(ParticipantId{m.participants[i].participant}).second) {
      return Error{Errc::invalid_argument, m.participants[i].participant + " is listed twice",
                   Location::at_field("participants[" + std::to_string(i) + "]")};
    }
  }
  if (m.remote && m.room) return Error{Errc::invalid_argument, "a remote meeting takes no room", Location::at_field("room")};
  return {};
}

Result<void> validate(const std::vector<ImportedMeeting>& meetings) {
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    if (auto valid = validate(meetings[i].meeting); !valid) return imported_error(i, valid.error());
    if (meetings[i].reschedules < 0) {
      return imported_error(i, Error{Errc::invalid_argument, "reschedules must not be negative",
                                     Location::at_field("reschedules")});
    }
    if (meetings[i].status == MeetingStatus::held && !meetings[i].meeting.hold_expires_at) {
      return imported_error(i, Error{Errc::invalid_argument, "a held meeting needs its hold's end", Location::at_field("hold_expires_at")});
    }
  }
  return {};
}

Result<Meeting> require_scheduled(std::optional<Meeting> m, MeetingId id) {
  if (!m) return no_meeting(id);
  if (m->status != MeetingStatus::scheduled) {
    const std::string why = m->status == MeetingStatus::held ? "held (release the hold instead)" : to_string(m->status);
    return Error{Errc::not_scheduled, "meeting " + std::to_string(id.value) + " is " + why, {}};
  }
  return std::move(*m);
}

Result<Meeting> require_held(std::optional<Meeting> m, MeetingId id) {
  if (!m) return no_meeting(id);
  if (m->status != MeetingStatus::held) {
    return Error{Errc::not_held,
                 "meeting " + std::to_string(id.value) + " is " + to_string(m->status) + ", not held", {}};
  }
  return std::move(*m);
}

Result<void> validate(const Room& r) {
  if (r.id.value.empty()) return Error{Errc::invalid_argument, "a room needs an id", Location::at_field("id")};
  if (r.capacity < 1) return Error{Errc::invalid_argument, "a room holds at least one person", Location::at_field("capacity")};
  return {};
}

Result<void> validate(const cases::Participant& p) {
  if (p.label.empty()) return Error{Errc::invalid_argument, "a participant needs a label (a role word)", Location::at_field("label")};
  for (std::size_t i = 0; i < p.availability.size(); ++i) {
    const cases::WeeklyWindow& w = p.availability[i];
    const Location at = Location::at_field("availability[" + std::to_string(i) + "]");
    if (std::none_of(w.days.begin(), w.days.end(), [](bool d) { return d; })) {
      return Error{Errc::invalid_argument, "a weekly window needs at least one day", at};
    }
    if (w.from < std::chrono::minutes{0} || w.to > std::chrono::hours{24} || w.from >= w.to) {
      return Error{Errc::invalid_argument, "a weekly window must end after it starts, within the day", at};
    }
  }
  for (std::size_t i = 0; i < p.unavailable.size(); ++i) {
    if (p.unavailable[i].empty()) {
      return Error{Errc::invalid_argument, "an unavailable span must end after it starts",
                   Location::at_field("unavailable[" + std::to_string(i) + "]")};
    }
  }
  return {};
}

Result<void> validate_segment(std::optional<int> segment) {
  if (segment && (*segment < 1 || *segment > 4)) {
    return Error{Errc::invalid_argument, "a segment is 1, 2, 3 or 4", Location::at_field("segment")};
  }
  return {};
}

std::optional<time::Instant> closed_at(const Case& c) {
  if (c.stage != cases::Stage::closed) return std::nullopt;
  for (auto move = c.history.rbegin(); move != c.history.rend(); ++move) {
    if (move->to == cases::Stage::closed) return move->at;
  }
  return std::nullopt;  // closed without a recorded move: never by this store
}

Meeting new_meeting(const NewMeeting& m, const Case& c, MeetingStatus status, int reschedules, Instant created_at) {
  Meeting out;
  out.case_ref = c.ref;
  out.case_id = c.id;
  out.when = m.when;
  out.in_hole = m.in_hole;
  out.status = status;
  const bool ended = status == MeetingStatus::cancelled || status == MeetingStatus::expired;
  out.sequence = reschedules + (ended ? 1 : 0);
  out.reschedules = reschedules;
  out.kind = m.kind;
  out.room = m.room;
  out.remote = m.remote;
  out.hold_expires_at = m.hold_expires_at;
  out.title = m.title;
  out.location = m.location;
  out.description = m.description;
  out.organizer = m.organizer;
  out.created_at = created_at;
  out.updated_at = created_at;
  out.requested_at = m.requested_at;
  out.attendees = m.attendees;
  for (Attendee& a : out.attendees) a.answered_at.reset();  // answers come through record_answer() only
  out.participants = m.participants;
  for (CaseAttendee& a : out.participants) {
    a.answered_at.reset();
    auto p = std::find_if(c.participants.begin(), c.participants.end(),
                          [&](const cases::Participant& x) { return x.id == a.participant; });
    a.email = p != c.participants.end() ? p->email : std::nullopt;
  }
  return out;
}

Case new_case(const Case& c) {
  Case out = c;
  out.id = CaseId{};
  out.stage = cases::Stage::identified;
  out.participants.clear();
  out.history.clear();
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

std::vector<CaseAttendee> asked_anew(std::vector<CaseAttendee> participants) {
  for (CaseAttendee& a : participants) {
    a.partstat = "NEEDS-ACTION";
    a.answered_at.reset();
  }
  return participants;
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

}  // namespace yhteisaika::store::detail
