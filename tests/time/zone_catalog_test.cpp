#include <yhteisaika/calendar/zone_catalog.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono;
using yhteisaika::calendar::Errc;
using yhteisaika::calendar::ZoneCatalog;

}  // namespace

TEST_CASE("Windows zone names map to IANA zones by the CLDR table", "[time][zone_catalog]") {
  using yhteisaika::calendar::iana_zone_for_windows_name;
  CHECK(iana_zone_for_windows_name("FLE Standard Time") == "Europe/Helsinki");
  CHECK(iana_zone_for_windows_name("W. Europe Standard Time") == "Europe/Berlin");
  CHECK(iana_zone_for_windows_name("Eastern Standard Time") == "America/New_York");
  CHECK(iana_zone_for_windows_name("GMT Standard Time") == "Europe/London");
  CHECK(iana_zone_for_windows_name("Dateline Standard Time") == "Etc/GMT+12");
  CHECK(iana_zone_for_windows_name("UTC") == "Etc/UTC");
  CHECK(iana_zone_for_windows_name("fle standard time").empty());
  CHECK(iana_zone_for_windows_name("Europe/Helsinki").empty());
  CHECK(iana_zone_for_windows_name("").empty());
}

TEST_CASE("The catalog resolves IANA and Windows names to one shared zone", "[time][zone_catalog]") {
  ZoneCatalog catalog;
  const auto by_iana = catalog.find("Europe/Helsinki").value();
  const auto by_windows = catalog.find("FLE Standard Time").value();
  CHECK(by_iana == by_windows);
  CHECK(by_windows->name() == "Europe/Helsinki");
  CHECK(by_windows->utc_offset_at(sys_days{2026y / 11 / 25}) == hours{2});

  const auto berlin = catalog.find("W. Europe Standard Time").value();
  CHECK(berlin->name() == "Europe/Berlin");
  CHECK(berlin->utc_offset_at(sys_days{2026y / 11 / 25}) == hours{1});
  CHECK(berlin->utc_offset_at(sys_days{2026y / 7 / 1}) == hours{2});
  CHECK(catalog.find("Europe/Berlin").value() == berlin);
}

TEST_CASE("An unknown TZID is an error that names it", "[time][zone_catalog]") {
  ZoneCatalog catalog;
  const auto result = catalog.find("Mars/Olympus_Mons");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == Errc::unknown_timezone);
  CHECK(result.error().message == "unknown time zone 'Mars/Olympus_Mons'");

  const auto direct = yhteisaika::calendar::load_system_zone("Not A Zone");
  REQUIRE_FALSE(direct.has_value());
  CHECK(direct.error().code == Errc::unknown_timezone);
  CHECK(direct.error().message == "unknown time zone 'Not A Zone'");
}

TEST_CASE("Concurrent lookups in the catalog share one loaded zone", "[time][zone_catalog]") {
  ZoneCatalog catalog;
  std::vector<std::shared_ptr<const yhteisaika::time::Zone>> found(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < found.size(); ++i) {
    threads.emplace_back([&, i] { found[i] = catalog.find(i % 2 ? "Europe/Helsinki" : "FLE Standard Time").value(); });
  }
  for (auto& t : threads) t.join();
  for (const auto& zone : found) CHECK(zone == found[0]);
}

TEST_CASE("Every calendar error code has its own message", "[time][zone_catalog]") {
  const auto& category = yhteisaika::calendar::calendar_category();
  CHECK(std::string(category.name()) == "yhteisaika.calendar");
  std::vector<std::string> messages;
  for (Errc e : {Errc::not_a_calendar, Errc::unbalanced, Errc::invalid_value, Errc::invalid_rule,
                 Errc::unknown_timezone, Errc::too_many_occurrences, Errc::not_a_reply}) {
    const std::error_code code = e;  // via make_error_code and is_error_code_enum
    CHECK(&code.category() == &category);
    CHECK_FALSE(code.message().empty());
    messages.push_back(code.message());
  }
  std::sort(messages.begin(), messages.end());
  CHECK(std::adjacent_find(messages.begin(), messages.end()) == messages.end());
  CHECK(make_error_code(Errc::unknown_timezone).message() == "unknown time zone");
}
