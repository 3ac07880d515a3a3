#pragma once
// Reading one remote calendar (an ICS URL or a CalDAV collection) into busy
// intervals, and the freshness rule of remote copies.
//
// ICS URL: a conditional GET; 304 means the copy held is still current.
// CalDAV: REPORT calendar-query (RFC 4791 §7.8) with Depth: 1 over the expansion
// horizon; every calendar-data object goes through calendar::busy_intervals (the
// same engine as files) and the results are merged. A collection has no
// validators for REPORT, so each CalDAV refresh is a full read.
// Malformed data fails the whole read, naming the object (href) and line.
//
// Thread safety: pure apart from the network; may run on many threads at once.

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/sources/http_fetch.hpp>
#include <yhteisaika/sources/source_spec.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::sources {

struct RemoteRead {
  bool not_modified = false;          // the held copy is current (ICS URL, 304)
  std::vector<time::Interval> busy;   // when !not_modified: sorted and merged, half-open
  Validators validators;              // to send with the next conditional GET
};

// REQUIRES: spec.kind is ics_url or caldav; options.horizon set.
// `held` are the validators of the copy held (empty = unconditional).
Result<RemoteRead> read_remote(const CalendarFetcher& fetcher, const SourceSpec& spec, const Validators& held,
                               const std::string& basic_credentials, const calendar::ExpandOptions& options);

// When to fetch a remote calendar again before answering from it.
struct FreshnessRule {
  std::chrono::milliseconds max_age{15 * 60'000};  // a good copy older than this is fetched again first
  std::chrono::seconds retry_after{30};            // after a failed attempt, wait this long before the next
};

struct CopyState {
  std::optional<time::Instant> last_success;
  std::optional<time::Instant> last_attempt;
  bool covers_window = false;  // a good copy exists and its horizon covers the request
};

// Pure: whether a request at `now` should fetch first. Never-read and too-old
// copies are fetched, but not again within retry_after of a failed attempt (a
// source that is down is not asked on every solve).
bool should_fetch(const CopyState& copy, time::Instant now, const FreshnessRule& rule);

}  // namespace yhteisaika::sources
