#include <yhteisaika/calendar/itip_reply.hpp>

#include <yhteisaika/calendar/errc.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;

namespace {

// As Thunderbird sends it (Outlook and Google differ only in extra properties).
std::string reply(const std::string& attendees, const std::string& extra = "SEQUENCE:2\r\n",
                  const std::string& method = "REPLY") {
  return "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nVERSION:2.0\r\nMETHOD:" +
         method +
         "\r\nBEGIN:VEVENT\r\nUID:meeting-7@yhteisaika.local\r\n" + extra +
         "DTSTAMP:20261130T120000Z\r\nDTSTART:20261202T123000Z\r\n" + attendees +
         "ORGANIZER:mailto:yhteisaika@example.fi\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

}  // namespace

TEST_CASE("a reply gives the uid, sequence, attendee and answer", "[calendar][itip_reply]") {
  auto r = calendar::read_itip_reply(
      reply("ATTENDEE;CN=Pekka Korhonen;PARTSTAT=declined;\r\n ROLE=REQ-PARTICIPANT:MAILTO:Pekka.Korhonen@Example.FI\r\n"),
      "reply.eml");
  REQUIRE(r.has_value());
  CHECK(r->uid == "meeting-7@yhteisaika.local");
  CHECK(r->sequence == 2);
  CHECK(r->attendee == "pekka.korhonen@example.fi");
  CHECK(r->partstat == "DECLINED");
}

TEST_CASE("a reply without SEQUENCE answers sequence 0", "[calendar][itip_reply]") {
  auto r = calendar::read_itip_reply(reply("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.fi\r\n", ""), "r");
  REQUIRE(r.has_value());
  CHECK(r->sequence == 0);
}

TEST_CASE("what is not a usable reply is refused with its line", "[calendar][itip_reply]") {
  struct Case {
    const char* what;
    std::string text;
    const char* message;
  };
  const Case cases[] = {
      {"a request", reply("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.fi\r\n", "", "REQUEST"), "not an iTIP REPLY"},
      {"no attendee", reply(""), "no ATTENDEE"},
      {"two attendees",
       reply("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.fi\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:b@example.fi\r\n"),
       "several"},
      {"no partstat", reply("ATTENDEE:mailto:a@example.fi\r\n"), "no PARTSTAT"},
      {"a bad sequence", reply("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.fi\r\n", "SEQUENCE:two\r\n"),
       "SEQUENCE"},
      {"not a calendar", "Hello, I will come.\r\n", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    auto r = calendar::read_itip_reply(c.text, "reply.eml");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().where.place == "reply.eml");
    CHECK_THAT(r.error().message, Catch::Contains(c.message));
  }
}
