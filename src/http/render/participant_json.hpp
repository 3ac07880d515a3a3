#pragma once
// Private to http/: a participant of a case (someone without a calendar) as
// the API answers it. Pure; thread-safe.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <string>

namespace yhteisaika::http {

// {"id", "kind", "label", "email" (or null), "availability": [{"days":
// ["tue", "thu"] (Monday first), "from": "12:00", "to": "16:00"}],
// "unavailable": [{"from", "to"} (RFC 3339 in `zone`)]}: what
// handlers/participant_requests.hpp reads back (without "id").
boost::json::object participant_json(const cases::Participant& p, const time::Zone& zone);

// {"days", "from", "to"} as above.
boost::json::object weekly_window_json(const cases::WeeklyWindow& w);

// "12:00" for 12 h after midnight; "24:00" for the end of the day.
// REQUIRES: 0 <= since_midnight <= 24 h.
std::string clock_text(std::chrono::minutes since_midnight);

}  // namespace yhteisaika::http
