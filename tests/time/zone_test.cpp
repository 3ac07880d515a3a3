#include <yhteisaika/time/zone.hpp>

#include <yhteisaika/calendar/zone_catalog.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using namespace std::chrono;
using yhteisaika::time::Instant;
using yhteisaika::time::LocalTime;
using yhteisaika::time::Zone;
using yhteisaika::time::ZoneTransition;

using yhteisaika::test::helsinki;

using yhteisaika::test::utc;
LocalTime local(year_month_day d, int h, int m = 0) { return local_days{d} + hours{h} + minutes{m}; }

}  // namespace

TEST_CASE("Helsinki's system zone changes offset at the real DST transitions", "[time][zone]") {
  const Zone& zone = helsinki();
  CHECK(zone.name() == "Europe/Helsinki");
  // EU rule: at 01:00 UTC on the last Sunday of March and of October.
  for (year_month_day spring : {2026y / 3 / 29, 2027y / 3 / 28}) {
    CAPTURE(static_cast<int>(spring.year()));
    CHECK(zone.utc_offset_at(utc(spring, 0, 59, 59)) == hours{2});
    CHECK(zone.utc_offset_at(utc(spring, 1)) == hours{3});
    CHECK(std::count(zone.transitions().begin(), zone.transitions().end(), ZoneTransition{utc(spring, 1), hours{3}}) ==
          1);
  }
  for (year_month_day autumn : {2026y / 10 / 25, 2027y / 10 / 31}) {
    CAPTURE(static_cast<int>(autumn.year()));
    CHECK(zone.utc_offset_at(utc(autumn, 0, 59, 59)) == hours{3});
    CHECK(zone.utc_offset_at(utc(autumn, 1)) == hours{2});
  }
  CHECK(zone.utc_offset_at(utc(2026y / 1 / 15, 12)) == hours{2});
  CHECK(zone.utc_offset_at(utc(2026y / 7 / 15, 12)) == hours{3});
  // The table reaches 2100.
  CHECK(zone.utc_offset_at(utc(2100y / 7 / 1, 12)) == hours{3});
  CHECK(zone.utc_offset_at(utc(2100y / 12 / 1, 12)) == hours{2});
}

TEST_CASE("A local time in the spring DST gap moves forward by the gap", "[time][zone]") {
  // 2026-03-29 03:00 -> 04:00 in Helsinki: 03:30 does not exist; RFC 5545 §3.3.5 reads it
  // with the offset before the gap (+02:00), i.e. 01:30Z = 04:30 EEST.
  const Zone& zone = helsinki();
  CHECK(zone.to_instant(local(2026y / 3 / 29, 3, 30)) == utc(2026y / 3 / 29, 1, 30));
  CHECK(zone.to_local(utc(2026y / 3 / 29, 1, 30)) == local(2026y / 3 / 29, 4, 30));
  CHECK(zone.to_instant(local(2026y / 3 / 29, 3, 0)) == utc(2026y / 3 / 29, 1, 0));
  // Either side of the gap is ordinary.
  CHECK(zone.to_instant(local(2026y / 3 / 29, 2, 59)) == utc(2026y / 3 / 29, 0, 59));
  CHECK(zone.to_instant(local(2026y / 3 / 29, 4, 0)) == utc(2026y / 3 / 29, 1, 0));
  CHECK(zone.to_instant(local(2027y / 3 / 28, 3, 15)) == utc(2027y / 3 / 28, 1, 15));
}

TEST_CASE("An ambiguous local time in the autumn takes its first occurrence", "[time][zone]") {
  // 2026-10-25 04:00 EEST -> 03:00 EET: 03:30 happens at 00:30Z and again at 01:30Z.
  const Zone& zone = helsinki();
  CHECK(zone.to_instant(local(2026y / 10 / 25, 3, 30)) == utc(2026y / 10 / 25, 0, 30));
  CHECK(zone.to_local(utc(2026y / 10 / 25, 0, 30)) == local(2026y / 10 / 25, 3, 30));
  CHECK(zone.to_local(utc(2026y / 10 / 25, 1, 30)) == local(2026y / 10 / 25, 3, 30));
  CHECK(zone.to_instant(local(2026y / 10 / 25, 3, 0)) == utc(2026y / 10 / 25, 0, 0));
  CHECK(zone.to_instant(local(2026y / 10 / 25, 4, 0)) == utc(2026y / 10 / 25, 2, 0));
  CHECK(zone.to_instant(local(2026y / 10 / 25, 2, 59)) == utc(2026y / 10 / 24, 23, 59));
  CHECK(zone.to_instant(local(2027y / 10 / 31, 3, 45)) == utc(2027y / 10 / 31, 0, 45));
}

TEST_CASE("to_instant undoes to_local for every hour of a year except second occurrences", "[time][zone]") {
  const Zone& zone = helsinki();
  int second_occurrences = 0;
  for (Instant t = utc(2026y / 1 / 1, 0); t < utc(2027y / 1 / 1, 0); t += minutes{30}) {
    const LocalTime l = zone.to_local(t);
    if (zone.to_instant(l) == t) continue;
    // Only the repeated autumn hour may map back to its first occurrence, an hour earlier.
    CHECK(zone.to_instant(l) == t - hours{1});
    ++second_occurrences;
  }
  CHECK(second_occurrences == 2);  // 03:00 and 03:30 on 2026-10-25, second time round
}

TEST_CASE("A hand-built zone uses its initial offset before the first transition", "[time][zone]") {
  const Instant change = utc(2026y / 6 / 1, 0);
  const Zone zone("Test/Zone", hours{1}, {{change, hours{5}}});
  CHECK(zone.utc_offset_at(change - seconds{1}) == hours{1});
  CHECK(zone.utc_offset_at(change) == hours{5});
  CHECK(zone.utc_offset_at(change + days{3650}) == hours{5});
  // 4-hour gap: local 01:00..05:00 on 2026-06-01 does not exist; read with +01:00.
  CHECK(zone.to_instant(local(2026y / 6 / 1, 3)) == utc(2026y / 6 / 1, 2));

  const Zone fixed = Zone::fixed("UTC+05:30", hours{5} + minutes{30});
  CHECK(fixed.name() == "UTC+05:30");
  CHECK(fixed.transitions().empty());
  CHECK(fixed.to_local(utc(2026y / 1 / 1, 0)) == local(2026y / 1 / 1, 5, 30));
  CHECK(fixed.to_instant(local(2026y / 1 / 1, 5, 30)) == utc(2026y / 1 / 1, 0));
}
