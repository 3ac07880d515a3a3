#pragma once
// Test support for mail/: a realistic invitation (a real iTIP object from
// calendar/) and ways to look at RFC 5322 text.

#include <chrono>
#include <string>
#include <vector>
#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/mail/calendar_mail.hpp>

#include "../support/helsinki_zone.hpp"

namespace yhteisaika::test {

inline std::string sample_itip(calendar::ItipMethod method = calendar::ItipMethod::request) {
  using namespace std::chrono;
  calendar::MeetingEvent m;
  m.uid = "meeting-42@yhteisaika.local";
  m.when = {utc(2026y / December / 2d, 12, 30), utc(2026y / December / 2d, 13, 30)};
  m.summary = "Omatiimi: YA-2026-0042";
  m.location = "Sote-keskus, huone 3";
  m.description = "Yhteisasiakkaan palaveri.\nTuokaa: hoitosuunnitelma, lääkelista";
  m.organizer = {"Kaisa Koordinaattori", "kutsut@yhteisaika.example.fi"};
  m.attendees = {{{"Anna Virtanen", "anna.virtanen@example.fi"}, true, "NEEDS-ACTION", "lääkäri"}};
  return calendar::render_itip(method, m, utc(2026y / November / 30d, 18, 18, 5), helsinki(), "Europe/Helsinki");
}

inline mail::CalendarMail sample_mail() {
  using namespace std::chrono;
  mail::CalendarMail m;
  m.from = {"Yhteisaika – Kaisa Koordinaattori", "kutsut@yhteisaika.example.fi"};
  m.reply_to = {"", "kutsut@yhteisaika.example.fi"};
  m.to = {"Anna Virtanen", "anna.virtanen@example.fi"};
  m.subject = "Kutsu: Omatiimin tapaaminen YA-2026-0042, ke 2.12.2026 klo 14.30";
  m.message_id = "outbox-12.8f3a@yhteisaika.example.fi";
  m.date = utc(2026y / November / 30d, 18, 18, 5);
  m.text = "Hei Anna,\n\nSinut on kutsuttu tapaamiseen.\n";
  m.calendar = sample_itip();
  m.method = "REQUEST";
  return m;
}

// Lines split at CRLF (the last piece, after the final CRLF, is dropped when empty).
inline std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("\r\n", from)) != std::string::npos; from = at + 2) {
    lines.push_back(text.substr(from, at - from));
  }
  if (from < text.size()) lines.push_back(text.substr(from));
  return lines;
}

// The header section, unfolded (RFC 5322 §2.2.3), one field per element.
inline std::vector<std::string> unfolded_headers(const std::string& message) {
  std::vector<std::string> fields;
  for (const std::string& line : crlf_lines(message.substr(0, message.find("\r\n\r\n") + 2))) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !fields.empty()) {
      fields.back() += line;
    } else {
      fields.push_back(line);
    }
  }
  return fields;
}

// The unfolded value of the first header called `name` (exact case), or "".
inline std::string header(const std::string& message, const std::string& name) {
  for (const std::string& field : unfolded_headers(message)) {
    if (field.rfind(name + ": ", 0) == 0) return field.substr(name.size() + 2);
  }
  return {};
}

}  // namespace yhteisaika::test
