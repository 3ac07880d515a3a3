#pragma once
// Private to http/: calendar sources as the API answers them (GET
// /api/v1/sources, POST .../refresh, and the "stale" list of solve and
// booking answers). Pure; thread-safe.

#include <yhteisaika/sources/calendar_index.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <vector>

namespace yhteisaika::http {

// {"id", "kind" ("file" | "ics-url" | "caldav"), "location", "last_success",
// "last_attempt" (RFC 3339 in `zone`, or null), "last_error", "etag" (null when
// empty), "stale", "unknown"}.
boost::json::object source_json(const sources::SourceStatus& row, const time::Zone& zone);

// The calendars answered from a stale copy: [{"id", "since" (when that copy
// was read, or null), "error"}].
boost::json::array stale_json(const std::vector<sources::SourceStatus>& rows, const time::Zone& zone);

}  // namespace yhteisaika::http
