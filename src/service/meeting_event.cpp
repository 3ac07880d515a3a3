#include "meeting_event.hpp"

#include <yhteisaika/cases/words.hpp>

#include <algorithm>

#include <charconv>

namespace yhteisaika::service {

namespace {
constexpr std::string_view kUidPrefix = "meeting-";
constexpr std::string_view kUidSuffix = "@yhteisaika.local";
}  // namespace

People by_id(std::vector<store::Professional> people) {
  People out;
  for (auto& p : people) out.emplace(p.id, std::move(p));
  return out;
}

const cases::Participant* in_circle(const Circle& circle, const std::string& id) {
  auto it = std::find_if(circle.begin(), circle.end(), [&](const cases::Participant& p) { return p.id == id; });
  return it == circle.end() ? nullptr : &*it;
}

Result<Circle> circle_of(store::Store& store, const store::Meeting& m) {
  Circle out;
  if (m.participants.empty() || !m.case_id) return out;
  auto c = store.case_by_id(*m.case_id);
  if (!c) return c.error();
  for (const store::CaseAttendee& a : m.participants) {
    if (const cases::Participant* p = in_circle(c->participants, a.participant)) out.push_back(*p);
  }
  return out;
}

std::string meeting_uid(store::MeetingId id) {
  return std::string(kUidPrefix) + std::to_string(id.value) + std::string(kUidSuffix);
}

std::optional<store::MeetingId> meeting_of_uid(std::string_view uid) {
  if (!uid.starts_with(kUidPrefix) || !uid.ends_with(kUidSuffix)) return std::nullopt;
  const std::string_view digits = uid.substr(kUidPrefix.size(), uid.size() - kUidPrefix.size() - kUidSuffix.size());
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || value <= 0) return std::nullopt;
  return store::MeetingId{value};
}

std::string meeting_summary(const store::Meeting& m) {
  std::string summary = "Omatiimi: " + m.case_ref.value;
  if (!m.title.empty()) summary += " – " + m.title;
  return summary;
}

calendar::Person person_of(const store::Professional& p) {
  return {p.name, p.email.empty() ? "urn:yhteisaika:participant:" + p.id.value : p.email};
}

std::optional<store::Room> room_of(store::Store& store, const store::Meeting& m) {
  if (!m.room) return std::nullopt;
  auto room = store.room(*m.room);
  if (!room) return std::nullopt;
  return std::move(*room);
}

bool called_off(const store::Meeting& m) {
  return m.status == store::MeetingStatus::cancelled || m.status == store::MeetingStatus::expired;
}

calendar::MeetingEvent event_of(const store::Meeting& m, const People& people, const config::Config& config,
                                const Circle& circle, const std::optional<store::Room>& room) {
  calendar::MeetingEvent e;
  e.uid = meeting_uid(m.id);
  e.sequence = m.sequence;
  e.when = m.when;
  e.summary = meeting_summary(m);
  e.location = m.location;
  e.description = m.description;
  e.organizer = {config.mail_from_name, config.organizer_email};
  if (m.organizer) {
    if (auto it = people.find(*m.organizer); it != people.end()) {
      e.organizer = config.smtp.url.empty() ? person_of(it->second)
                                            : calendar::Person{it->second.name, config.organizer_email};
    }
  }
  for (const auto& a : m.attendees) {
    calendar::InviteAttendee attendee;
    if (auto it = people.find(a.id); it != people.end()) {
      attendee.person = person_of(it->second);
      attendee.role_label = it->second.profession;
    } else {
      attendee.person = {a.id.value, "urn:yhteisaika:participant:" + a.id.value};
    }
    attendee.required = a.role == store::AttendeeRole::required;
    attendee.partstat = a.partstat;
    // The coordinator organizes the meeting: they attend it, and nobody asks them to answer.
    attendee.rsvp = a.id != m.organizer;
    e.attendees.push_back(std::move(attendee));
  }
  for (const auto& a : m.participants) {
    const cases::Participant* p = in_circle(circle, a.participant);
    if (!a.email || a.email->empty()) continue;  // no calendar address: see coordinator_copy
    calendar::InviteAttendee attendee;
    attendee.person = {p ? p->label : a.participant, *a.email};
    attendee.participant_kind = p ? std::string(cases::to_string(p->kind)) : "other";
    attendee.required = a.role == store::AttendeeRole::required;
    attendee.partstat = a.partstat;
    e.attendees.push_back(std::move(attendee));
  }
  if (room) {
    calendar::InviteAttendee taken;
    taken.person = {room->name, "urn:yhteisaika:room:" + room->id.value};
    taken.required = false;
    taken.partstat = "ACCEPTED";
    taken.rsvp = false;
    taken.room = true;
    e.attendees.push_back(std::move(taken));
  }
  e.cancelled = called_off(m);
  e.tentative = m.status == store::MeetingStatus::held;
  e.in_hole = m.in_hole;
  e.last_modified = m.updated_at;
  return e;
}

calendar::MeetingEvent coordinator_copy(calendar::MeetingEvent event, const store::Meeting& m, const Circle& circle) {
  std::string listed;
  for (const auto& a : m.participants) {
    if (a.email && !a.email->empty()) continue;
    const cases::Participant* p = in_circle(circle, a.participant);
    listed += (listed.empty() ? "" : ", ") + (p ? p->label + " (" + std::string(cases::finnish_word(p->kind)) + ")"
                                                : a.participant);
  }
  if (listed.empty()) return event;
  if (!event.description.empty()) event.description += "\n";
  event.description += "Osallistujat ilman sähköpostia: " + listed;
  return event;
}

}  // namespace yhteisaika::service
