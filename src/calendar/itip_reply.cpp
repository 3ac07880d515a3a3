#include <yhteisaika/calendar/itip_reply.hpp>

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/calendar/errc.hpp>

#include "ical_scan.hpp"

#include <algorithm>
#include <charconv>

namespace yhteisaika::calendar {

namespace {

Error error_at(Errc code, std::string message, std::string_view source, int line) {
  return Error{code, std::move(message), Location::in(std::string(source), std::max(line, 0))};
}

}  // namespace

Result<ItipReply> read_itip_reply(std::string_view text, std::string_view source_name) {
  auto calendar = detail::scan_calendar(text, source_name);
  if (!calendar) return calendar.error();
  const detail::Property* method = calendar->find("METHOD");
  if (!method || ascii_upper(method->value) != "REPLY") {
    return error_at(Errc::not_a_reply, "the calendar is not an iTIP REPLY (METHOD:" + std::string(method ? method->value : "") + ")",
                    source_name, method ? method->line : calendar->line);
  }
  auto event = std::find_if(calendar->children.begin(), calendar->children.end(),
                            [](const detail::Component& c) { return c.name == "VEVENT"; });
  if (event == calendar->children.end()) {
    return error_at(Errc::not_a_reply, "the REPLY has no VEVENT", source_name, calendar->line);
  }
  ItipReply out;
  const detail::Property* uid = event->find("UID");
  if (!uid || uid->value.empty()) return error_at(Errc::not_a_reply, "the REPLY has no UID", source_name, event->line);
  out.uid = uid->value;
  if (const detail::Property* sequence = event->find("SEQUENCE")) {
    const std::string_view v = sequence->value;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out.sequence);
    if (ec != std::errc{} || end != v.data() + v.size() || out.sequence < 0) {
      return error_at(Errc::invalid_value, "SEQUENCE is not a whole number: " + std::string(v), source_name, sequence->line);
    }
  }
  const detail::Property* attendee = nullptr;
  for (const detail::Property& p : event->props) {
    if (p.name != "ATTENDEE") continue;
    if (attendee) {
      return error_at(Errc::not_a_reply, "a REPLY carries one ATTENDEE (RFC 5546 §3.2.3), this one several",
                      source_name, p.line);
    }
    attendee = &p;
  }
  if (!attendee) return error_at(Errc::not_a_reply, "the REPLY has no ATTENDEE", source_name, event->line);
  std::string address = ascii_lower(attendee->value);
  if (address.starts_with("mailto:")) address.erase(0, 7);
  if (address.empty()) return error_at(Errc::not_a_reply, "the ATTENDEE has no address", source_name, attendee->line);
  out.attendee = std::move(address);
  out.partstat = ascii_upper(attendee->param("PARTSTAT"));
  if (out.partstat.empty()) {
    return error_at(Errc::not_a_reply, "the ATTENDEE has no PARTSTAT", source_name, attendee->line);
  }
  return out;
}

}  // namespace yhteisaika::calendar
