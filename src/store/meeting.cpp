#include <yhteisaika/store/store.hpp>

namespace yhteisaika::store {

std::vector<ParticipantId> Meeting::required_declines() const {
  std::vector<ParticipantId> out;
  for (const Attendee& a : attendees) {
    if (a.role == AttendeeRole::required && a.partstat == "DECLINED") out.push_back(a.id);
  }
  return out;
}

}  // namespace yhteisaika::store
