#pragma once
// HTTP dates (RFC 9110 §5.6.7) for Date, Last-Modified and If-Modified-Since.
// Pure; thread-safe.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace yhteisaika::http {

// The IMF-fixdate form servers send: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::sys_seconds t);

// Any of the three forms a recipient must accept (§5.6.7): IMF-fixdate, the
// obsolete RFC 850 form "Sunday, 06-Nov-94 08:49:37 GMT" (a two-digit year
// more than 50 years ahead of `now` is taken as the past century) and asctime
// "Sun Nov  6 08:49:37 1994". Letters match in any case; the weekday is not
// checked against the date. nullopt for anything else (then a condition that
// depends on the date is ignored, §13.1.3).
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text, std::chrono::sys_seconds now);

}  // namespace yhteisaika::http
