#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>
#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/itip.hpp>

#include "../support/helsinki_zone.hpp"

using namespace std::chrono;
using yhteisaika::calendar::InviteAttendee;
using yhteisaika::calendar::ItipMethod;
using yhteisaika::calendar::MeetingEvent;
using yhteisaika::calendar::render_itip;
using yhteisaika::test::helsinki;
using yhteisaika::test::utc;
using yhteisaika::time::Instant;
using yhteisaika::time::Interval;
using yhteisaika::time::Zone;

namespace {

// RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed.
std::string unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\r\n") == 0 && i + 2 < text.size() && (text[i + 2] == ' ' || text[i + 2] == '\t')) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// The physical lines, without their CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("\r\n", from)) != std::string::npos; from = at + 2) {
    lines.push_back(text.substr(from, at - from));
  }
  return lines;
}

// The unfolded content lines.
std::vector<std::string> content_lines(const std::string& text) { return physical_lines(unfold(text)); }

// Every unfolded line whose property name is `name`.
std::vector<std::string> properties(const std::string& text, const std::string& name) {
  std::vector<std::string> found;
  for (const std::string& line : content_lines(text)) {
    if (line.compare(0, name.size(), name) == 0 && line.size() > name.size() &&
        (line[name.size()] == ':' || line[name.size()] == ';')) {
      found.push_back(line);
    }
  }
  return found;
}

bool has_line(const std::string& text, const std::string& line) {
  const auto lines = content_lines(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

Instant utc_at(int y, unsigned m, unsigned d, int h, int mi = 0) { return utc(year{y} / month{m} / day{d}, h, mi); }

MeetingEvent meeting(Instant start = utc_at(2026, 11, 25, 12, 30), minutes length = minutes{60}) {
  MeetingEvent m;
  m.uid = "meeting-42@yhteisaika.local";
  m.sequence = 3;
  m.when = {start, start + length};
  m.summary = "Omatiimi: YA-2026-0042";
  m.location = "Sote-keskus";
  m.organizer = {"Kaisa Koordinaattori", "kaisa@example.fi"};
  m.attendees = {
      InviteAttendee{{"Anna Virtanen", "anna@example.fi"}, true, "NEEDS-ACTION", "lääkäri"},
      InviteAttendee{{"Pekka Sosiaali", "pekka@example.fi"}, false, "ACCEPTED", ""},
  };
  m.last_modified = utc_at(2026, 11, 20, 8);
  return m;
}

const Instant kNow = utc_at(2026, 11, 21, 10, 15);

std::string invite(const MeetingEvent& m, ItipMethod method = ItipMethod::request) {
  return render_itip(method, m, kNow, helsinki(), "Europe/Helsinki");
}

std::vector<Interval> read_back(const std::string& text, const Zone& local_zone, Interval horizon) {
  static const yhteisaika::calendar::ZoneCatalog catalog;
  yhteisaika::calendar::ExpandOptions options;
  options.horizon = horizon;
  options.local_zone = &local_zone;
  options.zones = &catalog;
  auto busy = yhteisaika::calendar::busy_intervals(text, "invite.ics", options);
  INFO((busy.has_value() ? std::string() : busy.error().to_string()));
  REQUIRE(busy.has_value());
  return busy.value();
}

}  // namespace

TEST_CASE("an invite is a REQUEST with the calendar header a client expects", "[calendar][itip]") {
  const std::string text = invite(meeting());
  const auto lines = content_lines(text);
  REQUIRE(lines.size() > 6);
  CHECK(lines[0] == "BEGIN:VCALENDAR");
  CHECK(has_line(text, "PRODID:-//Yhteisaika//Yhteisaika//FI"));
  CHECK(has_line(text, "VERSION:2.0"));
  CHECK(has_line(text, "CALSCALE:GREGORIAN"));
  CHECK(properties(text, "METHOD") == std::vector<std::string>{"METHOD:REQUEST"});
  CHECK(lines.back() == "END:VCALENDAR");
  CHECK(properties(text, "BEGIN") == std::vector<std::string>{"BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "BEGIN:STANDARD",
                                                              "BEGIN:DAYLIGHT", "BEGIN:VEVENT"});
}

TEST_CASE("the meeting's local wall-clock time is written with its TZID in winter and summer", "[calendar][itip]") {
  struct Case {
    Instant start;
    const char* dtstart;
    const char* dtend;
  };
  const Case c = GENERATE(
      // EET (+02:00): 12:30Z is 14:30 local.
      Case{utc_at(2026, 11, 25, 12, 30), "DTSTART;TZID=Europe/Helsinki:20261125T143000",
           "DTEND;TZID=Europe/Helsinki:20261125T153000"},
      // EEST (+03:00): 11:30Z is 14:30 local.
      Case{utc_at(2027, 6, 16, 11, 30), "DTSTART;TZID=Europe/Helsinki:20270616T143000",
           "DTEND;TZID=Europe/Helsinki:20270616T153000"},
      // The week after the spring change (2027-03-28 03:00 -> 04:00).
      Case{utc_at(2027, 3, 31, 11, 30), "DTSTART;TZID=Europe/Helsinki:20270331T143000",
           "DTEND;TZID=Europe/Helsinki:20270331T153000"});
  const std::string text = invite(meeting(c.start));
  CHECK(properties(text, "DTSTART").back() == c.dtstart);
  CHECK(properties(text, "DTEND").back() == c.dtend);
  CHECK(has_line(text, "DTSTAMP:20261121T101500Z"));
  CHECK(has_line(text, "UID:meeting-42@yhteisaika.local"));
  CHECK(has_line(text, "SEQUENCE:3"));
}

TEST_CASE("a client reading the invite back gets the meeting's instants across DST", "[calendar][itip]") {
  // Read through Yhteisaika's own reader, which takes offsets from the in-file
  // VTIMEZONE (libical) rather than the system database.
  const Instant start = GENERATE(utc_at(2026, 11, 25, 12, 30), utc_at(2027, 3, 24, 12, 30), utc_at(2027, 3, 31, 11, 30),
                                 utc_at(2027, 10, 27, 11, 30), utc_at(2027, 11, 3, 12, 30));
  const MeetingEvent m = meeting(start);
  const auto busy = read_back(invite(m), Zone::fixed("UTC", seconds{0}), {start - days{30}, start + days{30}});
  CHECK(busy == std::vector<Interval>{m.when});
}

TEST_CASE("the VTIMEZONE states the EU rule of Europe/Helsinki", "[calendar][itip]") {
  const std::string text = unfold(invite(meeting()));
  const std::string expected =
      "BEGIN:VTIMEZONE\r\n"
      "TZID:Europe/Helsinki\r\n"
      "BEGIN:STANDARD\r\n"
      "DTSTART:20251026T040000\r\n"
      "TZOFFSETFROM:+0300\r\n"
      "TZOFFSETTO:+0200\r\n"
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
      "END:STANDARD\r\n"
      "BEGIN:DAYLIGHT\r\n"
      "DTSTART:20260329T030000\r\n"
      "TZOFFSETFROM:+0200\r\n"
      "TZOFFSETTO:+0300\r\n"
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
      "END:DAYLIGHT\r\n"
      "END:VTIMEZONE\r\n";
  CHECK(text.find(expected) != std::string::npos);
}

TEST_CASE("a zone that follows no yearly rule gets explicit RDATE changes", "[calendar][itip]") {
  // Summer time starts on the last Sunday of March, except in 2027 (first Sunday of April).
  const auto at = [](int y, unsigned m, unsigned d) { return utc_at(y, m, d, 1); };
  const Zone irregular("Test/Irregular", hours{2},
                       {{at(2026, 3, 29), hours{3}},
                        {at(2026, 10, 25), hours{2}},
                        {at(2027, 4, 4), hours{3}},
                        {at(2027, 10, 31), hours{2}},
                        {at(2028, 3, 26), hours{3}},
                        {at(2028, 10, 29), hours{2}}});
  // 2027-04-01 is summer time in Helsinki but not in this zone.
  const Instant start = utc_at(2027, 4, 1, 12, 30);
  const std::string text = render_itip(ItipMethod::request, meeting(start), kNow, irregular, "Test/Irregular");
  CHECK(has_line(text, "DTSTART;TZID=Test/Irregular:20270401T143000"));
  CHECK(has_line(text, "RDATE:20270404T030000"));
  CHECK(has_line(text, "RDATE:20280326T030000"));
  CHECK(has_line(text, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
  for (const Instant s : {start, utc_at(2027, 4, 7, 11, 30), utc_at(2026, 4, 1, 11, 30), utc_at(2027, 3, 31, 12, 30)}) {
    const MeetingEvent m = meeting(s);
    const std::string t = render_itip(ItipMethod::request, m, kNow, irregular, "Test/Irregular");
    CHECK(read_back(t, Zone::fixed("UTC", seconds{0}), {s - days{30}, s + days{30}}) == std::vector<Interval>{m.when});
  }
}

TEST_CASE("a zone that stops changing gets an observance rule that ends", "[calendar][itip]") {
  const auto at = [](int y, unsigned m, unsigned d) { return utc_at(y, m, d, 1); };
  const Zone abolished("Test/Abolished", hours{2},
                       {{at(2025, 3, 30), hours{3}},
                        {at(2025, 10, 26), hours{2}},
                        {at(2026, 3, 29), hours{3}},
                        {at(2026, 10, 25), hours{2}}});
  const Instant start = utc_at(2026, 12, 2, 12, 30);
  const std::string text = render_itip(ItipMethod::request, meeting(start), kNow, abolished, "Test/Abolished");
  CHECK(has_line(text, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20261025T010000Z"));
  // No summer time in 2027: 14:30 local is 12:30Z in June.
  const Instant summer = utc_at(2027, 6, 16, 12, 30);
  const MeetingEvent m = meeting(summer);
  const std::string t = render_itip(ItipMethod::request, m, kNow, abolished, "Test/Abolished");
  CHECK(has_line(t, "DTSTART;TZID=Test/Abolished:20270616T143000"));
  CHECK(read_back(t, Zone::fixed("UTC", seconds{0}), {summer - days{30}, summer + days{30}}) ==
        std::vector<Interval>{m.when});
}

TEST_CASE("a fixed-offset zone has one STANDARD observance", "[calendar][itip]") {
  const std::string text = render_itip(ItipMethod::request, meeting(), kNow, Zone::fixed("UTC", seconds{0}), "UTC");
  CHECK(unfold(text).find("BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                          "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n") !=
        std::string::npos);
  CHECK(has_line(text, "DTSTART;TZID=UTC:20261125T123000"));
}

TEST_CASE("required and optional attendees get their ROLE, PARTSTAT and RSVP", "[calendar][itip]") {
  const auto attendees = properties(invite(meeting()), "ATTENDEE");
  CHECK(attendees == std::vector<std::string>{
                         "ATTENDEE;CN=Anna Virtanen;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                         "X-YHTEISAIKA-PROFESSION=lääkäri:mailto:anna@example.fi",
                         "ATTENDEE;CN=Pekka Sosiaali;ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:"
                         "mailto:pekka@example.fi",
                     });
  CHECK(properties(invite(meeting()), "ORGANIZER") ==
        std::vector<std::string>{"ORGANIZER;CN=Kaisa Koordinaattori:mailto:kaisa@example.fi"});
}

TEST_CASE("the organizer attending their own meeting is accepted and not asked to reply", "[calendar][itip][issue-10]") {
  // The coordinator, also the ORGANIZER, was listed as an ATTENDEE with RSVP=TRUE, so
  // calendar programs asked them to answer their own invitation.
  MeetingEvent m = meeting();
  m.attendees.push_back(
      InviteAttendee{{"Kaisa Koordinaattori", "kaisa@example.fi"}, true, "ACCEPTED", "sosiaalityöntekijä", false});
  const auto attendees = properties(invite(m), "ATTENDEE");
  REQUIRE(attendees.size() == 3);
  CHECK(attendees[2] ==
        "ATTENDEE;CN=Kaisa Koordinaattori;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;"
        "X-YHTEISAIKA-PROFESSION=sosiaalityöntekijä:mailto:kaisa@example.fi");
  CHECK(attendees[0].find(";RSVP=TRUE;") != std::string::npos);  // the others are asked
  // A CANCEL asks nobody, the organizer included.
  for (const std::string& a : properties(invite(m, ItipMethod::cancel), "ATTENDEE")) {
    CHECK(a.find("RSVP") == std::string::npos);
  }
}

TEST_CASE("a name with a comma or a quote is quoted in CN, the quote caret-encoded", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.attendees[0].person.name = "Virtanen, Anna \"Annu\"";
  m.attendees[1].person.name = "Lahti; Pekka: ^_^";
  m.organizer.name = "Kaisa\nKoordinaattori";
  const std::string text = invite(m);
  const auto attendees = properties(text, "ATTENDEE");
  REQUIRE(attendees.size() == 2);
  CHECK(attendees[0].rfind("ATTENDEE;CN=\"Virtanen, Anna ^'Annu^'\";ROLE=REQ-PARTICIPANT;", 0) == 0);
  CHECK(attendees[1].rfind("ATTENDEE;CN=\"Lahti; Pekka: ^^_^^\";ROLE=OPT-PARTICIPANT;", 0) == 0);
  CHECK(properties(text, "ORGANIZER") ==
        std::vector<std::string>{"ORGANIZER;CN=Kaisa^nKoordinaattori:mailto:kaisa@example.fi"});
}

TEST_CASE("TEXT values escape backslash, semicolon, comma and newlines", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.description = "Agenda; 1) lääkitys, 2) kotihoito\\tuki\r\nToinen rivi\nKolmas";
  m.summary = "Omatiimi: YA-2026-0042, jatko";
  m.location = "Huone 3;\tkrs 2";
  const std::string text = invite(m);
  CHECK(has_line(text, "DESCRIPTION:Agenda\\; 1) lääkitys\\, 2) kotihoito\\\\tuki\\nToinen rivi\\nKolmas"));
  CHECK(has_line(text, "SUMMARY:Omatiimi: YA-2026-0042\\, jatko"));
  CHECK(has_line(text, "LOCATION:Huone 3\\;\tkrs 2"));
}

TEST_CASE("no value can break a content line", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.uid = "x\r\nATTENDEE:mailto:evil@example.com";
  m.attendees[0].person.email = "anna@example.fi\r\nATTENDEE:mailto:evil@example.com";
  m.attendees[0].partstat = "ACCEPTED\nX";
  const std::string text = invite(m);
  CHECK(properties(text, "ATTENDEE").size() == 2);
  for (const std::string& line : content_lines(text)) CHECK(line.find("ATTENDEE:mailto:evil") != 0);
}

TEST_CASE("empty LOCATION and DESCRIPTION are left out, and IN-HOLE only when in the hole", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.location.clear();
  m.description.clear();
  std::string text = invite(m);
  CHECK(properties(text, "LOCATION").empty());
  CHECK(properties(text, "DESCRIPTION").empty());
  CHECK(properties(text, "X-YHTEISAIKA-IN-HOLE").empty());
  m.in_hole = true;
  text = invite(m);
  CHECK(has_line(text, "X-YHTEISAIKA-IN-HOLE:TRUE"));
  CHECK(has_line(text, "STATUS:CONFIRMED"));
  CHECK(has_line(text, "TRANSP:OPAQUE"));
  CHECK(has_line(text, "LAST-MODIFIED:20261120T080000Z"));
}

TEST_CASE("a person without e-mail is addressed by the URI the caller gives", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.attendees[1].person.email = "urn:yhteisaika:participant:sosiaali-1";
  const auto attendees = properties(invite(m), "ATTENDEE");
  REQUIRE(attendees.size() == 2);
  CHECK(attendees[1].ends_with(":urn:yhteisaika:participant:sosiaali-1"));

  m.attendees[1].person.email.clear();
  CHECK_THROWS_AS(invite(m), std::invalid_argument);
}

TEST_CASE("a meeting without UID or duration is a bug of the caller", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.uid.clear();
  CHECK_THROWS_AS(invite(m), std::invalid_argument);
  m = meeting();
  m.when.end = m.when.start;
  CHECK_THROWS_AS(invite(m), std::invalid_argument);
}

TEST_CASE("a CANCEL names the same meeting, is CANCELLED and asks no one to reply", "[calendar][itip]") {
  MeetingEvent m = meeting();
  const std::string request = invite(m);
  m.sequence = 4;
  const std::string cancel = invite(m, ItipMethod::cancel);
  CHECK(properties(cancel, "METHOD") == std::vector<std::string>{"METHOD:CANCEL"});
  CHECK(properties(cancel, "UID") == properties(request, "UID"));
  CHECK(has_line(cancel, "SEQUENCE:4"));
  CHECK(has_line(cancel, "STATUS:CANCELLED"));
  CHECK(properties(cancel, "STATUS").size() == 1);
  CHECK(properties(cancel, "DTSTART") == properties(request, "DTSTART"));
  const auto attendees = properties(cancel, "ATTENDEE");
  CHECK(attendees.size() == 2);  // RFC 5546 §3.2.5: all attendees for a whole-meeting cancel
  for (const std::string& a : attendees) CHECK(a.find("RSVP") == std::string::npos);
}

TEST_CASE("every line ends in CRLF and no physical line is longer than 75 octets", "[calendar][itip]") {
  MeetingEvent m = meeting();
  m.description = std::string(300, 'x') + " äöå €uro 𝄞 " + std::string(200, 'y');
  m.attendees[0].person.name = "Annamaria Kristiina Virtanen-Lehtonen-Mäkinen, erikoislääkäri";
  const std::string text = invite(m);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') CHECK((i > 0 && text[i - 1] == '\r'));
    if (text[i] == '\r') CHECK((i + 1 < text.size() && text[i + 1] == '\n'));
  }
  REQUIRE(text.ends_with("\r\n"));
  for (const std::string& line : physical_lines(text)) {
    CHECK(line.size() <= 75);
    CHECK(valid_utf8(line));
  }
  CHECK(has_line(text, "DESCRIPTION:" + m.description));
}

TEST_CASE("folding never splits a multibyte character and unfolding restores the text", "[calendar][itip]") {
  // "DESCRIPTION:" is 12 octets; with `pad` ASCII octets after it, the 'ä' (2 octets)
  // or '€' (3 octets) lands on every position around the 75-octet boundary.
  const int pad = GENERATE(range(58, 66));
  const std::string special = GENERATE(std::string("ä"), std::string("€"), std::string("𝄞"));
  MeetingEvent m = meeting();
  m.description = std::string(static_cast<std::size_t>(pad), 'a') + special + special + "loppu" +
                  std::string(static_cast<std::size_t>(pad), 'b') + special;
  const std::string text = invite(m);
  for (const std::string& line : physical_lines(text)) {
    INFO(line);
    CHECK(line.size() <= 75);
    CHECK(valid_utf8(line));
  }
  CHECK(properties(text, "DESCRIPTION") == std::vector<std::string>{"DESCRIPTION:" + m.description});
  const std::string folded = text.substr(text.find("DESCRIPTION:"));
  CHECK(folded.find("\r\n ") < folded.find("\r\nORGANIZER"));  // it really was folded
}

TEST_CASE("a held meeting's REQUEST is TENTATIVE, its CANCEL CANCELLED", "[calendar][itip][holds]") {
  MeetingEvent m = meeting();
  m.tentative = true;
  const std::string request = invite(m);
  CHECK(has_line(request, "METHOD:REQUEST"));
  CHECK(has_line(request, "STATUS:TENTATIVE"));
  CHECK(properties(request, "STATUS").size() == 1);
  CHECK(has_line(request, "TRANSP:OPAQUE"));  // it blocks the time
  const std::string cancel = invite(m, ItipMethod::cancel);
  CHECK(has_line(cancel, "STATUS:CANCELLED"));
  m.tentative = false;
  CHECK(has_line(invite(m), "STATUS:CONFIRMED"));
}
