#pragma once
// Start here for calendar/: from iCalendar text to busy time, by the rules of
// ../docs/scheduling-rules.md, "From a calendar to busy time".
//
// Pure over text: no files, no clock. libical is contained inside this module;
// no libical type appears in a public header.

#include <yhteisaika/calendar/errc.hpp>
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace yhteisaika::calendar {


struct ExpandOptions {
  // Busy time is returned where it overlaps this interval, clipped to it. Series
  // are expanded over it, widened by their event's duration.
  time::Interval horizon;
  // The deployment zone: floating times and all-day (DATE) events are read in it.
  const time::Zone* local_zone = nullptr;
  // System zones for TZIDs that have no VTIMEZONE in the file.
  const ZoneCatalog* zones = nullptr;
  // A series with more instances than this inside the horizon is an error
  // (libical 3.0 has no limits API; the cap is ours).
  std::size_t max_occurrences_per_series = 50'000;
};

// The busy time of one calendar file, sorted and merged (time::merge_intervals).
// `source_name` names the file in errors ("calendars/laakari.ics:12: ...").
// REQUIRES: options.local_zone and options.zones are set.
// Thread safety: safe to call concurrently on different texts.
Result<std::vector<time::Interval>> busy_intervals(std::string_view ics_text, std::string_view source_name,
                                                   const ExpandOptions& options);

}  // namespace yhteisaika::calendar
