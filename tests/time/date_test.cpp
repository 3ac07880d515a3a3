#include <yhteisaika/time/date.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace std::chrono;
using yhteisaika::time::format_date;
using yhteisaika::time::parse_date;

}  // namespace

TEST_CASE("a date YYYY-MM-DD reads as that calendar day and prints back the same", "[time][date]") {
  struct Case {
    const char* text;
    year_month_day date;
  };
  const Case cases[] = {
      {"2026-11-25", 2026y / 11 / 25}, {"2028-02-29", 2028y / 2 / 29}, {"2000-02-29", 2000y / 2 / 29},
      {"2026-12-31", 2026y / 12 / 31}, {"0001-01-01", 1y / 1 / 1},     {"9999-12-31", 9999y / 12 / 31},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(parse_date(c.text).value() == c.date);
    CHECK(format_date(c.date) == c.text);
  }
}

TEST_CASE("a text that is not a real date YYYY-MM-DD is an error saying what is wrong", "[time][date]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"2026-13-01", "invalid date 2026-13-01: month 13"},
      {"2026-00-10", "invalid date 2026-00-10: month 0"},
      {"2026-02-29", "invalid date 2026-02-29: February 2026 has 28 days"},
      {"1900-02-29", "invalid date 1900-02-29: February 1900 has 28 days"},
      {"2026-04-31", "invalid date 2026-04-31: April 2026 has 30 days"},
      {"2026-01-00", "invalid date 2026-01-00: January 2026 has 31 days"},
      {"0000-01-01", "invalid date 0000-01-01: year 0"},
      {"", "'' is not a date YYYY-MM-DD"},
      {"2026-1-5", "'2026-1-5' is not a date YYYY-MM-DD"},
      {"26-11-23", "'26-11-23' is not a date YYYY-MM-DD"},
      {"2026/11/23", "'2026/11/23' is not a date YYYY-MM-DD"},
      {"2026-11-23T09:00", "'2026-11-23T09:00' is not a date YYYY-MM-DD"},
      {" 2026-11-23", "' 2026-11-23' is not a date YYYY-MM-DD"},
      {"2026-11-23 ", "'2026-11-23 ' is not a date YYYY-MM-DD"},
      {"+026-11-23", "'+026-11-23' is not a date YYYY-MM-DD"},
      {"2026-1a-23", "'2026-1a-23' is not a date YYYY-MM-DD"},
      {"2026-11-2\xD9\xA3", "'2026-11-2\xD9\xA3' is not a date YYYY-MM-DD"},  // an Arabic-Indic digit
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto result = parse_date(c.text);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message == c.message);
    CHECK(result.error().code == std::errc::invalid_argument);
    CHECK(result.error().where.empty());
  }
}

TEST_CASE("every day of four years prints and reads back as itself", "[time][date]") {
  for (sys_days d = sys_days{2027y / 1 / 1}; d < sys_days{2031y / 1 / 1}; d += days{1}) {
    const year_month_day date{d};
    const std::string text = format_date(date);
    CAPTURE(text);
    REQUIRE(text.size() == 10);
    CHECK(parse_date(text).value() == date);
  }
}
