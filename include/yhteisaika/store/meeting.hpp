#pragma once
// The store's meetings and rooms as values (store.hpp keeps them). A meeting
// belongs to a case (cases/case.hpp): its professionals are Attendees, the
// people around the client it invites are CaseAttendees, and it may take a Room.
//
// Intervals are HALF-OPEN [start, end) (time/interval.hpp).

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/interval.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::store {

// One case type for the whole service: the case of cases/case.hpp. A case's
// meetings name it by its reference (case_ref) and its id.
using Case = cases::Case;
using cases::CaseId;

// A booked meeting's key, assigned by the store.
struct MeetingId {
  std::int64_t value = 0;
  auto operator<=>(const MeetingId&) const = default;
};

// A room meetings can take. `calendar_source` says where its calendar comes
// from, as for a professional (a file name, an ICS URL or a CalDAV URL).
struct Room {
  RoomId id;
  std::string name;
  std::string location;  // what a meeting in it shows as LOCATION
  int capacity = 0;      // people; REQUIRES: >= 1
  std::string calendar_source;
  bool operator==(const Room&) const = default;
};

// scheduled: booked. held: booked until hold_expires_at, waiting to be
// confirmed (it blocks its slot and room exactly as a scheduled one does).
// cancelled: called off. expired: a hold released or run out. Only scheduled
// and held meetings block anything.
enum class MeetingStatus { scheduled, cancelled, held, expired };
enum class AttendeeRole { required, optional };

// Whether a meeting of this status takes its attendees' time and its room.
constexpr bool blocks(MeetingStatus s) { return s == MeetingStatus::scheduled || s == MeetingStatus::held; }

// "scheduled", "cancelled", "held" or "expired".
constexpr const char* to_string(MeetingStatus s) {
  switch (s) {
    case MeetingStatus::scheduled:
      return "scheduled";
    case MeetingStatus::cancelled:
      return "cancelled";
    case MeetingStatus::held:
      return "held";
    case MeetingStatus::expired:
      return "expired";
  }
  return "scheduled";
}

// A professional on a meeting.
struct Attendee {
  ParticipantId id;
  AttendeeRole role = AttendeeRole::required;
  std::string partstat = "NEEDS-ACTION";  // RFC 5545 §3.2.12 PARTSTAT value
  // When they answered (record_answer); unset until then, and again after a
  // reschedule, which asks everyone anew.
  std::optional<time::Instant> answered_at;
  bool operator==(const Attendee&) const = default;
};

// One of the case's participants (cases::Participant, "p1") on a meeting.
struct CaseAttendee {
  std::string participant;  // the participant's id within the meeting's case
  AttendeeRole role = AttendeeRole::required;
  std::string partstat = "NEEDS-ACTION";
  // The address the invite goes to: the participant's e-mail when the meeting
  // was booked (the store copies it; what a NewMeeting says is ignored). Erased
  // with the participant's contact data.
  std::optional<std::string> email;
  std::optional<time::Instant> answered_at;
  bool operator==(const CaseAttendee&) const = default;
};

// What a coordinator asks to book.
struct NewMeeting {
  CaseRef case_ref;  // may be left empty when case_id names the case
  // The case by id (a case meeting); when set, case_ref is taken from the case
  // (REQUIRES: case_ref empty or the case's).
  std::optional<CaseId> case_id;
  time::Interval when;   // REQUIRES: !when.empty()
  bool in_hole = false;  // inside the team's common hole
  std::vector<Attendee> attendees;  // REQUIRES: not empty, no id twice, every id a Professional
  // The case's participants attending. REQUIRES: the meeting's case has each, no id twice.
  std::vector<CaseAttendee> participants;
  cases::MeetingKind kind = cases::MeetingKind::other;
  std::optional<RoomId> room;  // the room it takes (REQUIRES: a Room; not with `remote`)
  bool remote = false;
  // When set, the meeting is held until then instead of scheduled (REQUIRES:
  // after the booking's time).
  std::optional<time::Instant> hold_expires_at;
  std::string title;        // shown after the case reference; never a client's name
  std::string location;
  std::string description;
  std::optional<ParticipantId> organizer;  // the coordinator who convenes it, if a professional
  time::Instant requested_at;  // when the need was put to the solver (for lead-time figures)
  // When set, the case is saved in the booking's own transaction: one durable
  // commit instead of two. A new case is created from it (at stage identified,
  // with its coordinator, identified_on, trigger, segment and team); a case that
  // exists takes its coordinator and identified_on only. REQUIRES:
  // case_record->ref == case_ref.
  std::optional<Case> case_record;
};

struct Meeting {
  MeetingId id;
  CaseRef case_ref;
  std::optional<CaseId> case_id;  // the case of case_ref (set for every meeting the store keeps)
  time::Interval when;
  bool in_hole = false;
  MeetingStatus status = MeetingStatus::scheduled;
  int sequence = 0;  // RFC 5545 §3.8.7.4 SEQUENCE: raised by each reschedule, cancel, confirm or release
  int reschedules = 0;  // how many times reschedule_meeting() moved it
  cases::MeetingKind kind = cases::MeetingKind::other;
  std::optional<RoomId> room;
  bool remote = false;
  // Until when a hold lasts; kept after the hold is confirmed or expires (so a
  // scheduled meeting with one was a confirmed hold).
  std::optional<time::Instant> hold_expires_at;
  std::string title;
  std::string location;
  std::string description;
  std::optional<ParticipantId> organizer;
  time::Instant created_at;
  time::Instant updated_at;  // the last booking, reschedule, cancel, confirm or release (LAST-MODIFIED)
  time::Instant requested_at;
  std::vector<Attendee> attendees;         // in the order booked
  std::vector<CaseAttendee> participants;  // in the order booked
  bool operator==(const Meeting&) const = default;

  // Required attendees who declined: a scheduled meeting with any needs a new time
  // or a decision to go on without them.
  std::vector<ParticipantId> required_declines() const;
};

// A meeting as it was, for import_meetings(): demo data, or bookings kept
// before Yhteisaika. Its times are historical, not "now".
struct ImportedMeeting {
  NewMeeting meeting;  // REQUIRES: as for book_meetings(); case_record set for a new case
  MeetingStatus status = MeetingStatus::scheduled;  // held REQUIRES meeting.hold_expires_at
  int reschedules = 0;       // REQUIRES: >= 0
  time::Instant created_at;  // when it was booked (also its last change)
};

}  // namespace yhteisaika::store
