#include <yhteisaika/sources/caldav.hpp>

#include <yhteisaika/sources/calendar_dir.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika::sources;
using namespace std::chrono;

TEST_CASE("the calendar-query asks for VEVENTs over the horizon in UTC", "[sources][caldav]") {
  const yhteisaika::time::Instant from{sys_days{2026y / 11 / 16}};
  const auto body = calendar_query_body({from, from + days{120} + 90min});
  CHECK(body.find("<C:time-range start=\"20261116T000000Z\" end=\"20270316T013000Z\"/>") != std::string::npos);
  CHECK(body.find("urn:ietf:params:xml:ns:caldav") != std::string::npos);
  CHECK(parse_multistatus(body).error().code == Errc::bad_multistatus);  // not a multistatus
}

TEST_CASE("calendar-data is read from 200 propstats, with any prefixes and escapes", "[sources][caldav]") {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<!-- Radicale -->\n"
      "<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n"
      "  <response>\n"
      "    <href>/user/cal/a.ics</href>\n"
      "    <propstat><prop><getetag>\"1\"</getetag>\n"
      "      <C:calendar-data>BEGIN:VCALENDAR&#13;\nSUMMARY:R&amp;D &lt;x&gt;&#xE4;\nEND:VCALENDAR</C:calendar-data>\n"
      "    </prop><status>HTTP/1.1 200 OK</status></propstat>\n"
      "  </response>\n"
      "  <D:response xmlns:D=\"DAV:\">\n"
      "    <D:href>/user/cal/b.ics</D:href>\n"
      "    <D:propstat><D:prop><cd:calendar-data xmlns:cd=\"urn:ietf:params:xml:ns:caldav\">"
      "<![CDATA[BEGIN:VCALENDAR\nEND:VCALENDAR]]></cd:calendar-data></D:prop>\n"
      "      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>\n"
      "    <D:propstat><D:prop><cd:calendar-data xmlns:cd=\"urn:ietf:params:xml:ns:caldav\">ignored</cd:calendar-data>"
      "</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>\n"
      "  </D:response>\n"
      "</multistatus>\n";
  auto objects = parse_multistatus(xml);
  REQUIRE(objects.has_value());
  REQUIRE(objects->size() == 2);
  CHECK((*objects)[0] == CalendarObject{"/user/cal/a.ics", "BEGIN:VCALENDAR\r\nSUMMARY:R&D <x>\xC3\xA4\nEND:VCALENDAR"});
  CHECK((*objects)[1] == CalendarObject{"/user/cal/b.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR"});
}

TEST_CASE("an empty multistatus has no objects", "[sources][caldav]") {
  auto objects = parse_multistatus("<d:multistatus xmlns:d=\"DAV:\"/>");
  REQUIRE(objects.has_value());
  CHECK(objects->empty());
}

TEST_CASE("malformed or unexpected XML is an error with its line", "[sources][caldav]") {
  struct Case {
    const char* what;
    const char* xml;
  };
  const Case cases[] = {
      {"not XML", "BEGIN:VCALENDAR"},
      {"wrong root", "<a:foo xmlns:a=\"DAV:\"/>"},
      {"undeclared prefix", "<x:multistatus/>"},
      {"unclosed", "<multistatus xmlns=\"DAV:\"><response>"},
      {"mismatched", "<multistatus xmlns=\"DAV:\"></response>"},
      {"doctype", "<!DOCTYPE x [<!ENTITY a \"b\">]><multistatus xmlns=\"DAV:\"/>"},
      {"unknown entity",
       "<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response><propstat><prop>"
       "<C:calendar-data>&nbsp;</C:calendar-data></prop></propstat></response></multistatus>"},
      {"markup in calendar-data",
       "<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response><propstat><prop>"
       "<C:calendar-data><b/></C:calendar-data></prop></propstat></response></multistatus>"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto r = parse_multistatus(c.xml);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == Errc::bad_multistatus);
    CHECK(r.error().where.place.empty());
    CHECK(r.error().where.line > 0);
  }
}
