#pragma once
// Private to http/: a solve's answer as the API gives it (POST /api/v1/solve;
// the handler adds "stale", source_json.hpp). Pure; thread-safe.

#include <yhteisaika/service/service.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// A slot found: {"start", "end" (RFC 3339 in `zone`), "in_hole",
// "optional_free", "optional_busy": [ids], ...}; none: {"start": null,
// "reason", "without_free_time": [ids], ...}. Both go on with "strategy"
// ("hole-first" | "earliest"), "required": [ids], "alternatives": [{"start",
// "end", "in_hole"}], "window": {"from", "to"}. A slot of a request naming
// rooms has "room": the room it would take.
boost::json::object solution_json(const service::Solution& solution, const time::Zone& zone);

}  // namespace yhteisaika::http
