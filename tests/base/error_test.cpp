// Error's typed location (include/yhteisaika/error.hpp): what code reads from
// it, and the words to_string() shows people, which stayed as they were when
// `where` was one string.
#include <yhteisaika/error.hpp>

#include <catch2/catch.hpp>

#include <type_traits>

using yhteisaika::Error;
using yhteisaika::Location;

TEST_CASE("a location shows its place, line and field as the string where did", "[base][error][issue-11]") {
  CHECK(Location{}.to_string().empty());
  CHECK(Location{}.empty());
  CHECK(Location::in("people/laakari.ics", 12).to_string() == "people/laakari.ics:12");
  CHECK(Location::in("/var/lib/yhteisaika/y.db").to_string() == "/var/lib/yhteisaika/y.db");
  CHECK(Location::in("flag --day_start").to_string() == "flag --day_start");
  CHECK(Location::at_field("duration_minutes").to_string() == "duration_minutes");
  CHECK(Location("team.json", 0, "[4].email").to_string() == "team.json: [4].email");
  CHECK(Location({}, 7, {}).to_string() == "line 7");  // a line of a text without a name (a CalDAV answer)
}

TEST_CASE("code reads a location's field and line typed, not out of a string", "[base][error][issue-11]") {
  const Location line = Location::in("calendars/a.ics", 9);
  CHECK(line.place == "calendars/a.ics");
  CHECK(line.line == 9);
  CHECK(line.field.empty());

  const Location field = Location::at_field("attendees[0]");
  CHECK(field.place.empty());
  CHECK(field.line == 0);
  CHECK(field.field == "attendees[0]");
  CHECK(field.under("meetings[2]") == Location::at_field("meetings[2].attendees[0]"));
  CHECK(Location{}.under("meetings[2]") == Location::at_field("meetings[2]"));
  CHECK(field.under("") == field);
  CHECK(Location("team.json", 0, "email").under("[4]") == Location("team.json", 0, "[4].email"));
}

TEST_CASE("an error cannot take a bare string for its location", "[base][error][issue-11]") {
  // Error{code, message, "start"} once meant a field or a file alike; it no longer compiles.
  CHECK_FALSE(std::is_convertible_v<const char*, Location>);
  CHECK_FALSE(std::is_convertible_v<std::string, Location>);
  CHECK_FALSE(std::is_aggregate_v<Location>);
}

TEST_CASE("an error shows where it is, or the calendars it is about, before its message", "[base][error][issue-11]") {
  const auto code = std::make_error_code(std::errc::invalid_argument);
  CHECK(Error{code, "no such path", {}}.to_string() == "no such path");
  CHECK(Error{code, "DTSTART is not a date", Location::in("calendars/a.ics", 7)}.to_string() ==
        "calendars/a.ics:7: DTSTART is not a date");
  CHECK(Error{code, "must be 1-90", Location::at_field("days")}.to_string() == "days: must be 1-90");

  const Error unread{code, "2 calendars cannot be read: x; y", {}, {}, {"laakari", "psykologi"}};
  CHECK(unread.to_string() == "laakari,psykologi: 2 calendars cannot be read: x; y");
  // The internal text is for the log, never part of what to_string shows.
  const Error failed{code, "reading failed", Location::in("y.db"), "SQLITE_CORRUPT"};
  CHECK(failed.to_string() == "y.db: reading failed");
}
