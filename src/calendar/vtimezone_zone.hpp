#pragma once
// Private to calendar/: a time::Zone built from an in-file VTIMEZONE
// (RFC 5545 §3.6.5), which wins over the system database for its TZID.

#include "ical_scan.hpp"

#include <yhteisaika/error.hpp>
#include <yhteisaika/time/zone.hpp>

#include <string_view>

namespace yhteisaika::calendar::detail {

// The zone's UTC offsets over `span` (sampled daily through libical, each
// change bisected to the second). Outside `span` the nearest known offset holds.
// Errors (Errc::invalid_value) name `source_name:LINE` of the VTIMEZONE.
Result<time::Zone> zone_from_vtimezone(const Component& vtimezone, time::Interval span, std::string_view source_name);

}  // namespace yhteisaika::calendar::detail
