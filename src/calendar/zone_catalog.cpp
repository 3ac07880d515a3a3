#include <yhteisaika/calendar/zone_catalog.hpp>

#include <libical/ical.h>

#include <chrono>
#include <ctime>
#include <vector>

namespace yhteisaika::calendar {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using time::Instant;

// libical's builtin zones are not known to be thread-safe (they cache expanded
// changes inside the shared icaltimezone): every touch goes through this lock.
std::mutex& libical_zone_mutex() {
  static std::mutex m;
  return m;
}

constexpr Instant kTableStart = std::chrono::sys_days{std::chrono::year{1970} / 1 / 1};
constexpr Instant kTableEnd = std::chrono::sys_days{std::chrono::year{2101} / 1 / 1};

seconds offset_of(icaltimezone* zone, Instant t) {
  icaltimetype tt = icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                                  icaltimezone_get_utc_timezone());
  int is_daylight = 0;
  return seconds{icaltimezone_get_utc_offset_of_utc_time(zone, &tt, &is_daylight)};
}

Error unknown_zone(std::string_view name) {
  return Error{make_error_code(Errc::unknown_timezone), "unknown time zone '" + std::string(name) + "'", {}};
}

}  // namespace

Result<time::Zone> load_system_zone(std::string_view iana_name) {
  const std::string name(iana_name);
  std::lock_guard lock(libical_zone_mutex());
  icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
  icalerror_clear_errno();
  if (zone == nullptr) return unknown_zone(iana_name);

  // Sample the offset daily and bisect each change down to the second. No zone
  // changes its offset twice within one day in 1970-2100, so daily steps see them all.
  const seconds initial = offset_of(zone, kTableStart);
  std::vector<time::ZoneTransition> transitions;
  seconds current = initial;
  for (Instant day = kTableStart + days{1}; day <= kTableEnd; day += days{1}) {
    const seconds next = offset_of(zone, day);
    if (next == current) continue;
    // The offset is `current` at lo and `next` at hi: find the first second of `next`.
    Instant lo = day - days{1};
    Instant hi = day;
    while (hi - lo > seconds{1}) {
      const Instant mid = lo + (hi - lo) / 2;
      (offset_of(zone, mid) == current ? lo : hi) = mid;
    }
    transitions.push_back({hi, next});
    current = next;
  }
  icalerror_clear_errno();
  return time::Zone(name, initial, std::move(transitions));
}

Result<std::shared_ptr<const time::Zone>> ZoneCatalog::find(std::string_view tzid) const {
  std::lock_guard lock(mutex_);
  if (auto it = zones_.find(tzid); it != zones_.end()) return it->second;

  Result<time::Zone> loaded = load_system_zone(tzid);
  if (!loaded) {
    const std::string_view iana = iana_zone_for_windows_name(tzid);
    if (iana.empty()) return unknown_zone(tzid);
    if (auto it = zones_.find(iana); it != zones_.end()) {
      zones_.emplace(std::string(tzid), it->second);
      return it->second;
    }
    loaded = load_system_zone(iana);
    if (!loaded) return unknown_zone(tzid);
  }
  auto zone = std::make_shared<const time::Zone>(std::move(*loaded));
  zones_.emplace(std::string(tzid), zone);
  if (zone->name() != tzid) zones_.emplace(zone->name(), zone);
  return zone;
}

}  // namespace yhteisaika::calendar
