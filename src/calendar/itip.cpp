#include <stdexcept>
#include <yhteisaika/calendar/itip.hpp>

#include "ics_writer.hpp"

namespace yhteisaika::calendar {

namespace detail {

void write_meeting(IcsWriter& w, const MeetingEvent& meeting, MeetingStyle style, time::Instant dtstamp,
                   const time::Zone& zone, std::string_view tzid) {
  if (meeting.uid.empty()) throw std::invalid_argument("a meeting without a UID");
  if (meeting.when.empty()) throw std::invalid_argument("a meeting without duration: " + meeting.uid);

  const bool cancelled = style == MeetingStyle::cancel || (style == MeetingStyle::publish && meeting.cancelled);
  w.begin("VEVENT");
  w.text("UID", meeting.uid);
  // RFC 5546 §3.2.2/§3.2.5: SEQUENCE must be present when non-zero; always writing it costs nothing.
  w.raw("SEQUENCE", std::to_string(meeting.sequence));
  w.raw("DTSTAMP", utc_date_time(dtstamp));  // RFC 5545 §3.8.7.2: UTC
  w.raw("DTSTART", local_date_time(zone.to_local(meeting.when.start)), {{"TZID", tzid}});
  w.raw("DTEND", local_date_time(zone.to_local(meeting.when.end)), {{"TZID", tzid}});
  w.text("SUMMARY", meeting.summary);
  if (!meeting.location.empty()) w.text("LOCATION", meeting.location);
  if (!meeting.description.empty()) w.text("DESCRIPTION", meeting.description);

  std::vector<Param> organizer_params;
  if (!meeting.organizer.name.empty()) organizer_params.push_back({"CN", meeting.organizer.name});
  w.raw("ORGANIZER", cal_address(meeting.organizer), organizer_params);

  // RFC 5546 §3.2.1: a PUBLISH has no attendees.
  if (style != MeetingStyle::publish) {
    for (const InviteAttendee& a : meeting.attendees) {
      std::vector<Param> params;
      if (!a.person.name.empty()) params.push_back({"CN", a.person.name});
      if (a.room) params.push_back({"CUTYPE", "ROOM"});  // RFC 5545 §3.2.3
      params.push_back({"ROLE", a.room       ? "NON-PARTICIPANT"
                                : a.required ? "REQ-PARTICIPANT"
                                             : "OPT-PARTICIPANT"});  // RFC 5545 §3.2.16
      if (!a.partstat.empty()) params.push_back({"PARTSTAT", a.partstat});             // RFC 5545 §3.2.12
      if (style == MeetingStyle::request) params.push_back({"RSVP", a.rsvp ? "TRUE" : "FALSE"});  // RFC 5545 §3.2.17
      if (!a.role_label.empty()) params.push_back({"X-YHTEISAIKA-PROFESSION", a.role_label});
      if (!a.participant_kind.empty()) params.push_back({"X-YHTEISAIKA-PARTICIPANT-KIND", a.participant_kind});
      w.raw("ATTENDEE", cal_address(a.person), params);
    }
  }

  w.raw("STATUS", cancelled ? "CANCELLED" : meeting.tentative ? "TENTATIVE" : "CONFIRMED");  // RFC 5545 §3.8.1.11
  // RFC 5545 §3.8.2.7: a cancelled meeting no longer takes the time.
  w.raw("TRANSP", style == MeetingStyle::publish && cancelled ? "TRANSPARENT" : "OPAQUE");
  if (meeting.last_modified != time::Instant{}) w.raw("LAST-MODIFIED", utc_date_time(meeting.last_modified));
  if (meeting.in_hole) w.raw("X-YHTEISAIKA-IN-HOLE", "TRUE");
  w.end("VEVENT");
}

}  // namespace detail

std::string render_itip(ItipMethod method, const MeetingEvent& meeting, time::Instant dtstamp, const time::Zone& zone,
                        std::string_view zone_name) {
  detail::IcsWriter w;
  detail::begin_calendar(w, method == ItipMethod::request ? "REQUEST" : "CANCEL");
  detail::write_vtimezone(w, zone, zone_name, meeting.when);
  detail::write_meeting(w, meeting,
                        method == ItipMethod::request ? detail::MeetingStyle::request : detail::MeetingStyle::cancel,
                        dtstamp, zone, zone_name);
  w.end("VCALENDAR");
  return w.take();
}

}  // namespace yhteisaika::calendar
