#pragma once
// Subscription feeds: one professional's holes and meetings as an iCalendar
// feed (RFC 5545, METHOD:PUBLISH of RFC 5546 §3.2.1, calendar properties of
// RFC 7986) that calendar clients subscribe to by URL and refresh.
//
// Pure: values in, text out. No clock (DTSTAMP is a parameter), no files.
// Output lines end in CRLF and are folded at 75 octets (RFC 5545 §3.1), UTF-8.
// Thread safety: safe to call concurrently.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>
#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

namespace yhteisaika::calendar {

struct Feed {
  // NAME (RFC 7986 §5.1) and X-WR-CALNAME: "Yhteisaika – Anna Virtanen".
  std::string calendar_name;
  // The stable part of the hole's UID: "hole-<owner_key>@yhteisaika.local".
  // Use an identifier (the professional id), never a person's name.
  // REQUIRES: non-empty.
  std::string owner_key;
  // The holes of the feed: those lying wholly inside [span.start, span.end)
  // on working hole days (time::whole_holes).
  time::Interval span;
  // REFRESH-INTERVAL;VALUE=DURATION (RFC 7986 §5.7) and X-PUBLISHED-TTL.
  // Default one hour ("PT1H"). REQUIRES: positive.
  std::chrono::minutes refresh_interval{60};
  // The meetings to show, as selected by the caller (cancelled ones included for
  // as long as the caller wants them seen). Written in this order, with
  // STATUS:CANCELLED and TRANSP:TRANSPARENT when cancelled, STATUS:TENTATIVE
  // when tentative (held).
  std::vector<MeetingEvent> meetings;
  // Holes released unused: every hole that overlaps one of these intervals is
  // left out of the series (an EXDATE), like a holiday.
  std::vector<time::Interval> released_holes;
  // SUMMARY of the hole.
  std::string hole_summary = "Reikä kalenterissa – yhteisasiakkaat";
  // ORGANIZER of the hole (RFC 5546 §3.2.1: a PUBLISH event has one): the
  // service's own mailbox, e.g. {"Yhteisaika", "yhteisaika@hyvinvointialue.fi"}.
  // REQUIRES: an email when the feed has a hole.
  Person hole_organizer;

  auto operator<=>(const Feed&) const = default;
};

// The feed as iCalendar text:
//   VCALENDAR with PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH,
//   NAME, X-WR-CALNAME, REFRESH-INTERVAL, X-PUBLISHED-TTL; one VTIMEZONE
//   (TZID=`zone_name`, offsets from `zone`) when any time is written;
//   the hole as ONE weekly VEVENT:
//     UID:hole-<owner_key>@yhteisaika.local, DTSTAMP=`dtstamp`,
//     DTSTART/DTEND;TZID= the first hole of the span (local rules.hole_start/end),
//     RRULE:FREQ=WEEKLY;BYDAY=<rules.hole_day>;UNTIL=<start of the last hole, UTC>,
//     one EXDATE;TZID= per hole day in between that has no hole (Finnish
//     holidays, rules.closures, released holes), SUMMARY,
//     ORGANIZER;CN=<hole_organizer.name>:mailto:<hole_organizer.email>,
//     TRANSP:OPAQUE, X-YHTEISAIKA-HOLE:TRUE;
//   then one VEVENT per meeting: as in an invite but with DTSTAMP =
//   last_modified (or `dtstamp` when unknown) and without ATTENDEE lines
//   (RFC 5546 §3.2.1: a PUBLISH has none; it also keeps colleagues' addresses
//   out of the feed).
// The series ends at the span's last hole (UNTIL) so that a client never shows
// a hole on a holiday the feed has not checked; a rolling span keeps it going.
// With no hole in the span there is no hole VEVENT. The hole is nobody's
// meeting, so its ORGANIZER is the service that publishes it.
// REQUIRES: as Feed and MeetingEvent say; violations throw std::invalid_argument.
std::string render_feed(const Feed& feed, const time::WorkRules& rules, const time::Zone& zone,
                        std::string_view zone_name, time::Instant dtstamp);

}  // namespace yhteisaika::calendar
