// The scanner's property kinds and parameter lists (src/calendar/ical_scan.hpp),
// which the calendar module reads instead of comparing names as text.
#include "ical_scan.hpp"

#include <catch2/catch.hpp>

#include <string>

using yhteisaika::calendar::detail::Name;
using yhteisaika::calendar::detail::name_kind;
using yhteisaika::calendar::detail::scan_calendar;
using yhteisaika::calendar::detail::serialize;

TEST_CASE("scanner: property names are known by kind, whatever their case in the text", "[calendar][scan]") {
  CHECK(name_kind("DTSTART") == Name::dtstart);
  CHECK(name_kind("RECURRENCE-ID") == Name::recurrence_id);
  CHECK(name_kind("LAST-MODIFIED") == Name::last_modified);
  CHECK(name_kind("FREEBUSY") == Name::freebusy);
  CHECK(name_kind("DTSTARTX") == Name::other);
  CHECK(name_kind("dtstart") == Name::other);  // the scanner folds the case first
  auto c = scan_calendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDtStart:20261123\nrecurrence-id:20261124\nEND:VEVENT\nEND:VCALENDAR\n", "t.ics");
  REQUIRE(c.has_value());
  REQUIRE(c->children.size() == 1);
  const auto& event = c->children[0];
  REQUIRE(event.find(Name::dtstart) != nullptr);
  CHECK(event.find(Name::dtstart)->value == "20261123");
  REQUIRE(event.find(Name::recurrence_id) != nullptr);
  CHECK(event.find(Name::recurrence_id)->line == 4);
  CHECK(event.find(Name::dtend) == nullptr);
}

TEST_CASE("scanner: parameters are listed in order, and serialized back quoted where needed", "[calendar][scan]") {
  auto c = scan_calendar(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nattendee;cn=\"A; B\";Role=REQ-PARTICIPANT;x-m=\"p\",q:mailto:a@b.fi\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n",
      "t.ics");
  REQUIRE(c.has_value());
  const auto& p = c->children.at(0).props.at(0);
  REQUIRE(p.params().size() == 3);
  CHECK(p.params()[0].name == "CN");
  CHECK(p.params()[0].value == "A; B");
  CHECK(p.params()[1].name == "ROLE");
  CHECK(p.params()[2].name == "X-M");
  CHECK(p.params()[2].value == "p,q");
  CHECK(serialize(c->children.at(0)) ==
        "BEGIN:VEVENT\r\nATTENDEE;CN=\"A; B\";ROLE=REQ-PARTICIPANT;X-M=\"p,q\":mailto:a@b.fi\r\nEND:VEVENT\r\n");
}

TEST_CASE("scanner: a scanned calendar may be moved and copied, its views stay valid", "[calendar][scan]") {
  const std::string text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nsummary;x-a=\"1\",\"2\":folded\n  line\nEND:VEVENT\nEND:VCALENDAR\n";
  auto scanned = scan_calendar(text, "t.ics");
  REQUIRE(scanned.has_value());
  auto moved = std::move(*scanned);
  const auto copy = moved;
  moved = {};
  const auto& p = copy.children.at(0).props.at(0);
  CHECK(p.name == "SUMMARY");
  CHECK(p.value == "folded line");
  CHECK(p.param("X-A") == "1,2");
}
