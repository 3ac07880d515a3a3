#pragma once
// Printing and reading times at the edges. Output is RFC 3339 with the local
// offset of the zone ("2026-11-25T14:30:00+02:00").

#include <yhteisaika/error.hpp>
#include <yhteisaika/time/zone.hpp>

#include <string>
#include <string_view>

namespace yhteisaika::time {

// "2026-11-25T14:30:00+02:00" (offset "+00:00" for UTC; never "Z").
std::string format_rfc3339(Instant t, const Zone& zone);

// Appends the same text to `out` without other allocation: for large outputs.
void append_rfc3339(std::string& out, Instant t, const Zone& zone);

// Reads a wall-clock time given by a user: "2026-11-23T09:00", "2026-11-23T09:00:00"
// or a date "2026-11-23" (midnight). A trailing offset ("+02:00", "Z") is accepted
// too and then the time is that instant. Checks ranges (month 13, 30 Feb, 25:00 are
// errors). The error's `where` is left empty for the caller to fill (flag or field).
Result<Instant> parse_user_time(std::string_view text, const Zone& zone);

}  // namespace yhteisaika::time
