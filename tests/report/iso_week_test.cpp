#include <yhteisaika/report/iso_week.hpp>

#include <catch2/catch.hpp>

using namespace std::chrono;
using yhteisaika::report::iso_week_of;
using yhteisaika::report::monday_of;
using yhteisaika::report::to_string;

TEST_CASE("ISO week names are right at year boundaries", "[report][iso_week]") {
  // Expected values from Python's date.isocalendar().
  auto [day, name] = GENERATE(table<year_month_day, std::string>({
      {2026y / November / 23, "2026-W48"},
      {2026y / November / 29, "2026-W48"},
      {2026y / December / 28, "2026-W53"},
      {2027y / January / 1, "2026-W53"},
      {2027y / January / 3, "2026-W53"},
      {2027y / January / 4, "2027-W01"},
      {2024y / December / 30, "2025-W01"},
      {2026y / January / 1, "2026-W01"},
      {2021y / January / 3, "2020-W53"},
      {2028y / December / 6, "2028-W49"},
  }));
  INFO(static_cast<int>(day.year()) << "-" << static_cast<unsigned>(day.month()) << "-"
                                    << static_cast<unsigned>(day.day()));
  CHECK(to_string(iso_week_of(day)) == name);
}

TEST_CASE("the Monday of a week", "[report][iso_week]") {
  CHECK(monday_of(2026y / November / 23) == 2026y / November / 23);
  CHECK(monday_of(2026y / November / 25) == 2026y / November / 23);
  CHECK(monday_of(2026y / November / 29) == 2026y / November / 23);
  CHECK(monday_of(2027y / January / 1) == 2026y / December / 28);
}
