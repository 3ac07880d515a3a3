#pragma once
// Private to calendar/: writing iCalendar text (RFC 5545 §3.1 content lines,
// §3.3 value types, §3.6.5 VTIMEZONE) for invites (itip.cpp) and feeds (feed.cpp).
//
// Every line the writer emits ends in CRLF and is folded at 75 octets without
// splitting a UTF-8 sequence. Values never break a content line: control
// characters in them are escaped (TEXT), caret-encoded (parameters) or dropped
// (other values).

#include <chrono>
#include <string>
#include <string_view>
#include <vector>
#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

namespace yhteisaika::calendar::detail {

// A property parameter; `value` is plain text that the writer encodes.
struct Param {
  std::string_view name;
  std::string_view value;
};

class IcsWriter {
 public:
  void begin(std::string_view component);
  void end(std::string_view component);

  // NAME;PARAM=...:value with `value` written as given (already in its value
  // type's syntax: DATE-TIME, URI, RECUR, ...), minus any control characters.
  void raw(std::string_view name, std::string_view value, const std::vector<Param>& params = {});

  // A TEXT value (RFC 5545 §3.3.11), escaped.
  void text(std::string_view name, std::string_view value);

  // The calendar so far.
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void emit(const std::string& line);

  std::string out_;
};

// RFC 5545 §3.3.11: backslash, semicolon, comma and newlines (CRLF, LF, CR become
// "\n") escaped; other control characters except HTAB dropped.
std::string escape_text(std::string_view text);

// RFC 5545 §3.2 param-value: quoted when it contains ';', ':' or ','. A DQUOTE,
// a newline and '^' are caret-encoded (RFC 6868: ^' ^n ^^); other control
// characters are dropped.
std::string param_value(std::string_view value);

// RFC 5545 §3.1: `line` (no line break) as physical lines of at most 75 octets,
// each continuation starting with one space, each ending in CRLF. A fold never
// splits a UTF-8 sequence.
void append_folded(std::string& out, std::string_view line);

// RFC 5545 §3.3.5 forms: "20261125T123000Z" (UTC) and "20261125T143000" (local).
std::string utc_date_time(time::Instant t);
std::string local_date_time(time::LocalTime t);

// RFC 5545 §3.3.6: "PT1H", "PT1H30M", "P1D". REQUIRES: d > 0, whole minutes.
std::string duration_value(std::chrono::minutes d);

// RFC 5545 §3.3.14: "+0200", "-0330", "+013215" (seconds only when non-zero).
std::string utc_offset_value(std::chrono::seconds offset);

// RFC 5545 §3.3.10 weekday: "MO" ... "SU".
std::string_view weekday_value(std::chrono::weekday wd);

// The calendar-address of a person (RFC 5545 §3.3.3): "mailto:" + email, or the
// email field as is when it already is a URI (contains ':').
// REQUIRES: !person.email.empty() (throws std::invalid_argument otherwise).
std::string cal_address(const Person& person);

// BEGIN:VCALENDAR with PRODID, VERSION:2.0, CALSCALE:GREGORIAN and METHOD.
void begin_calendar(IcsWriter& w, std::string_view method);

// A VTIMEZONE (RFC 5545 §3.6.5) with TZID `tzid` that gives `zone`'s offsets at
// every instant of `covered` (and about a year either side). Observances whose
// changes follow a yearly rule over those years get an RRULE
// (FREQ=YEARLY;BYMONTH=..;BYDAY=..), others one DTSTART plus RDATEs. An
// observance is DAYLIGHT when it raises the offset and the zone returns to the
// earlier offset within a year, otherwise STANDARD. No TZNAME: time::Zone knows
// offsets only.
void write_vtimezone(IcsWriter& w, const time::Zone& zone, std::string_view tzid, time::Interval covered);

// How a meeting's VEVENT is written.
enum class MeetingStyle {
  request,  // iTIP REQUEST: STATUS:CONFIRMED, attendees with RSVP=TRUE (FALSE for one not asked)
  cancel,   // iTIP CANCEL: STATUS:CANCELLED, attendees without RSVP
  publish,  // feed: STATUS from meeting.cancelled, no attendees (RFC 5546 §3.2.1)
};

// The VEVENT of one meeting (implemented in itip.cpp; feed.cpp reuses it).
// Times are written with TZID=`tzid` through `zone`.
// REQUIRES: uid and organizer email non-empty, when non-empty (throws
// std::invalid_argument otherwise).
void write_meeting(IcsWriter& w, const MeetingEvent& meeting, MeetingStyle style, time::Instant dtstamp,
                   const time::Zone& zone, std::string_view tzid);

}  // namespace yhteisaika::calendar::detail
