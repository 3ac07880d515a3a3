#pragma once
// Private to store/: the rules of store.hpp that need no rows, and the audit
// log's JSON, for rule_store.cpp. Pure functions.

#include <yhteisaika/store/store.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace yhteisaika::store::detail {

// --- Errors, in the same words wherever they arise ------------------------------
std::string attendee_field(std::size_t i);  // "attendees[2]"
Error no_meeting(MeetingId id);             // Errc::not_found
Error no_professional(const ParticipantId& id);
// An import's error, placed at its meeting: "meetings[3].attendees[0]".
Error imported_error(std::size_t i, Error e);

// --- Checks ------------------------------------------------------------------------
// A meeting's own sense: it ends after it starts, has attendees, none twice.
Result<void> validate(const NewMeeting& m);
// Each meeting as validate() checks it, and reschedules >= 0; placed at the meeting.
Result<void> validate(const std::vector<ImportedMeeting>& meetings);
// The meeting is there and scheduled: Errc::not_found or Errc::not_scheduled.
Result<Meeting> require_scheduled(std::optional<Meeting> m, MeetingId id);

// --- What a change makes of a meeting --------------------------------------------
// A new meeting as stored: SEQUENCE counts every revision so far (RFC 5545
// §3.8.7.4): each move, and the cancel. No one has answered yet.
Meeting new_meeting(const NewMeeting& m, MeetingStatus status, int reschedules, time::Instant created_at);
// The attendees left after taking `remove` off meeting `m`: Errc::invalid_argument
// at "without[i]" for one not on it, at "without" when nobody would be left.
Result<std::vector<Attendee>> attendees_without(const Meeting& m, const std::vector<ParticipantId>& remove);
// Everyone asked anew after a new time (RFC 5546 §2.1.4): NEEDS-ACTION and no
// answer, except the organizer, who moves it, ACCEPTED.
std::vector<Attendee> asked_anew(std::vector<Attendee> attendees, const std::optional<ParticipantId>& organizer);
// A message as queued: failed at once when it could not be built (`error`).
OutboxEntry queued_mail(const OutgoingMail& m, time::Instant at);

// --- The audit log's JSON: what a person reads there -------------------------------
std::string meeting_json(const Meeting& m);
std::string professional_json(const Professional& p);

}  // namespace yhteisaika::store::detail
