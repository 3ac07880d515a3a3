#pragma once
// Test support: the deployment zone, loaded once per test binary from the system
// tz database, and a short way to write UTC instants.

#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>

namespace yhteisaika::test {

inline const time::Zone& helsinki() {
  static const time::Zone zone = calendar::load_system_zone("Europe/Helsinki").value();
  return zone;
}

inline time::Instant utc(std::chrono::year_month_day d, int h, int m = 0, int s = 0) {
  using namespace std::chrono;
  return sys_days{d} + hours{h} + minutes{m} + seconds{s};
}

}  // namespace yhteisaika::test
