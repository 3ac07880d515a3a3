#pragma once
// Private to http/: the small JSON values every renderer writes the same way.
// Pure; thread-safe.

#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::http {

// ["laakari-korhonen", ...]
boost::json::array ids_json(const std::vector<ParticipantId>& ids);

// time::format_rfc3339 ("2026-11-25T14:30:00+02:00"), or null when there is no time.
boost::json::value time_or_null(const std::optional<time::Instant>& t, const time::Zone& zone);

// The text, or null when it is empty.
boost::json::value text_or_null(const std::string& text);

// "2026-11-23" (also the CSV's dates).
std::string date_text(std::chrono::year_month_day date);

}  // namespace yhteisaika::http
