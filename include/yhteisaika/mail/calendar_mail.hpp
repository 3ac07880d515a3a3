#pragma once
// Start here for mail/: an iMIP message (RFC 6047) as RFC 5322 text, ready to
// hand to an SMTP client: a human text part and the iTIP calendar object as
// multipart/alternative, the way Outlook, Google and Apple calendars expect.
//
// Pure: values in, text out. No clock (Date is a field), no sockets.
// Thread safety: safe to call concurrently.

#include <compare>
#include <string>
#include <string_view>
#include <yhteisaika/time/interval.hpp>

namespace yhteisaika::mail {

// Whether `address` is what Mailbox::address requires: a plain addr-spec
// (RFC 5322 §3.4.1) "local@domain" of printable ASCII, one '@', no spaces,
// quotes, angle brackets, comments or other specials, at most 254 characters.
// "Name <a@b.fi>" is not one. Check addresses with this where they come in.
bool is_plain_address(std::string_view address);

struct Mailbox {
  // Display name, UTF-8; may be empty (then the address alone is written). Any
  // text is safe: non-ASCII becomes RFC 2047 encoded-words, specials are quoted,
  // control characters (CR, LF, ...) become spaces.
  std::string name;
  // A plain addr-spec, "local@domain" in printable ASCII, without spaces,
  // quotes, angle brackets or comments. REQUIRES: is_plain_address (else
  // std::invalid_argument).
  std::string address;

  auto operator<=>(const Mailbox&) const = default;
};

struct CalendarMail {
  Mailbox from;      // the service's organizer mailbox
  Mailbox reply_to;  // Reply-To: where iTIP REPLYs go (the organizer mailbox)
  Mailbox to;        // one attendee
  // UTF-8; any text is safe (as Mailbox::name): it is one line in the header.
  std::string subject;
  // Without angle brackets ("outbox-12.8f3a@yhteisaika.example.fi"); unique per
  // message. REQUIRES: "left@right" in printable ASCII without spaces or "<>".
  std::string message_id;
  // The Date header, written in UTC: "Mon, 30 Nov 2026 18:18:05 +0000" (RFC 5322 §3.3).
  time::Instant date;
  // The text/plain body, UTF-8, lines ending in LF or CRLF.
  std::string text;
  // The iTIP object (iCalendar text, CRLF lines), sent byte for byte (base64).
  std::string calendar;
  // The iTIP method, also METHOD in `calendar` (RFC 6047 §2.4): "REQUEST",
  // "CANCEL" or "REPLY". REQUIRES: upper-case letters and '-' only, non-empty.
  std::string method;

  auto operator<=>(const CalendarMail&) const = default;
};

// The whole message, CRLF line ends, every line at most 998 octets (header lines
// folded near 78, body lines at most 76):
//   From, To, Reply-To, Subject, Date, Message-ID, MIME-Version: 1.0,
//   Content-Type: multipart/alternative; boundary="=_yhteisaika_<hash of message_id>"
//   part 1: text/plain; charset=UTF-8, quoted-printable
//   part 2: text/calendar; method=<method>; charset=UTF-8, base64 in 76-character lines
// The boundary cannot occur inside the parts: it starts with "=_", which neither
// base64 nor quoted-printable can produce (RFC 2045 §6.7, §6.8).
// Header injection is impossible: no CR or LF from a field reaches the header raw.
// REQUIRES: as the fields say; violations throw std::invalid_argument (a bug:
// the caller validates addresses before).
std::string render_calendar_mail(const CalendarMail& mail);

}  // namespace yhteisaika::mail
