#include <yhteisaika/time/rfc3339.hpp>

#include <yhteisaika/calendar/zone_catalog.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace std::chrono;
using yhteisaika::time::Instant;
using yhteisaika::time::Zone;

using yhteisaika::test::helsinki;

using yhteisaika::test::utc;

}  // namespace

TEST_CASE("Times print as RFC 3339 with the local offset of the zone", "[time][rfc3339]") {
  using yhteisaika::time::format_rfc3339;
  CHECK(format_rfc3339(utc(2026y / 11 / 25, 12, 30), helsinki()) == "2026-11-25T14:30:00+02:00");
  CHECK(format_rfc3339(utc(2027y / 6 / 2, 11, 30), helsinki()) == "2027-06-02T14:30:00+03:00");
  CHECK(format_rfc3339(utc(2026y / 12 / 31, 22, 0, 5), helsinki()) == "2027-01-01T00:00:05+02:00");
  CHECK(format_rfc3339(utc(2026y / 3 / 29, 1, 30), helsinki()) == "2026-03-29T04:30:00+03:00");
  CHECK(format_rfc3339(utc(2026y / 11 / 25, 12, 30), Zone::fixed("UTC", seconds{0})) == "2026-11-25T12:30:00+00:00");
  CHECK(format_rfc3339(utc(2026y / 11 / 25, 12, 30), Zone::fixed("NYC", -hours{5})) == "2026-11-25T07:30:00-05:00");
  CHECK(format_rfc3339(utc(2026y / 11 / 25, 0, 0), Zone::fixed("IST", hours{5} + minutes{30})) ==
        "2026-11-25T05:30:00+05:30");
}

TEST_CASE("append_rfc3339 appends to what the string already holds", "[time][rfc3339]") {
  std::string out = "{\"start\": \"";
  yhteisaika::time::append_rfc3339(out, utc(2026y / 11 / 25, 12, 30), helsinki());
  out += "\"}";
  CHECK(out == "{\"start\": \"2026-11-25T14:30:00+02:00\"}");
}

TEST_CASE("User times are read as Helsinki wall clock unless they carry an offset", "[time][rfc3339]") {
  using yhteisaika::time::parse_user_time;
  const Zone& zone = helsinki();
  CHECK(parse_user_time("2026-11-23", zone).value() == utc(2026y / 11 / 22, 22));
  CHECK(parse_user_time("2026-11-23T09:00", zone).value() == utc(2026y / 11 / 23, 7));
  CHECK(parse_user_time("2026-11-23T09:00:30", zone).value() == utc(2026y / 11 / 23, 7, 0, 30));
  CHECK(parse_user_time("2026-06-23T09:00", zone).value() == utc(2026y / 6 / 23, 6));
  CHECK(parse_user_time("2026-11-23T09:00Z", zone).value() == utc(2026y / 11 / 23, 9));
  CHECK(parse_user_time("2026-11-23T09:00:00+03:00", zone).value() == utc(2026y / 11 / 23, 6));
  CHECK(parse_user_time("2026-11-23T09:00-05:30", zone).value() == utc(2026y / 11 / 23, 14, 30));
  CHECK(parse_user_time("2028-02-29T12:00", zone).value() == utc(2028y / 2 / 29, 10));
  // In the DST gap the time moves forward; printing it back shows where it went.
  CHECK(parse_user_time("2026-03-29T03:30", zone).value() == utc(2026y / 3 / 29, 1, 30));
}

TEST_CASE("Printed times read back as the same instant", "[time][rfc3339]") {
  const Zone& zone = helsinki();
  for (Instant t : {utc(2026y / 11 / 25, 12, 30), utc(2026y / 10 / 25, 0, 30), utc(2026y / 10 / 25, 1, 30),
                    utc(2027y / 6 / 2, 11, 30, 59)}) {
    const std::string text = yhteisaika::time::format_rfc3339(t, zone);
    CAPTURE(text);
    CHECK(yhteisaika::time::parse_user_time(text, zone).value() == t);
  }
}

TEST_CASE("Invalid user times are errors that say what is wrong", "[time][rfc3339]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"2026-13-01", "invalid date 2026-13-01: month 13"},
      {"2026-00-10T09:00", "invalid date 2026-00-10: month 0"},
      {"2026-02-30", "invalid date 2026-02-30: February 2026 has 28 days"},
      {"2026-02-29T10:00", "invalid date 2026-02-29: February 2026 has 28 days"},
      {"2026-04-31", "invalid date 2026-04-31: April 2026 has 30 days"},
      {"0000-01-01", "invalid date 0000-01-01: year 0"},
      {"2026-11-23T25:00", "invalid time 25:00: hour 25"},
      {"2026-11-23T12:60", "invalid time 12:60: minute 60"},
      {"2026-11-23T12:00:61", "invalid time 12:00:61: second 61"},
      {"2026-11-23T12:00+25:00", "invalid time '2026-11-23T12:00+25:00': offset +25:00"},
      {"garbage", "invalid time 'garbage': expected YYYY-MM-DD"},
      {"", "invalid time '': expected"},
      {"2026-11-23T", "invalid time '2026-11-23T': expected"},
      {"2026-11-23T9:00", "invalid time '2026-11-23T9:00': expected"},
      {"2026-11-23T09:00X", "invalid time '2026-11-23T09:00X': expected"},
      {"2026-11-23T09:00+0200", "invalid time '2026-11-23T09:00+0200': expected"},
      {"26-11-23", "invalid time '26-11-23': expected"},
      {"2026/11/23", "invalid time '2026/11/23': expected"},
      {"2026-11-23x", "invalid time '2026-11-23x': expected"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto result = yhteisaika::time::parse_user_time(c.text, helsinki());
    REQUIRE_FALSE(result.has_value());
    CHECK_THAT(result.error().message, Catch::StartsWith(c.message));
    CHECK(result.error().code == std::errc::invalid_argument);
    CHECK(result.error().where.empty());
  }
}
