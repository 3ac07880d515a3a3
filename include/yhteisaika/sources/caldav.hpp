#pragma once
// The CalDAV side of sources/: the calendar-query REPORT we send (RFC 4791 §7.8)
// and the DAV:multistatus answer we read (RFC 4918 §13). The parser is small and
// strict: namespaces are resolved (any prefix, or a default namespace), entities
// and CDATA are decoded, a DOCTYPE is refused (no entity expansion), and only
// calendar-data inside a propstat whose status is 200 is taken.
//
// Thread safety: pure functions over values.

#include <yhteisaika/error.hpp>
#include <yhteisaika/time/interval.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::sources {

inline constexpr std::string_view kDavNamespace = "DAV:";
inline constexpr std::string_view kCalDavNamespace = "urn:ietf:params:xml:ns:caldav";

// The REPORT body: every VEVENT overlapping `range` (RFC 4791 §9.9 time-range,
// in UTC), with its calendar-data unexpanded so that our own engine expands it.
std::string calendar_query_body(time::Interval range);

struct CalendarObject {
  std::string href;  // the DAV:href of the response, as sent
  std::string data;  // the iCalendar text (RFC 5545), entities decoded
  bool operator==(const CalendarObject&) const = default;
};

// The calendar objects of a multistatus answer, in document order. Errc::bad_multistatus
// (with "line N" as where) when the text is not well-formed XML or not a DAV:multistatus.
Result<std::vector<CalendarObject>> parse_multistatus(std::string_view xml);

}  // namespace yhteisaika::sources
