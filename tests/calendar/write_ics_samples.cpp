// Writes sample invites and feeds for validate_ics.py, which checks them with an
// independent parser (python3-icalendar, python3-recurring-ical-events).
//
//     write_ics_samples DIR
//
// The scenarios here and the expectations in validate_ics.py are kept in step by
// hand, on purpose: the script states what a client must see, not what we wrote.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <yhteisaika/calendar/feed.hpp>
#include <yhteisaika/calendar/itip.hpp>

#include "../support/helsinki_zone.hpp"

namespace {

using namespace std::chrono;
using namespace yhteisaika;
using test::helsinki;
using test::utc;

calendar::MeetingEvent meeting(time::Interval when) {
  calendar::MeetingEvent m;
  m.uid = "meeting-42@yhteisaika.local";
  m.sequence = 0;
  m.when = when;
  m.summary = "Omatiimi: YA-2026-0042";
  m.location = "Sote-keskus, huone 3; 2. krs";
  m.description = "Yhteisasiakkaan palaveri.\nTuokaa: hoitosuunnitelma, lääkelista \\ muistiinpanot";
  m.organizer = {"Koordinaattori Kaisa", "kaisa.koordinaattori@example.fi"};
  m.attendees = {
      {{"Virtanen, Anna \"Annu\"", "anna.virtanen@example.fi"}, true, "NEEDS-ACTION", "lääkäri"},
      {{"Pekka Sosiaalityöntekijä", "urn:yhteisaika:participant:sosiaali-1"}, false, "ACCEPTED", "sosiaalityöntekijä"},
      // The coordinator: the organizer, attending, not asked to reply.
      {{"Koordinaattori Kaisa", "kaisa.koordinaattori@example.fi"}, true, "ACCEPTED", "sosiaaliohjaaja", false},
  };
  m.in_hole = true;
  m.last_modified = utc(2026y / November / 20d, 8);
  return m;
}

bool write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return bool(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_ics_samples DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const time::Zone& zone = helsinki();
  const time::Instant now = utc(2026y / November / 21d, 10, 15);

  // Winter: 12:30Z is 14:30 EET. Summer: 11:30Z is 14:30 EEST.
  calendar::MeetingEvent winter = meeting({utc(2026y / November / 25d, 12, 30), utc(2026y / November / 25d, 13, 30)});
  calendar::MeetingEvent summer = meeting({utc(2027y / June / 16d, 11, 30), utc(2027y / June / 16d, 12, 30)});
  summer.uid = "meeting-43@yhteisaika.local";
  calendar::MeetingEvent cancelled = winter;
  cancelled.sequence = 1;
  cancelled.cancelled = true;

  time::WorkRules rules;
  rules.closures = {2027y / February / 17d};
  calendar::Feed feed;
  feed.calendar_name = "Yhteisaika – Anna Virtanen";
  feed.owner_key = "laakari-1";
  feed.hole_organizer = {"Yhteisaika", "yhteisaika@hyvinvointialue.example"};
  feed.span = {zone.to_instant(local_days{2025y / November / 24d}), zone.to_instant(local_days{2029y / January / 1d})};
  feed.released_holes = {{utc(2027y / March / 10d, 12, 30), utc(2027y / March / 10d, 13, 30)}};
  calendar::MeetingEvent after_dst = meeting({utc(2027y / April / 7d, 11, 30), utc(2027y / April / 7d, 12, 0)});
  after_dst.uid = "meeting-44@yhteisaika.local";
  after_dst.cancelled = true;
  feed.meetings = {winter, after_dst};

  calendar::Feed empty = feed;
  empty.meetings.clear();
  empty.span = {utc(2028y / December / 4d, 0), utc(2028y / December / 8d, 0)};  // only Wed 6 Dec, a holiday

  using calendar::ItipMethod;
  const bool ok =
      write(dir + "/invite_winter.ics",
            calendar::render_itip(ItipMethod::request, winter, now, zone, "Europe/Helsinki")) &&
      write(dir + "/invite_summer.ics",
            calendar::render_itip(ItipMethod::request, summer, now, zone, "Europe/Helsinki")) &&
      write(dir + "/cancel_winter.ics",
            calendar::render_itip(ItipMethod::cancel, cancelled, now, zone, "Europe/Helsinki")) &&
      write(dir + "/feed.ics", calendar::render_feed(feed, rules, zone, "Europe/Helsinki", now)) &&
      write(dir + "/feed_without_holes.ics", calendar::render_feed(empty, rules, zone, "Europe/Helsinki", now));
  if (!ok) {
    std::fprintf(stderr, "write_ics_samples: cannot write to %s\n", dir.c_str());
    return 1;
  }
  return 0;
}
