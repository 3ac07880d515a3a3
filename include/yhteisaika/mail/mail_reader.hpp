#pragma once
// Reading a received message: an iTIP REPLY (RFC 6047) that Outlook, Google,
// Apple Mail or Thunderbird sent to the organizer mailbox, as RFC 5322 text.
//
// Pure: text in, values out. Thread safety: safe to call concurrently.

#include <string>
#include <string_view>
#include <vector>
#include <yhteisaika/error.hpp>

namespace yhteisaika::mail {

struct ReceivedMail {
  // The addr-spec of the first From mailbox, domain lower-cased
  // ("anna.virtanen@example.fi"); empty when there is no From.
  std::string from_address;
  // RFC 2047 decoded, UTF-8.
  std::string subject;
  // Without angle brackets; empty when there is none.
  std::string message_id;
  // Every text/calendar part, and application/ics or *.ics attachments, in
  // message order, transfer-decoded and in UTF-8 (ISO-8859-1 and windows-1252
  // are converted; any other charset is taken as UTF-8). A base64 part is given
  // byte for byte; a quoted-printable, 7bit or 8bit part has CRLF line ends and
  // ends in CRLF (RFC 5545 §3.1). Parts inside an attached message/rfc822 are
  // not read: a forwarded invitation is not the sender's answer.
  std::vector<std::string> calendars;

  auto operator<=>(const ReceivedMail&) const = default;
};

// Reads `raw` (LF or CRLF line ends; an mbox "From " first line is skipped).
// Handles folded headers, case-insensitive header names, MIME types and
// parameter names, quoted parameters, RFC 2231 parameters (filename*=),
// and multiparts nested up to 20 deep. A multipart whose closing delimiter is
// missing is read to its end, as mail clients do with a truncated message.
// Errors, with `where` a place naming "header line 3", "body" or the part ("part 2",
// "part 1.2", IMAP numbering):
//   Errc::malformed_message  no blank line after the header; a header line that
//                            is not "Name: value"
//   Errc::malformed_mime     a multipart without boundary, or without any
//                            delimiter line; a part whose header has no end or
//                            a bad line; nesting deeper than 20
//   Errc::bad_encoding       invalid base64 or an unknown Content-Transfer-Encoding
//                            in a calendar part (other parts are not decoded)
Result<ReceivedMail> read_mail(std::string_view raw);

}  // namespace yhteisaika::mail
