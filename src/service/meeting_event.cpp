#include "meeting_event.hpp"

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

bool called_off(const store::Meeting& m) {
  return m.status == store::MeetingStatus::cancelled || m.status == store::MeetingStatus::expired;
}

calendar::MeetingEvent event_of(const store::Meeting& m, const People& people, const config::Config& config) {
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
  e.cancelled = called_off(m);
  e.tentative = m.status == store::MeetingStatus::held;
  e.in_hole = m.in_hole;
  e.last_modified = m.updated_at;
  return e;
}

}  // namespace yhteisaika::service
