#pragma once
// Private to service/: a stored meeting as the calendar module's MeetingEvent,
// shared by invite.ics, feeds and the iMIP mail, so every channel says the same.

#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/config/config.hpp>
#include <yhteisaika/store/store.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::service {

using People = std::map<ParticipantId, store::Professional>;

People by_id(std::vector<store::Professional> people);

// The case's participants a meeting invites, as the case has them (CaseMeetings::circle).
using Circle = std::vector<cases::Participant>;

// The participant `id` of `circle`, if it has them.
const cases::Participant* in_circle(const Circle& circle, const std::string& id);

// The case's participants that `m` invites, as its case has them now (one
// removed from the case since is left out). Empty for a meeting that invites none.
Result<Circle> circle_of(store::Store& store, const store::Meeting& m);

// "meeting-42@yhteisaika.local": stable for the meeting's life (RFC 5545 §3.8.4.7).
std::string meeting_uid(store::MeetingId id);
// The meeting a UID of ours names; nullopt for any other UID.
std::optional<store::MeetingId> meeting_of_uid(std::string_view uid);

// "Omatiimi: YA-2026-0042 – title": the case reference, never a client's name.
std::string meeting_summary(const store::Meeting& m);

calendar::Person person_of(const store::Professional& p);

// The ORGANIZER is the coordinator. With e-mail on (config.smtp.url), their name
// on the service's mailbox (config.organizer_email): calendar clients send their
// REPLY to the ORGANIZER address (RFC 6047 §2.2), and that is the mailbox the
// service reads. Without e-mail, the coordinator's own address.
// Whether the meeting is off: cancelled, or a hold released or run out
// (expired). Every channel then says CANCEL / STATUS:CANCELLED.
bool called_off(const store::Meeting& m);

// Called-off meetings are `cancelled`, held ones `tentative`.
//
// The case's participants on the meeting (`circle`: CaseMeetings::circle) who
// have an e-mail address are ATTENDEEs like the professionals: CN their label
// (a role word) and X-YHTEISAIKA-PARTICIPANT-KIND their kind. Those without one
// have no calendar address; the coordinator's copy names them (coordinator_copy).
// With `room` (the room m.room names), the room is the last ATTENDEE:
// CUTYPE=ROOM, ROLE=NON-PARTICIPANT, PARTSTAT=ACCEPTED (it was booked), no RSVP.
calendar::MeetingEvent event_of(const store::Meeting& m, const People& people, const config::Config& config,
                                const Circle& circle = {}, const std::optional<store::Room>& room = std::nullopt);

// The room meeting `m` takes, if any (nullopt too when it cannot be read: the
// invite then lists no room, while LOCATION still names it).
std::optional<store::Room> room_of(store::Store& store, const store::Meeting& m);

// The coordinator's copy of `event`: its DESCRIPTION ends with the line
// "Osallistujat ilman sähköpostia: Äiti (läheinen), Asiakas (asiakas)" naming
// the meeting's participants without an e-mail address by label and kind (in
// Finnish), when it has any; else `event` as it is.
calendar::MeetingEvent coordinator_copy(calendar::MeetingEvent event, const store::Meeting& m, const Circle& circle);

}  // namespace yhteisaika::service
