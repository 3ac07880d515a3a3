#pragma once
// Answers to invites: an iTIP REPLY (RFC 5546 §3.2.3) as calendar clients send
// it to the organizer (Outlook, Google, Apple, Thunderbird), read into values.
//
// Pure: text in, values out. Thread safety: safe to call concurrently.

#include <yhteisaika/error.hpp>

#include <string>
#include <string_view>

namespace yhteisaika::calendar {

struct ItipReply {
  std::string uid;       // the VEVENT's UID, as sent in the REQUEST
  int sequence = 0;      // SEQUENCE (RFC 5545 §3.8.7.4); 0 when absent
  std::string attendee;  // the replier's calendar address without "mailto:", lower-case
  // PARTSTAT (RFC 5545 §3.2.12), upper-case: ACCEPTED, DECLINED, TENTATIVE
  // (or DELEGATED / NEEDS-ACTION, which the caller may refuse).
  std::string partstat;
};

// Reads one REPLY. Errors (calendar::Errc) name `source_name:LINE` where they can:
// not iCalendar, METHOD other than REPLY, no VEVENT, no UID, not exactly one
// ATTENDEE (RFC 5546 §3.2.3: a reply carries the replier only), no PARTSTAT.
Result<ItipReply> read_itip_reply(std::string_view text, std::string_view source_name);

}  // namespace yhteisaika::calendar
