#pragma once
// Private to store/: the rules of store.hpp that need no rows, and the audit
// log's JSON (audit_json.cpp), for rule_store*.cpp. Pure functions.

#include <yhteisaika/store/store.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace yhteisaika::store::detail {

// --- Errors, in the same words wherever they arise ------------------------------
std::string attendee_field(std::size_t i);  // "attendees[2]"
Error no_meeting(MeetingId id);             // Errc::not_found
Error no_professional(const ParticipantId& id);
Error no_case(CaseId id);                   // Errc::not_found
Error no_room(const RoomId& id);            // Errc::not_found
// An import's error, placed at its meeting: "meetings[3].attendees[0]".
Error imported_error(std::size_t i, Error e);

// --- Checks ------------------------------------------------------------------------
// A meeting's own sense: it ends after it starts, has attendees, none twice
// (nor a participant), and is not both remote and in a room.
Result<void> validate(const NewMeeting& m);
// Each meeting as validate() checks it, and reschedules >= 0, and a held one
// has its hold's end; placed at the meeting.
Result<void> validate(const std::vector<ImportedMeeting>& meetings);
// The meeting is there and scheduled: Errc::not_found or Errc::not_scheduled.
Result<Meeting> require_scheduled(std::optional<Meeting> m, MeetingId id);
// The meeting is there and held: Errc::not_found or Errc::not_held.
Result<Meeting> require_held(std::optional<Meeting> m, MeetingId id);
// A room's own sense: an id, a capacity of at least 1.
Result<void> validate(const Room& r);
// A participant's own sense: a label, windows with a day and from < to <= 24 h,
// spans that are not empty.
Result<void> validate(const cases::Participant& p);
// Helsinki's segments are 1-4 (at "segment").
Result<void> validate_segment(std::optional<int> segment);
// When the case was closed: its last move to closed, if it is closed.
std::optional<time::Instant> closed_at(const Case& c);

// --- What a change makes of a meeting --------------------------------------------
// A new meeting as stored: SEQUENCE counts every revision so far (RFC 5545
// §3.8.7.4): each move, and the cancel or expiry. No one has answered yet.
// Its case is `c` (REQUIRES: the meeting's), whose participants' e-mail the
// meeting keeps as it invites them.
Meeting new_meeting(const NewMeeting& m, const Case& c, MeetingStatus status, int reschedules,
                    time::Instant created_at);
// A case as create_case() makes it: at stage identified, with nobody around
// the client yet and no history.
Case new_case(const Case& c);
// The attendees left after taking `remove` off meeting `m`: Errc::invalid_argument
// at "without[i]" for one not on it, at "without" when nobody would be left.
Result<std::vector<Attendee>> attendees_without(const Meeting& m, const std::vector<ParticipantId>& remove);
// Everyone asked anew after a new time (RFC 5546 §2.1.4): NEEDS-ACTION and no
// answer, except the organizer, who moves it, ACCEPTED.
std::vector<Attendee> asked_anew(std::vector<Attendee> attendees, const std::optional<ParticipantId>& organizer);
std::vector<CaseAttendee> asked_anew(std::vector<CaseAttendee> participants);
// A message as queued: failed at once when it could not be built (`error`).
OutboxEntry queued_mail(const OutgoingMail& m, time::Instant at);

// --- The audit log's JSON: what a person reads there (audit_json.cpp) -------------
// Pseudonymous: ids, stages, kinds and times; never a participant's label or e-mail.
std::string meeting_json(const Meeting& m);
std::string professional_json(const Professional& p);
std::string room_json(const Room& r);
std::string case_json(const Case& c);  // without participants and history
std::string stage_json(const Case& c, cases::Stage stage);
std::string participant_json(const Case& c, const cases::Participant& p);
// "2026-11-23T09:00:00Z".
std::string utc_text(time::Instant t);

}  // namespace yhteisaika::store::detail
