// Writes sample iMIP messages for validate_mail.py, which checks them with an
// independent parser (Python's email package and python3-icalendar).
//
//     write_mail_samples DIR
//
// The scenarios here and the expectations in validate_mail.py are kept in step
// by hand, on purpose: the script states what a mail client must see.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/mail/invite_text.hpp>

#include "../support/helsinki_zone.hpp"

namespace {

using namespace std::chrono;
using namespace yhteisaika;
using test::helsinki;
using test::utc;

const time::Interval kWinter = {utc(2026y / December / 2d, 12, 30), utc(2026y / December / 2d, 13, 30)};

calendar::MeetingEvent meeting() {
  calendar::MeetingEvent m;
  m.uid = "meeting-42@yhteisaika.local";
  m.when = kWinter;
  m.summary = "Omatiimi: YA-2026-0042";
  m.location = "Sote-keskus, huone 3";
  m.organizer = {"Kaisa Koordinaattori", "kutsut@yhteisaika.example.fi"};
  m.attendees = {{{"Päivi Mäkinen", "paivi.makinen@example.fi"}, true, "NEEDS-ACTION", "sosiaalityöntekijä"},
                 {{"Pekka Korhonen", "pekka.korhonen@example.fi"}, true, "NEEDS-ACTION", "lääkäri"}};
  return m;
}

mail::InviteSummary summary(mail::InviteKind kind, std::string title) {
  mail::InviteSummary s;
  s.kind = kind;
  s.case_ref = "YA-2026-0042";
  s.title = std::move(title);
  s.when = kWinter;
  s.location = "Sote-keskus, huone 3";
  s.organizer_name = "Kaisa Koordinaattori";
  s.recipient = {"Päivi Mäkinen", "sosiaalityöntekijä", true};
  s.others = {{"Pekka Korhonen", "lääkäri", true}};
  if (kind != mail::InviteKind::cancellation) {
    s.links = mail::AnswerLinks{"https://yhteisaika.example.fi/v/abc?a=accept",
                                "https://yhteisaika.example.fi/v/abc?a=tentative",
                                "https://yhteisaika.example.fi/v/abc?a=decline"};
  }
  return s;
}

std::string message(mail::InviteKind kind, std::string title, std::string message_id) {
  const bool cancel = kind == mail::InviteKind::cancellation;
  const mail::InviteText text = mail::render_invite_text(summary(kind, std::move(title)), helsinki());
  mail::CalendarMail m;
  m.from = {"Yhteisaika – Kaisa Koordinaattori", "kutsut@yhteisaika.example.fi"};
  m.reply_to = {"Yhteisaika", "kutsut@yhteisaika.example.fi"};
  m.to = {"Päivi Mäkinen", "paivi.makinen@example.fi"};
  m.subject = text.subject;
  m.message_id = std::move(message_id);
  m.date = utc(2026y / November / 30d, 18, 18, 5);
  m.text = text.body;
  m.calendar = calendar::render_itip(cancel ? calendar::ItipMethod::cancel : calendar::ItipMethod::request, meeting(),
                                     m.date, helsinki(), "Europe/Helsinki");
  m.method = cancel ? "CANCEL" : "REQUEST";
  return mail::render_calendar_mail(m);
}

bool write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return bool(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_mail_samples DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  using mail::InviteKind;
  const bool ok =
      write(dir + "/invitation.eml",
            message(InviteKind::invitation, "Omatiimin tapaaminen", "outbox-12.8f3a@yhteisaika.example.fi")) &&
      write(dir + "/update.eml",
            message(InviteKind::update,
                    "Moniammatillinen yhteistyöpalaveri, jossa käydään läpi hoito- ja palvelusuunnitelma",
                    "outbox-13.8f3a@yhteisaika.example.fi")) &&
      write(dir + "/cancellation.eml",
            message(InviteKind::cancellation, "Omatiimin tapaaminen", "outbox-14.8f3a@yhteisaika.example.fi"));
  if (!ok) {
    std::fprintf(stderr, "write_mail_samples: cannot write to %s\n", dir.c_str());
    return 1;
  }
  return 0;
}
