#pragma once
// The error codes of calendar/, as std::error_code (like Beast's http::error).

#include <system_error>

namespace yhteisaika::calendar {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  not_a_calendar = 1,    // no VCALENDAR, or text that is not iCalendar at all
  unbalanced,            // BEGIN/END do not pair up
  invalid_value,         // a date, time, duration or period that is invalid (month 13, ...)
  invalid_rule,          // an RRULE that is invalid
  unknown_timezone,      // a TZID with no VTIMEZONE, not IANA, not a known Windows name
  too_many_occurrences,  // a series exceeds ExpandOptions::max_occurrences_per_series
  not_a_reply,           // an iTIP message that is not a usable REPLY (itip_reply.hpp)
};
const std::error_category& calendar_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::calendar

template <>
struct std::is_error_code_enum<yhteisaika::calendar::Errc> : std::true_type {};
