#include <yhteisaika/sources/calendar_dir.hpp>

#include <yhteisaika/calendar/zone_catalog.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono_literals;

namespace {

// The CLI tests' fixture team: two single files and one folder of two files.
const std::filesystem::path kTeam = std::filesystem::path(YHTEISAIKA_SOURCE_DIR) / "tests/app/data/team";
const std::filesystem::path kBroken = std::filesystem::path(YHTEISAIKA_SOURCE_DIR) / "tests/app/data/broken";

struct Fixture {
  calendar::ZoneCatalog catalog;
  std::shared_ptr<const time::Zone> zone = catalog.find("Europe/Helsinki").value();
  calendar::ExpandOptions options() const {
    calendar::ExpandOptions o;
    const time::Instant from = std::chrono::sys_days{2026y / 11 / 23} - 2h;
    o.horizon = {from, from + std::chrono::days(14)};
    o.local_zone = zone.get();
    o.zones = &catalog;
    return o;
  }
};

}  // namespace

TEST_CASE("a calendars folder lists files and folders as participants, sorted by id", "[sources][dir]") {
  const auto calendars = sources::list_calendar_dir(kTeam).value();
  REQUIRE(calendars.size() == 3);
  CHECK(calendars[0].id.value == "busy-first-hole");
  CHECK(calendars[1].id.value == "folder-person");
  CHECK(calendars[1].files.size() == 2);
  CHECK(calendars[2].id.value == "keeps-the-hole");
}

TEST_CASE("a participant's folder is read whole and merged", "[sources][dir]") {
  Fixture f;
  const auto calendars = sources::find_calendars(kTeam, {ParticipantId{"folder-person"}}).value();
  const auto busy = sources::read_busy(calendars, f.options()).value();
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].busy.size() == 2);  // the first hole's home visit and the training week
}

TEST_CASE("reading many calendars in parallel gives the same answer as reading them one by one", "[sources][parallel]") {
  Fixture f;
  const auto calendars = sources::list_calendar_dir(kTeam).value();
  const auto parallel = sources::read_busy(calendars, f.options(), 4).value();
  const auto serial = sources::read_busy(calendars, f.options(), 1).value();
  REQUIRE(parallel.size() == serial.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    CHECK(parallel[i].id == serial[i].id);
    CHECK(parallel[i].busy == serial[i].busy);
  }
}

TEST_CASE("an unknown participant is an error that names them", "[sources][errors]") {
  const auto result = sources::find_calendars(kTeam, {ParticipantId{"ghost"}});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == sources::Errc::unknown_participant);
  CHECK_THAT(result.error().message, Catch::Contains("'ghost'"));
}

TEST_CASE("an id that would leave the calendars folder is unknown, not read", "[sources][errors]") {
  CHECK_FALSE(sources::find_calendars(kTeam, {ParticipantId{"../broken/fine"}}).has_value());
}

TEST_CASE("a broken calendar fails its participant by name with file and line, never as free", "[sources][errors]") {
  Fixture f;
  const auto calendars = sources::list_calendar_dir(kBroken).value();
  const auto result = sources::read_busy(calendars, f.options());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == sources::Errc::bad_calendar);
  CHECK_THAT(result.error().message, Catch::Contains("'month-thirteen'"));
  CHECK_THAT(result.error().where.place, Catch::EndsWith("month-thirteen.ics"));
  CHECK(result.error().where.line == 7);
}
