#pragma once
// System time zones by name, read once from libical's zone data (the system tz
// database) and kept as time::Zone values.

#include <yhteisaika/calendar/errc.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/time/zone.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace yhteisaika::calendar {

// The IANA zone for a Windows zone name by the CLDR windowsZones table
// ("FLE Standard Time" -> "Europe/Helsinki"), or empty when it is not one.
std::string_view iana_zone_for_windows_name(std::string_view windows_name);

// Loads an IANA zone ("Europe/Helsinki") from the system tz database through
// libical, as a table of transitions covering 1970-2100.
Result<time::Zone> load_system_zone(std::string_view iana_name);

// Resolves a TZID that has no VTIMEZONE in its file: an IANA name, or a Windows
// name mapped by CLDR. Each zone is loaded once and then shared.
// Thread safety: find() may be called concurrently.
class ZoneCatalog {
 public:
  // Unknown names are an error of code Errc::unknown_timezone naming the TZID.
  Result<std::shared_ptr<const time::Zone>> find(std::string_view tzid) const;

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const time::Zone>, std::less<>> zones_;
};

}  // namespace yhteisaika::calendar
