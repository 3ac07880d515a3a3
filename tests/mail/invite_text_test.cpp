#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <yhteisaika/mail/invite_text.hpp>

#include "../support/helsinki_zone.hpp"

using namespace std::chrono;
using namespace yhteisaika::mail;
using yhteisaika::test::helsinki;
using yhteisaika::test::utc;

namespace {

InviteSummary summary() {
  InviteSummary s;
  s.case_ref = "YA-2026-0042";
  s.title = "Omatiimin tapaaminen";
  // Winter, EET (+02:00): 12:30Z is 14.30 in Helsinki.
  s.when = {utc(2026y / December / 2d, 12, 30), utc(2026y / December / 2d, 13, 30)};
  s.location = "Sote-keskus, huone 3";
  s.organizer_name = "Kaisa Koordinaattori";
  s.recipient = {"Anna Virtanen", "sairaanhoitaja", true};
  s.others = {{"Pekka Korhonen", "lääkäri", true},
              {"Maija Mäkinen", "sosiaalityöntekijä", false},
              {"Aino Aalto", "lääkäri", true}};
  s.links = AnswerLinks{"https://yhteisaika.example.fi/v/abc?a=accept", "https://yhteisaika.example.fi/v/abc?a=tentative",
                        "https://yhteisaika.example.fi/v/abc?a=decline"};
  return s;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Whether `first` occurs before `second` in `text`, both present.
bool in_order(const std::string& text, const std::string& first, const std::string& second) {
  const auto a = text.find(first);
  const auto b = text.find(second);
  return a != std::string::npos && b != std::string::npos && a < b;
}

}  // namespace

TEST_CASE("an invitation gives the Finnish subject and the local time in winter", "[mail][invite_text]") {
  const InviteText text = render_invite_text(summary(), helsinki());
  CHECK(text.subject == "Kutsu: Omatiimin tapaaminen YA-2026-0042, ke 2.12.2026 klo 14.30");
  const std::string& body = text.body;
  INFO(body);
  CHECK(body.rfind("Hei Anna Virtanen,\n", 0) == 0);
  CHECK(contains(body, "\nAika: keskiviikko 2.12.2026 klo 14.30–15.30\n"));
  CHECK(contains(body, "\nPaikka: Sote-keskus, huone 3\n"));
  CHECK(contains(body, "\nAsia: YA-2026-0042\n"));
  CHECK(contains(body, "\nKutsuja: Kaisa Koordinaattori\n"));
  CHECK(contains(body, "\nTime: Wednesday 2 December 2026, 14:30–15:30 (Europe/Helsinki)\n"));
  CHECK(contains(body, "\nPlace: Sote-keskus, huone 3\n"));
  CHECK(contains(body, "\nOrganizer: Kaisa Koordinaattori\n"));
  CHECK(contains(body, "kalenteriohjelmassasi"));
  CHECK(contains(body, "answer the attached calendar invitation in your calendar program"));
  CHECK(body.find('\r') == std::string::npos);
  // Finnish first, English below.
  CHECK(in_order(body, "Aika: ", "\n--- In English ---\n"));
  CHECK(in_order(body, "\n--- In English ---\n", "Time: "));
}

TEST_CASE("a summer meeting is shown in EEST", "[mail][invite_text][dst]") {
  InviteSummary s = summary();
  // Summer, EEST (+03:00): 11:30Z is 14.30 in Helsinki.
  s.when = {utc(2027y / June / 16d, 11, 30), utc(2027y / June / 16d, 12, 45)};
  const InviteText text = render_invite_text(s, helsinki());
  CHECK(text.subject == "Kutsu: Omatiimin tapaaminen YA-2026-0042, ke 16.6.2027 klo 14.30");
  CHECK(contains(text.body, "\nAika: keskiviikko 16.6.2027 klo 14.30–15.45\n"));
  CHECK(contains(text.body, "\nTime: Wednesday 16 June 2027, 14:30–15:45 (Europe/Helsinki)\n"));
}

TEST_CASE("the others are listed by role then name, optional ones marked", "[mail][invite_text]") {
  const std::string body = render_invite_text(summary(), helsinki()).body;
  INFO(body);
  CHECK(in_order(body, "Muut kutsutut roolin mukaan:\n- lääkäri: Aino Aalto\n- lääkäri: Pekka Korhonen\n"
                       "- sosiaalityöntekijä: Maija Mäkinen (valinnainen)\n",
                 "Also invited, by role:\n- lääkäri: Aino Aalto\n- lääkäri: Pekka Korhonen\n"
                 "- sosiaalityöntekijä: Maija Mäkinen (optional)\n"));
  CHECK(contains(body, "Roolisi: sairaanhoitaja\n"));
  CHECK_FALSE(contains(body, "Osallistumisesi on valinnainen."));

  InviteSummary s = summary();
  s.recipient.required = false;
  s.others.clear();
  const std::string optional = render_invite_text(s, helsinki()).body;
  CHECK(contains(optional, "Osallistumisesi on valinnainen.\n"));
  CHECK(contains(optional, "Your attendance is optional.\n"));
  CHECK_FALSE(contains(optional, "Muut kutsutut"));
}

TEST_CASE("an invitation has answer links in both languages", "[mail][invite_text][links]") {
  const std::string body = render_invite_text(summary(), helsinki()).body;
  CHECK(in_order(body, "Osallistun: https://yhteisaika.example.fi/v/abc?a=accept\n"
                       "Ehkä: https://yhteisaika.example.fi/v/abc?a=tentative\n"
                       "En pääse: https://yhteisaika.example.fi/v/abc?a=decline\n",
                 "Accept: https://yhteisaika.example.fi/v/abc?a=accept\n"
                 "Tentative: https://yhteisaika.example.fi/v/abc?a=tentative\n"
                 "Decline: https://yhteisaika.example.fi/v/abc?a=decline\n"));

  InviteSummary s = summary();
  s.links = AnswerLinks{};
  const std::string empty = render_invite_text(s, helsinki()).body;
  CHECK_FALSE(contains(empty, "Vastaa kutsuun:"));
  CHECK_FALSE(contains(empty, "Accept:"));
}

TEST_CASE("an update and a cancellation say so, and a cancellation has no links", "[mail][invite_text][links]") {
  InviteSummary s = summary();
  s.kind = InviteKind::update;
  const InviteText update = render_invite_text(s, helsinki());
  CHECK(update.subject == "Päivitetty kutsu: Omatiimin tapaaminen YA-2026-0042, ke 2.12.2026 klo 14.30");
  CHECK(contains(update.body, "Osallistun: "));

  s.kind = InviteKind::cancellation;
  const InviteText cancel = render_invite_text(s, helsinki());
  CHECK(cancel.subject == "Peruttu: Omatiimin tapaaminen YA-2026-0042, ke 2.12.2026 klo 14.30");
  CHECK(contains(cancel.body, "Tapaaminen on peruttu.\n"));
  CHECK(contains(cancel.body, "The meeting has been cancelled.\n"));
  for (const char* label : {"Osallistun:", "Ehkä:", "En pääse:", "Accept:", "Tentative:", "Decline:", "https://"}) {
    CHECK_FALSE(contains(cancel.body, label));
  }
}

TEST_CASE("empty fields leave out their lines, and line breaks in fields become spaces", "[mail][invite_text]") {
  InviteSummary s = summary();
  s.title.clear();
  s.location.clear();
  s.recipient.name.clear();
  s.organizer_name = "Kaisa\nKoordinaattori";
  // Across midnight: 21:30Z on 31 Dec is 23.30 local, and it ends on New Year's Day.
  s.when = {utc(2026y / December / 31d, 21, 30), utc(2026y / December / 31d, 23, 0)};
  const InviteText text = render_invite_text(s, helsinki());
  CHECK(text.subject == "Kutsu: YA-2026-0042, to 31.12.2026 klo 23.30");
  CHECK(text.body.rfind("Hei,\n", 0) == 0);
  CHECK_FALSE(contains(text.body, "Paikka:"));
  CHECK_FALSE(contains(text.body, "Tapaaminen:"));
  CHECK(contains(text.body, "\nKutsuja: Kaisa Koordinaattori\n"));
  CHECK(contains(text.body, "\nAika: torstai 31.12.2026 klo 23.30 – perjantai 1.1.2027 klo 1.00\n"));
  CHECK(contains(text.body, "\nTime: Thursday 31 December 2026, 23:30 – Friday 1 January 2027, 01:00 (Europe/Helsinki)\n"));
}

TEST_CASE("a held meeting's invitation says it is tentative, and until when", "[mail][invite_text][holds]") {
  InviteSummary s = summary();
  s.held_until = utc(2026y / November / 30d, 8, 0);  // Monday 10.00 in Helsinki
  const InviteText text = render_invite_text(s, helsinki());
  CHECK(text.subject == "Alustava kutsu: Omatiimin tapaaminen YA-2026-0042, ke 2.12.2026 klo 14.30");
  INFO(text.body);
  CHECK(contains(text.body, "\nAika on alustavasti varattu maanantai 30.11.2026 klo 10.00 asti. Saat vielä "
                            "vahvistuksen tai peruutuksen.\n"));
  CHECK(contains(text.body, "\nThe time is held tentatively until Monday 30 November 2026, 10:00 (Europe/Helsinki). "
                            "A confirmation or a cancellation follows.\n"));

  SECTION("a cancellation says nothing of the hold") {
    s.kind = InviteKind::cancellation;
    const InviteText cancelled = render_invite_text(s, helsinki());
    CHECK(cancelled.subject.rfind("Peruttu: ", 0) == 0);
    CHECK_FALSE(contains(cancelled.body, "alustavasti"));
    CHECK_FALSE(contains(cancelled.body, "held tentatively"));
  }
}
