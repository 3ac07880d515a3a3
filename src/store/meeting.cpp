#include <yhteisaika/store/store.hpp>

#include <algorithm>

namespace yhteisaika::store {

std::vector<ParticipantId> Meeting::required_declines() const {
  std::vector<ParticipantId> out;
  for (const Attendee& a : attendees) {
    if (a.role == AttendeeRole::required && a.partstat == "DECLINED") out.push_back(a.id);
  }
  return out;
}

AnswerOutcome answer_outcome(const Meeting& m, const ParticipantId& who, int sequence) {
  if (!blocks(m.status)) return AnswerOutcome::cancelled;
  if (sequence != m.sequence) return AnswerOutcome::superseded;
  const bool attends = std::any_of(m.attendees.begin(), m.attendees.end(), [&](const Attendee& a) { return a.id == who; });
  const bool participates = std::any_of(m.participants.begin(), m.participants.end(),
                                        [&](const CaseAttendee& a) { return a.participant == who.value; });
  return attends || participates ? AnswerOutcome::applied : AnswerOutcome::not_attendee;
}

bool is_answer(std::string_view partstat) {
  return partstat == "ACCEPTED" || partstat == "TENTATIVE" || partstat == "DECLINED";
}

}  // namespace yhteisaika::store
