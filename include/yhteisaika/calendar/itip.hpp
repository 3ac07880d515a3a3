#pragma once
// Invites: a booked meeting as an iTIP message (RFC 5546) in iCalendar text
// (RFC 5545), ready to attach to an e-mail as text/calendar; method=REQUEST or
// method=CANCEL.
//
// Pure: values in, text out. No clock (DTSTAMP is a parameter), no files.
// Output lines end in CRLF and are folded at 75 octets (RFC 5545 §3.1), UTF-8.
// Thread safety: safe to call concurrently.

#include <string>
#include <string_view>
#include <vector>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

namespace yhteisaika::calendar {

// A person on a meeting: the coordinator (organizer) or a professional.
struct Person {
  // Display name, written as the CN parameter ("Anna Virtanen"); may be empty
  // (then no CN). Any text is safe: it is quoted and caret-encoded (RFC 6868).
  std::string name;
  // The calendar address. An e-mail address ("anna.virtanen@example.fi") is
  // written as "mailto:anna.virtanen@example.fi". A value that already is a URI
  // (contains ':') is written as is: a person without e-mail gets one from the
  // caller, e.g. "urn:yhteisaika:participant:laakari-1".
  // REQUIRES: non-empty (rendering throws std::invalid_argument otherwise: a bug).
  std::string email;

  auto operator<=>(const Person&) const = default;
};

struct InviteAttendee {
  Person person;
  // ROLE=REQ-PARTICIPANT when true, ROLE=OPT-PARTICIPANT when false (RFC 5545 §3.2.16).
  bool required = true;
  // PARTSTAT (RFC 5545 §3.2.12): "NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE".
  std::string partstat = "NEEDS-ACTION";
  // The profession ("lääkäri"), written as the parameter X-YHTEISAIKA-PROFESSION
  // when non-empty (clients show CN; this keeps CN a name).
  std::string role_label;
  // RSVP (RFC 5545 §3.2.17) in a REQUEST: TRUE asks for a reply, FALSE does not
  // (the coordinator, who organizes the meeting and attends it as ACCEPTED).
  bool rsvp = true;
  // A room the meeting takes, not a person: CUTYPE=ROOM (RFC 5545 §3.2.3) and
  // ROLE=NON-PARTICIPANT (§3.2.16) instead of `required`'s role.
  bool room = false;
  // Someone of the case's circle, not a professional: their kind ("close_one"),
  // written as the parameter X-YHTEISAIKA-PARTICIPANT-KIND when non-empty; CN
  // is then their label, a role word ("Äiti"), never a name.
  std::string participant_kind{};

  auto operator<=>(const InviteAttendee&) const = default;
};

struct MeetingEvent {
  // Stable across updates and the cancel ("meeting-42@yhteisaika.local").
  // REQUIRES: non-empty.
  std::string uid;
  // RFC 5546 §2.1.4: the caller increments it on every significant change,
  // including the cancel, so clients apply the newest message.
  int sequence = 0;
  // [start, end) as instants; written as local times with TZID. REQUIRES: non-empty.
  time::Interval when;
  // SUMMARY, built by the caller from the case reference ("Omatiimi: YA-2026-0042").
  // Never a client's name.
  std::string summary;
  // LOCATION and DESCRIPTION; each line is left out when empty. Any text is safe
  // (escaped by RFC 5545 §3.3.11).
  std::string location;
  std::string description;
  // The coordinator: ORGANIZER.
  Person organizer;
  // ATTENDEE lines, in this order.
  std::vector<InviteAttendee> attendees;
  // Read by feeds only (STATUS:CANCELLED, TRANSP:TRANSPARENT there); an invite's
  // STATUS follows its method.
  bool cancelled = false;
  // Held, not yet confirmed (RFC 5545 §3.8.1.11 STATUS:TENTATIVE), in invites
  // and feeds alike; `cancelled` wins.
  bool tentative = false;
  // The meeting lies in the hole: X-YHTEISAIKA-IN-HOLE:TRUE (informational).
  bool in_hole = false;
  // LAST-MODIFIED (UTC), and the meeting's DTSTAMP in feeds. The epoch (the
  // default) means unknown: no LAST-MODIFIED, and feeds use their own dtstamp.
  time::Instant last_modified{};

  auto operator<=>(const MeetingEvent&) const = default;
};

enum class ItipMethod {
  request,  // RFC 5546 §3.2.2: invite or update; STATUS:CONFIRMED (TENTATIVE when held), RSVP per attendee
  cancel,   // RFC 5546 §3.2.5: the whole meeting is cancelled; STATUS:CANCELLED
};

// One iTIP message: VCALENDAR with PRODID, VERSION:2.0, CALSCALE:GREGORIAN,
// METHOD:REQUEST|CANCEL, one VTIMEZONE with TZID=`zone_name` (offsets from
// `zone`), and one VEVENT:
//   UID, SEQUENCE, DTSTAMP (`dtstamp`, UTC), DTSTART/DTEND;TZID=`zone_name` in
//   local time, SUMMARY, LOCATION?, DESCRIPTION?, ORGANIZER;CN=..:mailto:..,
//   one ATTENDEE;CN=..;ROLE=..;PARTSTAT=..[;RSVP=TRUE|FALSE] per attendee (RSVP
//   only in a REQUEST, as the attendee's `rsvp` says), STATUS, TRANSP:OPAQUE,
//   LAST-MODIFIED?, X-YHTEISAIKA-IN-HOLE?.
// A CANCEL carries every attendee, as RFC 5546 §3.2.5 asks for a whole-meeting
// cancel, and the same UID as the REQUEST.
// `dtstamp` is the time the message is made ("now", given by the caller).
// `zone_name` is the TZID, normally zone.name() ("Europe/Helsinki").
// REQUIRES: as MeetingEvent and Person say; violations throw std::invalid_argument.
std::string render_itip(ItipMethod method, const MeetingEvent& meeting, time::Instant dtstamp, const time::Zone& zone,
                        std::string_view zone_name);

}  // namespace yhteisaika::calendar
