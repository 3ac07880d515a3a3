// The iCalendar scanner (src/calendar/ical_scan.hpp, private to calendar/):
// unfolding, line ends, parameters, names in any case, and errors that name the
// physical line.
#include "ical_scan.hpp"
#include "ical_values.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using yhteisaika::calendar::Errc;
using yhteisaika::calendar::detail::Component;
using yhteisaika::calendar::detail::Property;
using yhteisaika::calendar::detail::scan_calendar;
using yhteisaika::calendar::detail::validate_values;

Component scanned(const std::string& text) {
  auto c = scan_calendar(text, "t.ics");
  INFO(text);
  REQUIRE(c.has_value());
  return std::move(*c);
}

// "t.ics:LINE: message" of the error that scanning `text` gives.
std::string scan_error(const std::string& text, Errc code) {
  auto c = scan_calendar(text, "t.ics");
  INFO(text);
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().code == make_error_code(code));
  return c.error().to_string();
}

// The same for scanning and then validating every value.
std::string value_error(const std::string& text, Errc code) {
  auto c = scan_calendar(text, "t.ics");
  INFO(text);
  REQUIRE(c.has_value());
  auto valid = validate_values(*c, "t.ics");
  REQUIRE_FALSE(valid.has_value());
  CHECK(valid.error().code == make_error_code(code));
  return valid.error().to_string();
}

const Property& only_event_property(const Component& calendar, const char* name) {
  REQUIRE(calendar.children.size() == 1);
  const Property* p = calendar.children[0].find(name);
  REQUIRE(p != nullptr);
  return *p;
}

}  // namespace

TEST_CASE("scanner: CRLF, LF and a last line without an end read alike, with the same line numbers", "[calendar][scan]") {
  for (const std::string nl : {"\r\n", "\n"}) {
    const std::string text = "BEGIN:VCALENDAR" + nl + "BEGIN:VEVENT" + nl + "UID:a" + nl + "SUMMARY:x" + nl +
                             "END:VEVENT" + nl + "END:VCALENDAR";
    const Component c = scanned(text);
    CHECK(c.name == "VCALENDAR");
    CHECK(c.line == 1);
    REQUIRE(c.children.size() == 1);
    CHECK(c.children[0].name == "VEVENT");
    CHECK(c.children[0].line == 2);
    const Property& summary = only_event_property(c, "SUMMARY");
    CHECK(summary.value == "x");
    CHECK(summary.line == 4);
    CHECK(only_event_property(c, "UID").value == "a");
  }
}

TEST_CASE("scanner: folded lines are unfolded, and keep the line where they start", "[calendar][scan]") {
  const Component c = scanned(
      "BEGIN:VCALENDAR\r\n"
      "BEGIN:VEVENT\r\n"
      "DESCRIPTION:one\r\n"
      " two\r\n"
      "\tthree\r\n"
      "\r\n"
      "  four\r\n"
      "SUMMARY:after\r\n"
      "DTSTART;TZID=Europe/\r\n"
      " Helsinki:20261123T\r\n"
      " 090000\r\n"
      "END:VEVENT\r\n"
      "END:VCALENDAR\r\n");
  const Property& description = only_event_property(c, "DESCRIPTION");
  CHECK(description.value == "onetwothree four");  // a blank line inside is dropped
  CHECK(description.line == 3);
  const Property& summary = only_event_property(c, "SUMMARY");
  CHECK(summary.value == "after");
  CHECK(summary.line == 8);
  const Property& start = only_event_property(c, "DTSTART");
  CHECK(start.value == "20261123T090000");
  CHECK(start.param("TZID") == "Europe/Helsinki");
  CHECK(start.line == 9);
  CHECK(c.children[0].line == 2);
}

TEST_CASE("scanner: quoted parameter values may hold semicolons, colons and commas", "[calendar][scan]") {
  const Component c = scanned(
      "BEGIN:VCALENDAR\n"
      "BEGIN:VEVENT\n"
      "ATTENDEE;CN=\"Hoitaja; vastaava: osasto 3, B\";PARTSTAT=ACCEPTED:mailto:h@example.fi\n"
      "X-LIST;MEMBER=\"a:1\",\"b;2\",c;ROLE=x,y:v:w\n"
      "END:VEVENT\n"
      "END:VCALENDAR\n");
  const Property& attendee = only_event_property(c, "ATTENDEE");
  CHECK(attendee.param("CN") == "Hoitaja; vastaava: osasto 3, B");
  CHECK(attendee.param("PARTSTAT") == "ACCEPTED");
  CHECK(attendee.param("ROLE").empty());
  CHECK(attendee.value == "mailto:h@example.fi");
  const Property& list = only_event_property(c, "X-LIST");
  CHECK(list.param("MEMBER") == "a:1,b;2,c");  // several values, unquoted, joined by ','
  CHECK(list.param("ROLE") == "x,y");
  CHECK(list.value == "v:w");
}

TEST_CASE("scanner: names of components, properties and parameters are read in any case", "[calendar][scan]") {
  const Component c = scanned(
      "begin:vcalendar\n"
      "Begin:vEvent\n"
      "dtStart;tzid=Europe/Helsinki;Value=DATE-TIME:20261123T090000\n"
      "x-Custom:Keep Case\n"
      "end:VEVENT\n"
      "END:vcalendar\n");
  CHECK(c.name == "VCALENDAR");
  REQUIRE(c.children.size() == 1);
  CHECK(c.children[0].name == "VEVENT");
  const Property& start = only_event_property(c, "DTSTART");
  CHECK(start.name == "DTSTART");
  CHECK(start.param("TZID") == "Europe/Helsinki");
  CHECK(start.param("VALUE") == "DATE-TIME");
  CHECK(only_event_property(c, "X-CUSTOM").value == "Keep Case");  // values keep their case
}

TEST_CASE("scanner: a byte order mark and blank lines are skipped, and counted as lines", "[calendar][scan]") {
  const Component c = scanned("\xEF\xBB\xBF\r\nBEGIN:VCALENDAR\r\n\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n\r\n");
  CHECK(c.line == 2);
  REQUIRE(c.children.size() == 1);
  CHECK(c.children[0].line == 4);
  CHECK(only_event_property(c, "UID").line == 5);
}

TEST_CASE("scanner: broken structure is named with the line where it is", "[calendar][scan]") {
  CHECK(scan_error("", Errc::not_a_calendar) == "t.ics:1: not a VCALENDAR (the file is empty)");
  CHECK(scan_error("\n\r\n", Errc::not_a_calendar) == "t.ics:1: not a VCALENDAR (the file is empty)");
  CHECK(scan_error("\n foo\nBEGIN:VCALENDAR\n", Errc::not_a_calendar) ==
        "t.ics:2: not a VCALENDAR (starts with a continuation line)");
  CHECK(scan_error("hello world\n", Errc::not_a_calendar) == "t.ics:1: not a VCALENDAR");
  CHECK(scan_error("VERSION:2.0\nBEGIN:VCALENDAR\n", Errc::not_a_calendar) == "t.ics:1: not a VCALENDAR");
  CHECK(scan_error("\nBEGIN:VEVENT\nEND:VEVENT\n", Errc::not_a_calendar) ==
        "t.ics:2: not a VCALENDAR (first component is VEVENT)");
  CHECK(scan_error("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", Errc::invalid_value) ==
        "t.ics:3: not an iCalendar content line");
  CHECK(scan_error("BEGIN:VCALENDAR\nX;CN=\"open:1\nEND:VCALENDAR\n", Errc::invalid_value) ==
        "t.ics:2: not an iCalendar content line");
  CHECK(scan_error("BEGIN:VCALENDAR\nX;CN:1\nEND:VCALENDAR\n", Errc::invalid_value) ==
        "t.ics:2: not an iCalendar content line");
  CHECK(scan_error("BEGIN:VCALENDAR\n:1\nEND:VCALENDAR\n", Errc::invalid_value) == "t.ics:2: not an iCalendar content line");
  CHECK(scan_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n", Errc::unbalanced) ==
        "t.ics:3: END:VTODO at line 3 closes BEGIN:VEVENT opened at line 2");
  CHECK(scan_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\n\nend:vtodo\nEND:VCALENDAR\n", Errc::unbalanced) ==
        "t.ics:4: END:VTODO at line 4 closes BEGIN:VEVENT opened at line 2");
  CHECK(scan_error("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n", Errc::unbalanced) ==
        "t.ics:3: END:VCALENDAR at line 3 closes nothing");
  CHECK(scan_error("BEGIN:VCALENDAR\nEND:VCALENDAR\nsummary:late\n", Errc::unbalanced) ==
        "t.ics:3: SUMMARY after the VCALENDAR was closed");
  CHECK(scan_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:a\n b\nEND:VCALENDAR\n", Errc::unbalanced) ==
        "t.ics:5: END:VCALENDAR at line 5 closes BEGIN:VEVENT opened at line 2");
  CHECK(scan_error("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", Errc::unbalanced) ==
        "t.ics:2: BEGIN:VEVENT opened at line 2 is never closed");
}

TEST_CASE("scanner: two VCALENDARs in one stream are read as one", "[calendar][scan]") {
  const Component c = scanned(
      "BEGIN:VCALENDAR\nX-A:1\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\n"
      "BEGIN:VCALENDAR\nX-B:2\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\nEND:VCALENDAR\n");
  CHECK(c.find("X-A") != nullptr);
  REQUIRE(c.find("X-B") != nullptr);
  CHECK(c.find("X-B")->line == 8);
  REQUIRE(c.children.size() == 2);
  CHECK(c.children[1].find("UID")->value == "b");
}

TEST_CASE("scanner: invalid values are named with the line of their (folded) property", "[calendar][scan]") {
  const std::string head = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n";
  const std::string tail = "END:VEVENT\r\nEND:VCALENDAR\r\n";
  CHECK(value_error(head + "DTSTART:20261123T090000\r\nEXDATE:20261124T090000,\r\n 20261199T090000\r\n" + tail,
                    Errc::invalid_value) == "t.ics:4: EXDATE value '20261199T090000' is not a valid date or date-time");
  CHECK(value_error(head + "dtend:2026-11-23\r\n" + tail, Errc::invalid_value) ==
        "t.ics:3: DTEND value '2026-11-23' is not a valid date or date-time");
  CHECK(value_error(head + "DURATION:PT1X\r\n" + tail, Errc::invalid_value) ==
        "t.ics:3: DURATION value 'PT1X' is not a valid duration");
  CHECK(value_error(head + "rrule:freq=weekly;byday=MO;ByDay=TU\r\n" + tail, Errc::invalid_rule) ==
        "t.ics:3: RRULE is invalid: BYDAY appears twice");
  CHECK(value_error(head + "RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101\r\n" + tail, Errc::invalid_rule) ==
        "t.ics:3: RRULE is invalid: UNTIL and COUNT may not both appear (RFC 5545 §3.3.10)");
  CHECK(value_error(head + "RRULE:FREQ=DAILY;bysomething=1\r\n" + tail, Errc::invalid_rule) ==
        "t.ics:3: RRULE is invalid: part BYSOMETHING is unknown");
  CHECK(value_error(head + "RRULE:FREQ=DAILY;BYHOUR=24\r\n" + tail, Errc::invalid_rule) ==
        "t.ics:3: RRULE is invalid: BYHOUR=24 is out of range");
  CHECK(value_error(head + "RRULE:FREQ=MONTHLY;BYDAY=0MO\r\n" + tail, Errc::invalid_rule) ==
        "t.ics:3: RRULE is invalid: BYDAY=0MO is invalid");
  CHECK(value_error(head + "BEGIN:VALARM\r\nTRIGGER:-PT15Q\r\nEND:VALARM\r\n" + tail, Errc::invalid_value) ==
        "t.ics:4: TRIGGER value '-PT15Q' is not a valid duration");
}

TEST_CASE("scanner: values that are valid pass, in any case of their names", "[calendar][scan]") {
  const Component c = scanned(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\n"
      "DTSTART;TZID=Europe/Helsinki:20261123T090000\n"
      "rrule:freq=weekly;byday=mo,-1fr;wkst=su;until=20270101T000000Z\n"
      "EXDATE:20261130T090000,20261207T090000\n"
      "RDATE;VALUE=PERIOD:20261201T090000Z/PT1H\n"
      "BEGIN:VALARM\ntrigger;value=date-time:20261123T080000Z\nEND:VALARM\n"
      "END:VEVENT\nEND:VCALENDAR\n");
  CHECK(validate_values(c, "t.ics").has_value());
}
