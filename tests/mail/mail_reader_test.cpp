#include <catch2/catch.hpp>
#include <string>
#include <vector>
#include <yhteisaika/mail/errc.hpp>
#include <yhteisaika/mail/mail_reader.hpp>

using yhteisaika::mail::Errc;
using yhteisaika::mail::read_mail;

namespace {

// The samples below are written with LF; real messages have CRLF.
std::string crlf(std::string text) {
  for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 2) text.replace(at, 1, "\r\n");
  return text;
}

const std::string kReply = crlf(R"(BEGIN:VCALENDAR
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
METHOD:REPLY
BEGIN:VEVENT
ATTENDEE;PARTSTAT=ACCEPTED;CN=Anna Virtanen:mailto:anna.virtanen@example.fi
UID:meeting-42@yhteisaika.local
SEQUENCE:0
DTSTAMP:20261201T081500Z
END:VEVENT
END:VCALENDAR
)");

// kReply in base64, made by Python's base64.encodebytes (not by our encoder).
const std::string kReplyBase64 = R"(QkVHSU46VkNBTEVOREFSDQpQUk9ESUQ6TWljcm9zb2Z0IEV4Y2hhbmdlIFNlcnZlciAyMDEwDQpW
RVJTSU9OOjIuMA0KTUVUSE9EOlJFUExZDQpCRUdJTjpWRVZFTlQNCkFUVEVOREVFO1BBUlRTVEFU
PUFDQ0VQVEVEO0NOPUFubmEgVmlydGFuZW46bWFpbHRvOmFubmEudmlydGFuZW5AZXhhbXBsZS5m
aQ0KVUlEOm1lZXRpbmctNDJAeWh0ZWlzYWlrYS5sb2NhbA0KU0VRVUVOQ0U6MA0KRFRTVEFNUDoy
MDI2MTIwMVQwODE1MDBaDQpFTkQ6VkVWRU5UDQpFTkQ6VkNBTEVOREFSDQo=
)";

const std::string kOutlook = crlf(R"(Received: from mail.example.fi (mail.example.fi [192.0.2.1])
	by mx.yhteisaika.example.fi; Tue, 1 Dec 2026 10:15:02 +0200
From: "Virtanen, Anna" <Anna.Virtanen@Example.FI>
To: Yhteisaika <kutsut@yhteisaika.example.fi>
Subject: =?utf-8?B?SHl2w6Rrc3l0dHk6IE9tYXRpaW1pbiB0YXBhYW1pbmVu?=
 =?utf-8?Q?_YA-2026-0042?=
Date: Tue, 1 Dec 2026 08:15:00 +0000
Message-ID: <DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.exchangelabs.com>
Content-Language: fi-FI
Content-Type: multipart/alternative;
	boundary="_000_DB9PR01MB1234ABCD_"
MIME-Version: 1.0

--_000_DB9PR01MB1234ABCD_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

SHl2w6Rrc3luIGt1dHN1bi4NCg==

--_000_DB9PR01MB1234ABCD_
Content-Type: text/calendar; charset="utf-8"; method=REPLY
Content-Transfer-Encoding: base64

)") + crlf(kReplyBase64) + crlf(R"(
--_000_DB9PR01MB1234ABCD_--
)");

// Google: multipart/mixed around multipart/alternative, a 7bit calendar in the
// alternative and the same as an invite.ics attachment.
const std::string kGoogle = crlf(R"(MIME-Version: 1.0
From: Anna Virtanen <anna.virtanen@gmail.com>
Date: Tue, 1 Dec 2026 10:15:00 +0200
Message-ID: <CAF=abc+123@mail.gmail.com>
Subject: Accepted: Omatiimin tapaaminen YA-2026-0042 @ Wed 2 Dec 2026 14:30 - 15:30 (EET)
 (anna.virtanen@gmail.com)
To: kutsut@yhteisaika.example.fi
Content-Type: multipart/mixed; boundary="000000000000a1b2c3d4e5f6"

--000000000000a1b2c3d4e5f6
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f4"

--000000000000a1b2c3d4e5f4
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes

Anna Virtanen has accepted this invitation.

--000000000000a1b2c3d4e5f4
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<p>Anna Virtanen has accepted this invitation.</p>

--000000000000a1b2c3d4e5f4
Content-Type: text/calendar; charset="UTF-8"; method=REPLY
Content-Transfer-Encoding: 7bit

)") + kReply + crlf(R"(--000000000000a1b2c3d4e5f4--

--000000000000a1b2c3d4e5f6
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

)") + crlf(kReplyBase64) + crlf(R"(--000000000000a1b2c3d4e5f6--
)");

std::string lf_only(std::string text) {
  std::erase(text, '\r');
  return text;
}

yhteisaika::Error error_of(const std::string& raw) {
  const auto result = read_mail(raw);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

}  // namespace

TEST_CASE("an Outlook REPLY gives its calendar, sender, subject and Message-ID", "[mail][read]") {
  const auto mail = read_mail(kOutlook);
  REQUIRE(mail.has_value());
  CHECK(mail->from_address == "Anna.Virtanen@example.fi");
  CHECK(mail->subject == "Hyväksytty: Omatiimin tapaaminen YA-2026-0042");
  CHECK(mail->message_id == "DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.exchangelabs.com");
  CHECK(mail->calendars == std::vector<std::string>{kReply});
}

TEST_CASE("a Google REPLY gives the calendar of the nested alternative and of the attachment", "[mail][read]") {
  const auto mail = read_mail(kGoogle);
  REQUIRE(mail.has_value());
  CHECK(mail->from_address == "anna.virtanen@gmail.com");
  CHECK(mail->subject ==
        "Accepted: Omatiimin tapaaminen YA-2026-0042 @ Wed 2 Dec 2026 14:30 - 15:30 (EET) (anna.virtanen@gmail.com)");
  CHECK(mail->message_id == "CAF=abc+123@mail.gmail.com");
  CHECK(mail->calendars == std::vector<std::string>{kReply, kReply});
}

TEST_CASE("a message with LF line ends reads as with CRLF", "[mail][read]") {
  for (const std::string* raw : {&kOutlook, &kGoogle}) {
    const auto crlf_mail = read_mail(*raw);
    const auto lf_mail = read_mail(lf_only(*raw));
    REQUIRE(lf_mail.has_value());
    CHECK(lf_mail.value() == crlf_mail.value());
  }
}

TEST_CASE("an Apple REPLY with lower-case headers, odd boundary and quoted-printable reads", "[mail][read]") {
  const std::string raw = crlf(R"(from: =?utf-8?Q?P=C3=A4ivi_M=C3=A4kinen?= <paivi@ICLOUD.COM>
subject: =?utf-8?Q?Hyv=C3=A4ksytty:?= Omatiimi
message-id: <5F1E2D3C-0001@icloud.com>
mime-version: 1.0 (Mac OS X Mail 16.0)
content-type: Multipart/Alternative;
 Boundary="Apple-Mail=_0A1B'(+)_,-./:=? x"

preamble that is ignored
--Apple-Mail=_0A1B'(+)_,-./:=? x
content-type: text/plain;
	charset=us-ascii

Hyvaksytty
--Apple-Mail=_0A1B'(+)_,-./:=? x  
content-transfer-encoding: Quoted-Printable
content-type: Text/Calendar;
	Method=REPLY;
	Charset=UTF-8

BEGIN:VCALENDAR
METHOD:REPLY
BEGIN:VEVENT
ATTENDEE;PARTSTAT=3DTENTATIVE;CN=3DP=C3=A4ivi M=C3=A4kinen:mailto:paivi@iclo=
ud.com
END:VEVENT
END:VCALENDAR
--Apple-Mail=_0A1B'(+)_,-./:=? x--
epilogue
)");
  const auto mail = read_mail(raw);
  REQUIRE(mail.has_value());
  CHECK(mail->from_address == "paivi@icloud.com");
  CHECK(mail->subject == "Hyväksytty: Omatiimi");
  CHECK(mail->message_id == "5F1E2D3C-0001@icloud.com");
  CHECK(mail->calendars == std::vector<std::string>{crlf(R"(BEGIN:VCALENDAR
METHOD:REPLY
BEGIN:VEVENT
ATTENDEE;PARTSTAT=TENTATIVE;CN=Päivi Mäkinen:mailto:paivi@icloud.com
END:VEVENT
END:VCALENDAR
)")});
}

TEST_CASE("an .ics attachment named by RFC 2231 parameters is a calendar", "[mail][read]") {
  const std::string raw = crlf(R"(From: Pekka <pekka@example.fi>
Subject: vastaus
Content-Type: multipart/mixed; boundary=simple

--simple
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: base64

!!! not decoded: not a calendar
--simple
Content-Type: application/octet-stream; name*=UTF-8''vastaus%20kutsuun.ics
Content-Disposition: attachment; filename*0*=UTF-8''vastaus%20; filename*1=kutsuun.ics
Content-Transfer-Encoding: base64

)") + crlf(kReplyBase64) + crlf(R"(--simple
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="kuva.png"
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--simple--
)");
  const auto mail = read_mail(raw);
  REQUIRE(mail.has_value());
  CHECK(mail->calendars == std::vector<std::string>{kReply});
}

TEST_CASE("a Latin-1 calendar in 8bit is converted to UTF-8 with CRLF lines", "[mail][read]") {
  const std::string raw = "From: a@example.fi\nContent-Type: text/calendar; charset=\"ISO-8859-1\"; method=REPLY\n"
                          "Content-Transfer-Encoding: 8bit\n\nBEGIN:VCALENDAR\nSUMMARY:P\xe4iv\xe4\nEND:VCALENDAR";
  const auto mail = read_mail(raw);
  REQUIRE(mail.has_value());
  CHECK(mail->calendars == std::vector<std::string>{"BEGIN:VCALENDAR\r\nSUMMARY:Päivä\r\nEND:VCALENDAR\r\n"});
}

TEST_CASE("a multipart without its closing delimiter is read to its end", "[mail][read]") {
  const std::string raw = crlf(R"(From: a@example.fi
Content-Type: multipart/alternative; boundary=b1

--b1
Content-Type: text/calendar

)") + kReply;
  const auto mail = read_mail(raw);
  REQUIRE(mail.has_value());
  CHECK(mail->calendars == std::vector<std::string>{kReply});
}

TEST_CASE("a message without calendar, or without headers we need, is no error", "[mail][read]") {
  const auto mail = read_mail("Subject: hei\r\n\r\nPelkkää tekstiä.\r\n");
  REQUIRE(mail.has_value());
  CHECK(mail->calendars.empty());
  CHECK(mail->from_address.empty());
  CHECK(mail->message_id.empty());
  CHECK(mail->subject == "hei");
}

TEST_CASE("a malformed message is an error that says what and where", "[mail][read][errors]") {
  struct Case {
    std::string raw;
    Errc code;
    std::string where;
  };
  const std::string multipart = "From: a@example.fi\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n";
  const Case c = GENERATE_COPY(
      Case{"", Errc::malformed_message, "header"},
      Case{"From: a@example.fi\r\nSubject: ei runkoa\r\n", Errc::malformed_message, "header"},
      Case{"From: a@example.fi\r\nthis is not a header\r\n\r\nbody", Errc::malformed_message, "header line 2"},
      Case{" continued\r\nFrom: a@example.fi\r\n\r\n", Errc::malformed_message, "header line 1"},
      Case{"Content-Type: multipart/mixed\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n", Errc::malformed_mime, "body"},
      Case{multipart + "no delimiter here\r\n", Errc::malformed_mime, "body"},
      Case{multipart + "--b\r\nContent-Type: text/calendar\r\n--b--\r\n", Errc::malformed_mime, "part 1"},
      Case{multipart + "--b\r\n\r\ntext\r\n--b\r\nContent-Type: text/calendar\r\nContent-Transfer-Encoding: base64"
                       "\r\n\r\nQkVH%%%\r\n--b--\r\n",
           Errc::bad_encoding, "part 2"},
      Case{multipart + "--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\n\r\ntext\r\n--c\r\n"
                       "Content-Type: application/ics\r\nContent-Transfer-Encoding: base64\r\n\r\nQ\r\n--c--\r\n--b--\r\n",
           Errc::bad_encoding, "part 1.2"},
      Case{multipart + "--b\r\nContent-Type: text/calendar\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin\r\n--b--",
           Errc::bad_encoding, "part 1"});
  INFO(c.raw);
  const yhteisaika::Error e = error_of(c.raw);
  CHECK(e.code == c.code);
  CHECK(e.where == yhteisaika::Location::in(c.where));
  CHECK_FALSE(e.message.empty());
}

TEST_CASE("multiparts nested too deep are an error, not a deep recursion", "[mail][read][errors]") {
  std::string raw = "From: a@example.fi\r\n";
  for (int level = 0; level < 25; ++level) {
    raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(level) + "\r\n\r\n--b" + std::to_string(level) +
           "\r\n";
  }
  raw += "\r\ntext\r\n";
  const yhteisaika::Error e = error_of(raw);
  CHECK(e.code == Errc::malformed_mime);
  CHECK(e.where.place.rfind("part 1.1.1.", 0) == 0);
}
