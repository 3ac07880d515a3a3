#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>
#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/feed.hpp>

#include "../support/helsinki_zone.hpp"

using namespace std::chrono;
using yhteisaika::calendar::Feed;
using yhteisaika::calendar::MeetingEvent;
using yhteisaika::calendar::render_feed;
using yhteisaika::test::helsinki;
using yhteisaika::test::utc;
using yhteisaika::time::Instant;
using yhteisaika::time::Interval;
using yhteisaika::time::WorkRules;

namespace {

using Lines = std::vector<std::string>;

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

Lines physical_lines(const std::string& text) {
  Lines lines;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("\r\n", from)) != std::string::npos; from = at + 2) {
    lines.push_back(text.substr(from, at - from));
  }
  return lines;
}

// The unfolded content lines of each VEVENT, in order.
std::vector<Lines> vevents(const std::string& text) {
  std::vector<Lines> events;
  bool inside = false;
  for (const std::string& line : physical_lines(unfold(text))) {
    if (line == "BEGIN:VEVENT") {
      events.emplace_back();
      inside = true;
    } else if (line == "END:VEVENT") {
      inside = false;
    } else if (inside) {
      events.back().push_back(line);
    }
  }
  return events;
}

// The lines of `lines` whose property name is `name`.
Lines properties(const Lines& lines, const std::string& name) {
  Lines found;
  for (const std::string& line : lines) {
    if (line.compare(0, name.size(), name) == 0 && line.size() > name.size() &&
        (line[name.size()] == ':' || line[name.size()] == ';')) {
      found.push_back(line);
    }
  }
  return found;
}

bool has_line(const Lines& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

Instant utc_at(int y, unsigned m, unsigned d, int h, int mi = 0) { return utc(year{y} / month{m} / day{d}, h, mi); }

Instant local_midnight(int y, unsigned m, unsigned d) {
  return helsinki().to_instant(local_days{year{y} / month{m} / day{d}});
}

Feed feed(Interval span) {
  Feed f;
  f.calendar_name = "Yhteisaika – Anna Virtanen";
  f.owner_key = "laakari-1";
  f.span = span;
  f.hole_organizer = {"Yhteisaika", "yhteisaika@hyvinvointialue.example"};
  return f;
}

const Instant kNow = utc_at(2026, 11, 21, 10, 15);

std::string render(const Feed& f, const WorkRules& rules = {}) {
  return render_feed(f, rules, helsinki(), "Europe/Helsinki", kNow);
}

// The hole series of a feed: the VEVENT marked X-YHTEISAIKA-HOLE:TRUE.
Lines hole_of(const std::string& text) {
  for (const Lines& ev : vevents(text)) {
    if (has_line(ev, "X-YHTEISAIKA-HOLE:TRUE")) return ev;
  }
  return {};
}

MeetingEvent meeting(std::string uid, Instant start) {
  MeetingEvent m;
  m.uid = std::move(uid);
  m.sequence = 1;
  m.when = {start, start + minutes{45}};
  m.summary = "Omatiimi: YA-2026-0042";
  m.organizer = {"Kaisa Koordinaattori", "kaisa@example.fi"};
  m.attendees = {{{"Anna Virtanen", "anna@example.fi"}, true, "ACCEPTED", "lääkäri"}};
  m.in_hole = true;
  m.last_modified = utc_at(2026, 11, 20, 8);
  return m;
}

}  // namespace

TEST_CASE("a feed is a PUBLISH calendar with its name and refresh interval", "[calendar][feed]") {
  Feed f = feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 7)});
  const Lines lines = physical_lines(unfold(render(f)));
  CHECK(has_line(lines, "METHOD:PUBLISH"));
  CHECK(has_line(lines, "VERSION:2.0"));
  CHECK(has_line(lines, "NAME:Yhteisaika – Anna Virtanen"));
  CHECK(has_line(lines, "X-WR-CALNAME:Yhteisaika – Anna Virtanen"));
  CHECK(has_line(lines, "REFRESH-INTERVAL;VALUE=DURATION:PT1H"));
  CHECK(has_line(lines, "X-PUBLISHED-TTL:PT1H"));

  struct Case {
    minutes interval;
    const char* line;
  };
  const Case c = GENERATE(Case{minutes{90}, "X-PUBLISHED-TTL:PT1H30M"}, Case{minutes{15}, "X-PUBLISHED-TTL:PT15M"},
                          Case{hours{24}, "X-PUBLISHED-TTL:P1D"});
  f.refresh_interval = c.interval;
  CHECK(has_line(physical_lines(render(f)), c.line));
  f.refresh_interval = minutes{0};
  CHECK_THROWS_AS(render(f), std::invalid_argument);
}

TEST_CASE("the hole is one weekly series from the span's first hole, with a stable UID", "[calendar][feed]") {
  const std::string text = render(feed({local_midnight(2026, 11, 23), local_midnight(2027, 2, 1)}));
  const Lines hole = hole_of(text);
  REQUIRE(!hole.empty());
  CHECK(vevents(text).size() == 1);
  CHECK(has_line(hole, "UID:hole-laakari-1@yhteisaika.local"));
  CHECK(has_line(hole, "DTSTAMP:20261121T101500Z"));
  CHECK(has_line(hole, "DTSTART;TZID=Europe/Helsinki:20261125T143000"));
  CHECK(has_line(hole, "DTEND;TZID=Europe/Helsinki:20261125T153000"));
  CHECK(properties(hole, "RRULE") == Lines{"RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20270127T123000Z"});
  CHECK(has_line(hole, "TRANSP:OPAQUE"));
  CHECK(has_line(hole, "SUMMARY:Reikä kalenterissa – yhteisasiakkaat"));
  CHECK(properties(hole, "ORGANIZER") == Lines{"ORGANIZER;CN=Yhteisaika:mailto:yhteisaika@hyvinvointialue.example"});
  // 2026-12-23 and 2026-12-30 are working Wednesdays; 2027-01-06 is Epiphany.
  CHECK(properties(hole, "EXDATE") == Lines{"EXDATE;TZID=Europe/Helsinki:20270106T143000"});
  // Rendering is a function of its inputs.
  CHECK(render(feed({local_midnight(2026, 11, 23), local_midnight(2027, 2, 1)})) == text);
}

TEST_CASE("the hole of a PUBLISH feed has an ORGANIZER", "[calendar][feed][issue-10]") {
  // The hole VEVENT had no ORGANIZER, which RFC 5546 §3.2.1 requires in every PUBLISH event.
  Feed f = feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 7)});
  for (const Lines& ev : vevents(render(f))) CHECK(properties(ev, "ORGANIZER").size() == 1);
  CHECK(properties(hole_of(render(f)), "ORGANIZER") ==
        Lines{"ORGANIZER;CN=Yhteisaika:mailto:yhteisaika@hyvinvointialue.example"});
  // Written like a meeting's: a name with a comma is quoted, a URI stays as it is.
  f.hole_organizer = {"Yhteisaika, Hämeenkoski", "urn:yhteisaika:service"};
  CHECK(properties(hole_of(render(f)), "ORGANIZER") ==
        Lines{"ORGANIZER;CN=\"Yhteisaika, Hämeenkoski\":urn:yhteisaika:service"});
  // A feed with a hole and nobody to organize it is a caller's bug.
  f.hole_organizer = {};
  CHECK_THROWS_AS(render(f), std::invalid_argument);
  // Without a hole in the span, no organizer is needed.
  f.span = {local_midnight(2028, 12, 4), local_midnight(2028, 12, 8)};  // only Wed 6 Dec, a holiday
  CHECK(vevents(render(f)).empty());
}

TEST_CASE("the hole is at 14:30 local in summer too", "[calendar][feed]") {
  const Lines hole = hole_of(render(feed({local_midnight(2027, 6, 14), local_midnight(2027, 7, 1)})));
  CHECK(has_line(hole, "DTSTART;TZID=Europe/Helsinki:20270616T143000"));
  // UNTIL is UTC: 14:30 EEST is 11:30Z.
  CHECK(properties(hole, "RRULE") == Lines{"RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630T113000Z"});
}

TEST_CASE("holiday Wednesdays are EXDATEs of the hole series", "[calendar][feed]") {
  struct Case {
    Interval span;
    const char* exdate;
  };
  const Case c = GENERATE(
      // Christmas Eve 2025 is a Wednesday.
      Case{{local_midnight(2025, 12, 15), local_midnight(2026, 1, 5)}, "EXDATE;TZID=Europe/Helsinki:20251224T143000"},
      // Independence Day 2028 is a Wednesday.
      Case{{local_midnight(2028, 11, 27), local_midnight(2028, 12, 18)},
           "EXDATE;TZID=Europe/Helsinki:20281206T143000"});
  const Lines hole = hole_of(render(feed(c.span)));
  CHECK(properties(hole, "EXDATE") == Lines{c.exdate});
}

TEST_CASE("a closure date on the hole day is an EXDATE", "[calendar][feed]") {
  WorkRules rules;
  rules.closures = {2026y / December / 9d, 2026y / December / 10d};
  const Lines hole = hole_of(render(feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 21)}), rules));
  CHECK(properties(hole, "EXDATE") == Lines{"EXDATE;TZID=Europe/Helsinki:20261209T143000"});
}

TEST_CASE("a released hole is an EXDATE", "[calendar][feed]") {
  Feed f = feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 21)});
  f.released_holes = {{utc_at(2026, 12, 2, 12, 30), utc_at(2026, 12, 2, 13, 30)}};
  CHECK(properties(hole_of(render(f)), "EXDATE") == Lines{"EXDATE;TZID=Europe/Helsinki:20261202T143000"});
}

TEST_CASE("a span starting on a holiday Wednesday starts the series at the next hole", "[calendar][feed]") {
  const Lines hole = hole_of(render(feed({local_midnight(2028, 12, 4), local_midnight(2028, 12, 31)})));
  CHECK(has_line(hole, "DTSTART;TZID=Europe/Helsinki:20281213T143000"));
  CHECK(properties(hole, "EXDATE").empty());
}

TEST_CASE("a span without a working hole day has no hole and no VTIMEZONE", "[calendar][feed]") {
  // Only Wednesday 6 Dec 2028 (Independence Day), and a span that ends mid-hole.
  const Interval span = GENERATE(Interval{local_midnight(2028, 12, 4), local_midnight(2028, 12, 8)},
                                 Interval{local_midnight(2026, 11, 25), utc_at(2026, 11, 25, 13)});
  const std::string text = render(feed(span));
  CHECK(vevents(text).empty());
  CHECK(text.find("VTIMEZONE") == std::string::npos);
}

TEST_CASE("meetings are shown with their status and without attendees", "[calendar][feed]") {
  Feed f = feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 7)});
  MeetingEvent live = meeting("meeting-42@yhteisaika.local", utc_at(2026, 11, 25, 12, 30));
  MeetingEvent gone = meeting("meeting-43@yhteisaika.local", utc_at(2026, 12, 2, 12, 30));
  gone.cancelled = true;
  gone.sequence = 2;
  gone.last_modified = {};
  f.meetings = {live, gone};
  const auto events = vevents(render(f));
  REQUIRE(events.size() == 3);
  CHECK(has_line(events[0], "X-YHTEISAIKA-HOLE:TRUE"));

  CHECK(has_line(events[1], "UID:meeting-42@yhteisaika.local"));
  CHECK(has_line(events[1], "DTSTART;TZID=Europe/Helsinki:20261125T143000"));
  CHECK(has_line(events[1], "DTEND;TZID=Europe/Helsinki:20261125T151500"));
  CHECK(has_line(events[1], "STATUS:CONFIRMED"));
  CHECK(has_line(events[1], "TRANSP:OPAQUE"));
  CHECK(has_line(events[1], "DTSTAMP:20261120T080000Z"));  // its last modification
  CHECK(has_line(events[1], "X-YHTEISAIKA-IN-HOLE:TRUE"));
  CHECK(has_line(events[1], "ORGANIZER;CN=Kaisa Koordinaattori:mailto:kaisa@example.fi"));
  CHECK(properties(events[1], "ATTENDEE").empty());  // RFC 5546 §3.2.1

  CHECK(has_line(events[2], "UID:meeting-43@yhteisaika.local"));
  CHECK(has_line(events[2], "SEQUENCE:2"));
  CHECK(has_line(events[2], "STATUS:CANCELLED"));
  CHECK(has_line(events[2], "TRANSP:TRANSPARENT"));
  CHECK(has_line(events[2], "DTSTAMP:20261121T101500Z"));  // unknown last modification: the feed's
  CHECK(properties(events[2], "LAST-MODIFIED").empty());
}

TEST_CASE("a feed with meetings only still declares its TZID", "[calendar][feed]") {
  Feed f = feed({local_midnight(2028, 12, 4), local_midnight(2028, 12, 8)});
  f.meetings = {meeting("meeting-42@yhteisaika.local", utc_at(2028, 12, 5, 10))};
  const std::string text = unfold(render(f));
  CHECK(text.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n") != std::string::npos);
  CHECK(text.find("DTSTART;TZID=Europe/Helsinki:20281205T120000\r\n") != std::string::npos);
}

TEST_CASE("Yhteisaika reading a feed back finds only the live meetings busy", "[calendar][feed]") {
  // The hole is the reservation (not busy) and a cancelled meeting frees its time,
  // across the spring DST change.
  Feed f = feed({local_midnight(2027, 3, 1), local_midnight(2027, 4, 30)});
  MeetingEvent live = meeting("meeting-42@yhteisaika.local", utc_at(2027, 3, 31, 11, 30));
  MeetingEvent gone = meeting("meeting-43@yhteisaika.local", utc_at(2027, 3, 24, 12, 30));
  gone.cancelled = true;
  f.meetings = {live, gone};
  static const yhteisaika::calendar::ZoneCatalog catalog;
  yhteisaika::calendar::ExpandOptions options;
  options.horizon = f.span;
  options.local_zone = &helsinki();
  options.zones = &catalog;
  const auto busy = yhteisaika::calendar::busy_intervals(render(f), "feed.ics", options);
  INFO((busy.has_value() ? std::string() : busy.error().to_string()));
  REQUIRE(busy.has_value());
  CHECK(busy.value() == std::vector<Interval>{live.when});
}

TEST_CASE("no physical line of a feed is longer than 75 octets", "[calendar][feed]") {
  Feed f = feed({local_midnight(2025, 11, 24), local_midnight(2029, 1, 1)});
  f.calendar_name = "Yhteisaika – " + std::string(40, 'x') + " Äijälä-Öhman, erikoislääkäri";
  const std::string text = render(f);
  for (const std::string& line : physical_lines(text)) CHECK(line.size() <= 75);
  CHECK(has_line(physical_lines(unfold(text)),
                 "NAME:" + std::string("Yhteisaika – ") + std::string(40, 'x') + " Äijälä-Öhman\\, erikoislääkäri"));
}

TEST_CASE("a feed without an owner key is a bug of the caller", "[calendar][feed]") {
  Feed f = feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 7)});
  f.owner_key.clear();
  CHECK_THROWS_AS(render(f), std::invalid_argument);
}

TEST_CASE("a held meeting is TENTATIVE in a feed and still takes the time", "[calendar][feed][holds]") {
  Feed f = feed({local_midnight(2026, 11, 23), local_midnight(2026, 12, 7)});
  MeetingEvent held = meeting("meeting-44@yhteisaika.local", utc_at(2026, 11, 26, 9));
  held.tentative = true;
  f.meetings = {held};
  const auto events = vevents(render(f));
  REQUIRE(events.size() == 2);
  CHECK(has_line(events[1], "UID:meeting-44@yhteisaika.local"));
  CHECK(has_line(events[1], "STATUS:TENTATIVE"));
  CHECK(has_line(events[1], "TRANSP:OPAQUE"));
}
