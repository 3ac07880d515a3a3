#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>
#include <yhteisaika/calendar/feed.hpp>

#include "ics_writer.hpp"

namespace yhteisaika::calendar {

namespace {

using namespace std::chrono;
using time::Instant;
using time::Interval;

// The holes the feed shows: whole holes of working hole days in the span, minus released ones.
std::vector<Interval> shown_holes(const Feed& feed, const time::WorkRules& rules, const time::Zone& zone) {
  std::vector<Interval> holes = time::whole_holes(feed.span, rules, zone);
  std::erase_if(holes, [&](const Interval& hole) {
    return std::any_of(feed.released_holes.begin(), feed.released_holes.end(),
                       [&](const Interval& released) { return released.overlaps(hole); });
  });
  return holes;
}

// The weekly hole as one series (RFC 5545 §3.8.5.3 RRULE, §3.8.5.1 EXDATE).
// REQUIRES: !holes.empty(), every hole on rules.hole_day.
void write_hole_series(detail::IcsWriter& w, const Feed& feed, const std::vector<Interval>& holes,
                       const time::WorkRules& rules, const time::Zone& zone, std::string_view tzid, Instant dtstamp) {
  const local_days first_day = floor<days>(zone.to_local(holes.front().start));
  const local_days last_day = floor<days>(zone.to_local(holes.back().start));
  std::set<local_days> hole_days;
  for (const Interval& hole : holes) hole_days.insert(floor<days>(zone.to_local(hole.start)));

  w.begin("VEVENT");
  w.text("UID", "hole-" + feed.owner_key + "@yhteisaika.local");
  w.raw("DTSTAMP", detail::utc_date_time(dtstamp));
  w.raw("DTSTART", detail::local_date_time(first_day + rules.hole_start), {{"TZID", tzid}});
  w.raw("DTEND", detail::local_date_time(first_day + rules.hole_end), {{"TZID", tzid}});
  // RFC 5545 §3.3.10: with a TZID'd DTSTART, UNTIL is UTC. UNTIL is inclusive.
  w.raw("RRULE", "FREQ=WEEKLY;BYDAY=" + std::string(detail::weekday_value(rules.hole_day)) +
                     ";UNTIL=" + detail::utc_date_time(holes.back().start));
  // An EXDATE matches an instance by its start (RFC 5545 §3.8.5.1), written like DTSTART.
  for (local_days d = first_day + weeks{1}; d < last_day; d += weeks{1}) {
    if (!hole_days.contains(d)) w.raw("EXDATE", detail::local_date_time(d + rules.hole_start), {{"TZID", tzid}});
  }
  w.text("SUMMARY", feed.hole_summary);
  // RFC 5546 §3.2.1: ORGANIZER is required in a PUBLISH VEVENT, also this one.
  std::vector<detail::Param> organizer_params;
  if (!feed.hole_organizer.name.empty()) organizer_params.push_back({"CN", feed.hole_organizer.name});
  w.raw("ORGANIZER", detail::cal_address(feed.hole_organizer), organizer_params);
  w.raw("TRANSP", "OPAQUE");
  w.raw("X-YHTEISAIKA-HOLE", "TRUE");
  w.end("VEVENT");
}

}  // namespace

std::string render_feed(const Feed& feed, const time::WorkRules& rules, const time::Zone& zone,
                        std::string_view zone_name, Instant dtstamp) {
  if (feed.owner_key.empty()) throw std::invalid_argument("a feed without an owner key");
  const std::vector<Interval> holes = shown_holes(feed, rules, zone);

  detail::IcsWriter w;
  detail::begin_calendar(w, "PUBLISH");
  w.text("NAME", feed.calendar_name);          // RFC 7986 §5.1
  w.text("X-WR-CALNAME", feed.calendar_name);  // the same, for clients without RFC 7986
  const std::string refresh = detail::duration_value(feed.refresh_interval);
  w.raw("REFRESH-INTERVAL", refresh, {{"VALUE", "DURATION"}});  // RFC 7986 §5.7
  w.raw("X-PUBLISHED-TTL", refresh);

  // Every local time written falls inside `covered`, so one VTIMEZONE serves them all.
  std::optional<Interval> covered;
  auto cover = [&](Interval i) {
    covered = covered ? Interval{std::min(covered->start, i.start), std::max(covered->end, i.end)} : i;
  };
  if (!holes.empty()) cover({holes.front().start, holes.back().end});
  for (const MeetingEvent& m : feed.meetings) cover(m.when);
  if (covered) detail::write_vtimezone(w, zone, zone_name, *covered);

  if (!holes.empty()) write_hole_series(w, feed, holes, rules, zone, zone_name, dtstamp);
  for (const MeetingEvent& m : feed.meetings) {
    const Instant stamp = m.last_modified != Instant{} ? m.last_modified : dtstamp;
    detail::write_meeting(w, m, detail::MeetingStyle::publish, stamp, zone, zone_name);
  }
  w.end("VCALENDAR");
  return w.take();
}

}  // namespace yhteisaika::calendar
