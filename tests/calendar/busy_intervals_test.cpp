#include <yhteisaika/calendar/busy_intervals.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

using namespace std::chrono;
using yhteisaika::Result;
using yhteisaika::calendar::busy_intervals;
using yhteisaika::calendar::Errc;
using yhteisaika::calendar::ExpandOptions;
using yhteisaika::time::Instant;
using yhteisaika::time::Interval;
using yhteisaika::Location;

namespace Catch {
template <>
struct StringMaker<Interval> {
  static std::string convert(const Interval& i) {
    auto show = [](Instant t) {
      auto day = floor<days>(t);
      year_month_day ymd{day};
      hh_mm_ss hms{t - day};
      char buf[40];
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()), unsigned(ymd.month()),
                    unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                    long(hms.seconds().count()));
      return std::string(buf);
    };
    return "[" + show(i.start) + ", " + show(i.end) + ")";
  }
};
}  // namespace Catch

namespace {

const yhteisaika::calendar::ZoneCatalog& catalog() {
  static const yhteisaika::calendar::ZoneCatalog zones;
  return zones;
}

const yhteisaika::time::Zone& helsinki() {
  static const yhteisaika::time::Zone zone = yhteisaika::calendar::load_system_zone("Europe/Helsinki").value();
  return zone;
}

Instant utc(int y, unsigned m, unsigned d, int h, int mi = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi};
}

Interval iv(Instant a, Instant b) { return Interval{a, b}; }

// Six weeks around the spring DST change in Helsinki (2026-03-29).
ExpandOptions options() {
  ExpandOptions o;
  o.horizon = Interval{utc(2026, 3, 2, 0), utc(2026, 4, 13, 0)};
  o.local_zone = &helsinki();
  o.zones = &catalog();
  return o;
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(YHTEISAIKA_TEST_DATA) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<std::vector<Interval>> busy(const std::string& name, const ExpandOptions& o = options()) {
  return busy_intervals(fixture(name), "calendars/" + name, o);
}

std::vector<Interval> busy_ok(const std::string& name, const ExpandOptions& o = options()) {
  auto r = busy(name, o);
  INFO((r ? std::string("ok") : r.error().to_string()));
  REQUIRE(r.has_value());
  return *r;
}

}  // namespace

TEST_CASE("a weekly series keeps its local time, and overrides replace instances whole", "[calendar][recurrence]") {
  auto b = busy_ok("weekly_rrule_with_override.ics");
  SECTION("the first instance is busy at 10:00 EET") { CHECK(b.at(0) == iv(utc(2026, 3, 2, 8), utc(2026, 3, 2, 9))); }
  SECTION("an override moves an instance") {
    CHECK(b.at(1) == iv(utc(2026, 3, 10, 12), utc(2026, 3, 10, 13)));
  }
  SECTION("an override with a UTC RECURRENCE-ID shortens the local instance") {
    CHECK(b.at(2) == iv(utc(2026, 3, 16, 8), utc(2026, 3, 16, 8, 30)));
  }
  SECTION("cancelled and transparent overrides are not busy, a moved-out one leaves, a moved-in one arrives") {
    // 03-23 cancelled, 03-30 transparent, 04-06 moved to 04-20, 04-13 moved to 04-12 12:00 EEST.
    REQUIRE(b.size() == 4);
    CHECK(b.at(3) == iv(utc(2026, 4, 12, 9), utc(2026, 4, 12, 10)));
  }
}

TEST_CASE("an override un-marks or marks the hole reservation", "[calendar][recurrence][hole]") {
  auto b = busy_ok("weekly_hole_marker_overrides.ics");
  std::vector<Interval> expected = {
      iv(utc(2026, 3, 4, 10), utc(2026, 3, 4, 11)),    // busy@x
      iv(utc(2026, 3, 10, 10), utc(2026, 3, 10, 11)),  // hole@x override without the marker
      iv(utc(2026, 3, 18, 10), utc(2026, 3, 18, 11)),  // busy@x; 03-11 became the hole
  };
  CHECK(b == expected);
}

TEST_CASE("BYSETPOS picks the last weekday of the month", "[calendar][recurrence]") {
  auto b = busy_ok("monthly_bysetpos_last_weekday.ics");
  // Tue 2026-03-31 16:00 EEST; 2026-02-27 is before the horizon.
  std::vector<Interval> expected = {iv(utc(2026, 3, 31, 13), utc(2026, 3, 31, 14))};
  CHECK(b == expected);
}

TEST_CASE("a UTC UNTIL bounds a local series as an instant", "[calendar][recurrence]") {
  auto b = busy_ok("daily_until_utc.ics");
  // UNTIL=20260304T070000Z is 09:00 EET, so the instance on 03-04 is included.
  std::vector<Interval> expected = {iv(utc(2026, 3, 2, 7), utc(2026, 3, 2, 8)), iv(utc(2026, 3, 3, 7), utc(2026, 3, 3, 8)),
                                    iv(utc(2026, 3, 4, 7), utc(2026, 3, 4, 8))};
  CHECK(b == expected);
}

TEST_CASE("COUNT counts from DTSTART, also before the horizon", "[calendar][recurrence]") {
  auto b = busy_ok("weekly_count_started_before_horizon.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 5, 7), utc(2026, 3, 5, 8)), iv(utc(2026, 3, 12, 7), utc(2026, 3, 12, 8))};
  CHECK(b == expected);
}

TEST_CASE("RDATE adds and EXDATE removes instances, a UTC EXDATE matching a local series", "[calendar][recurrence]") {
  auto b = busy_ok("daily_rdate_exdate_utc.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 2, 6), utc(2026, 3, 2, 7)), iv(utc(2026, 3, 4, 6), utc(2026, 3, 4, 7)),
                                    iv(utc(2026, 3, 6, 6), utc(2026, 3, 6, 7)), iv(utc(2026, 3, 10, 13), utc(2026, 3, 10, 14))};
  CHECK(b == expected);
}

TEST_CASE("a weekly series across the DST change keeps its local time", "[calendar][recurrence][dst]") {
  auto b = busy_ok("weekly_across_dst_week.ics");
  REQUIRE(b.size() == 3);
  CHECK(b[0] == iv(utc(2026, 3, 23, 7), utc(2026, 3, 23, 8)));  // 09:00 EET
  CHECK(b[1] == iv(utc(2026, 3, 30, 6), utc(2026, 3, 30, 7)));  // 09:00 EEST
  CHECK(b[2] == iv(utc(2026, 4, 6, 6), utc(2026, 4, 6, 7)));
}

TEST_CASE("a series without end is bounded by the horizon", "[calendar][recurrence]") {
  SECTION("no COUNT or UNTIL") {
    auto b = busy_ok("daily_forever.ics");
    CHECK(b.size() == 42);
    CHECK(b.front() == iv(utc(2026, 3, 2, 7), utc(2026, 3, 2, 7, 15)));
    CHECK(b.back() == iv(utc(2026, 4, 12, 6), utc(2026, 4, 12, 6, 15)));
  }
  SECTION("a huge COUNT") {
    auto b = busy_ok("daily_count_forever.ics");
    CHECK(b.size() == 42);
  }
}

TEST_CASE("a series from long ago keeps its INTERVAL phase", "[calendar][recurrence]") {
  // DTSTART 2015-01-05 (Mon); 2026-03-02 is 582 weeks later, an even number: that week is on.
  auto b = busy_ok("biweekly_from_long_ago.ics");
  std::vector<Interval> expected = {
      iv(utc(2026, 3, 2, 7), utc(2026, 3, 2, 8)),   iv(utc(2026, 3, 5, 7), utc(2026, 3, 5, 8)),
      iv(utc(2026, 3, 16, 7), utc(2026, 3, 16, 8)), iv(utc(2026, 3, 19, 7), utc(2026, 3, 19, 8)),
      iv(utc(2026, 3, 30, 6), utc(2026, 3, 30, 7)), iv(utc(2026, 4, 2, 6), utc(2026, 4, 2, 7)),
  };
  CHECK(b == expected);
}

TEST_CASE("more occurrences than the cap is an error naming the series", "[calendar][recurrence]") {
  auto o = options();
  o.max_occurrences_per_series = 10;
  auto r = busy("daily_forever.ics", o);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == Errc::too_many_occurrences);
  CHECK_THAT(r.error().message, Catch::Contains("forever@x"));
  CHECK(r.error().where == Location::in("calendars/daily_forever.ics", 4));
}

TEST_CASE("an Outlook zone with its VTIMEZONE in the file is read from the file", "[calendar][zones]") {
  auto b = busy_ok("outlook_fle_standard_time.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 23, 8), utc(2026, 3, 23, 9)), iv(utc(2026, 3, 30, 7), utc(2026, 3, 30, 8))};
  CHECK(b == expected);
}

TEST_CASE("a VTIMEZONE in the file wins over the system zone of the same TZID", "[calendar][zones]") {
  auto b = busy_ok("vtimezone_wins_over_system_zone.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 2, 5), utc(2026, 3, 2, 6))};  // +05:00
  CHECK(b == expected);
}

TEST_CASE("a Windows zone name without VTIMEZONE maps to IANA by CLDR", "[calendar][zones]") {
  auto b = busy_ok("fle_standard_time_without_vtimezone.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 23, 8), utc(2026, 3, 23, 9)), iv(utc(2026, 3, 30, 7), utc(2026, 3, 30, 8))};
  CHECK(b == expected);
}

TEST_CASE("an IANA TZID is read from the system database", "[calendar][zones]") {
  auto b = busy_ok("iana_tzid.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 2, 15), utc(2026, 3, 2, 16))};  // EST, -05:00
  CHECK(b == expected);
}

TEST_CASE("an unknown TZID is an error that names it", "[calendar][zones][errors]") {
  auto r = busy("unknown_tzid.ics");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == Errc::unknown_timezone);
  CHECK_THAT(r.error().message, Catch::Contains("Mars/Olympus_Mons"));
  CHECK(r.error().where == Location::in("calendars/unknown_tzid.ics", 7));
}

TEST_CASE("times in UTC, floating, and with DURATION", "[calendar][times]") {
  SECTION("UTC") {
    CHECK(busy_ok("utc_event.ics") == std::vector<Interval>{iv(utc(2026, 3, 2, 12), utc(2026, 3, 2, 13))});
  }
  SECTION("floating times are in the deployment zone") {
    CHECK(busy_ok("floating_event.ics") == std::vector<Interval>{iv(utc(2026, 3, 3, 10), utc(2026, 3, 3, 11))});
  }
  SECTION("DURATION instead of DTEND") {
    CHECK(busy_ok("duration_instead_of_dtend.ics") == std::vector<Interval>{iv(utc(2026, 3, 4, 10), utc(2026, 3, 4, 11, 30))});
  }
}

TEST_CASE("an event without DTEND or DURATION lasts a day for a DATE and nothing for a DATE-TIME", "[calendar][times]") {
  SECTION("DATE-TIME blocks nothing") { CHECK(busy_ok("datetime_without_end_is_zero_length.ics").empty()); }
  SECTION("DATE is the local day") {
    CHECK(busy_ok("date_without_end_is_one_day.ics") == std::vector<Interval>{iv(utc(2026, 3, 5, 22), utc(2026, 3, 6, 22))});
  }
}

TEST_CASE("a multi-day all-day event covers local days up to its end date", "[calendar][times]") {
  CHECK(busy_ok("multi_day_all_day.ics") == std::vector<Interval>{iv(utc(2026, 3, 8, 22), utc(2026, 3, 10, 22))});
}

TEST_CASE("transparent and cancelled events are not busy, tentative ones are", "[calendar][status]") {
  std::vector<Interval> expected = {iv(utc(2026, 3, 2, 12), utc(2026, 3, 2, 13)), iv(utc(2026, 3, 2, 14), utc(2026, 3, 2, 15))};
  CHECK(busy_ok("transp_and_status.ics") == expected);
}

TEST_CASE("VFREEBUSY periods are busy except FBTYPE=FREE", "[calendar][freebusy]") {
  std::vector<Interval> expected = {iv(utc(2026, 3, 2, 8), utc(2026, 3, 2, 9)), iv(utc(2026, 3, 2, 10), utc(2026, 3, 2, 11)),
                                    iv(utc(2026, 3, 2, 12), utc(2026, 3, 2, 13)), iv(utc(2026, 3, 2, 14), utc(2026, 3, 2, 14, 30))};
  CHECK(busy_ok("vfreebusy_fbtypes.ics") == expected);
}

TEST_CASE("VTODO, VJOURNAL and VALARM are ignored", "[calendar][components]") {
  CHECK(busy_ok("vtodo_vjournal_valarm_ignored.ics") == std::vector<Interval>{iv(utc(2026, 3, 2, 12), utc(2026, 3, 2, 13))});
}

TEST_CASE("an empty DESCRIPTION from a Google export is valid", "[calendar][errors]") {
  CHECK(busy_ok("google_empty_description.ics") == std::vector<Interval>{iv(utc(2026, 3, 2, 12), utc(2026, 3, 2, 13))});
}

TEST_CASE("busy time is clipped to the horizon", "[calendar][horizon]") {
  auto o = options();
  o.horizon = Interval{utc(2026, 3, 2, 12, 30), utc(2026, 3, 2, 14, 15)};
  CHECK(busy_ok("transp_and_status.ics", o) ==
        std::vector<Interval>{iv(utc(2026, 3, 2, 12, 30), utc(2026, 3, 2, 13)), iv(utc(2026, 3, 2, 14), utc(2026, 3, 2, 14, 15))});
}

// More broken calendars, those that once were not refused, are in data/regressions/
// (regressions_test.cpp).
TEST_CASE("a broken calendar is an error with its file and line", "[calendar][errors]") {
  struct Case {
    const char* file;
    Errc code;
    const char* where;
    const char* says;
  };
  auto c = GENERATE(values<Case>({
      {"not_a_vcalendar.ics", Errc::not_a_calendar, "calendars/not_a_vcalendar.ics:1", "not a VCALENDAR"},
      {"unbalanced_end_vevent.ics", Errc::unbalanced, "calendars/unbalanced_end_vevent.ics:7",
       "END:VTODO at line 7 closes BEGIN:VEVENT opened at line 4"},
      {"dtstart_month_13.ics", Errc::invalid_value, "calendars/dtstart_month_13.ics:7", "20261302T120000Z"},
      {"rrule_bymonth_13.ics", Errc::invalid_rule, "calendars/rrule_bymonth_13.ics:9", "BYMONTH=13"},
      {"rrule_without_freq.ics", Errc::invalid_rule, "calendars/rrule_without_freq.ics:9", "FREQ is missing"},
      {"invalid_duration.ics", Errc::invalid_value, "calendars/invalid_duration.ics:8", "PT1X"},
  }));
  INFO(c.file);
  auto r = busy(c.file);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == c.code);
  CHECK(r.error().where.to_string() == c.where);
  CHECK_THAT(r.error().message, Catch::Contains(c.says));
}

TEST_CASE("a VTIMEZONE with observances beyond the common yearly rule is still read", "[calendar][zones]") {
  auto b = busy_ok("vtimezone_with_rdate_observance.ics");
  std::vector<Interval> expected = {iv(utc(2026, 3, 23, 7), utc(2026, 3, 23, 8)), iv(utc(2026, 3, 30, 6), utc(2026, 3, 30, 7)),
                                    iv(utc(2026, 4, 6, 6), utc(2026, 4, 6, 7))};
  CHECK(b == expected);
}

TEST_CASE("concurrent calls on different calendars give the sequential answers", "[calendar][threads]") {
  const std::vector<std::string> files = {"weekly_rrule_with_override.ics", "outlook_fle_standard_time.ics",
                                          "monthly_bysetpos_last_weekday.ics", "vtimezone_with_rdate_observance.ics",
                                          "fle_standard_time_without_vtimezone.ics", "daily_forever.ics"};
  std::vector<std::vector<Interval>> sequential;
  for (const auto& f : files) sequential.push_back(busy_ok(f));
  std::vector<std::string> texts;
  for (const auto& f : files) texts.push_back(fixture(f));
  std::vector<std::vector<std::vector<Interval>>> got(4, std::vector<std::vector<Interval>>(files.size()));
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < got.size(); ++t)
      threads.emplace_back([&, t] {
        for (int round = 0; round < 20; ++round)
          for (std::size_t i = 0; i < files.size(); ++i) {
            std::size_t k = (i + t) % files.size();
            auto r = busy_intervals(texts[k], files[k], options());
            if (r) got[t][k] = *r;
          }
      });
  }
  for (const auto& per_thread : got) CHECK(per_thread == sequential);
}
