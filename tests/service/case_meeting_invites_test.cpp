// Invites of a case's meeting (issue 13): a participant with an e-mail address
// gets the iMIP invite like a professional (ATTENDEE with CN their label and
// X-YHTEISAIKA-PARTICIPANT-KIND) and answers by link; the coordinator's copy
// names those without one. The mailer (src/service/mailer.hpp) runs with a
// fake sender, rounds driven by the test; the database is in memory.
#include "mailer.hpp"

#include <yhteisaika/mail/mail_reader.hpp>
#include <yhteisaika/service/service.hpp>

#include <catch2/catch.hpp>

#include "scratch_team.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace yhteisaika;
using namespace std::chrono_literals;
using test::kMonday;

namespace {

const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};

// iCalendar text with its folded lines joined (RFC 5545 §3.1).
std::string unfolded(std::string text) {
  for (auto at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at)) text.erase(at, 3);
  return text;
}

struct CaseMail {
  test::ScratchTeam scratch;
  std::unique_ptr<service::Service> service;
  std::unique_ptr<store::Store> db = scratch.store();
  store::Case the_case;
  std::map<std::string, std::vector<std::string>> delivered;  // recipient -> raw messages
  int secrets = 0;

  CaseMail() {
    auto opened = service::Service::open(scratch.config(), scratch.seams([] { return kMonday; }));
    REQUIRE(opened.has_value());
    service = std::move(*opened);
    store::Case c;
    c.ref = CaseRef{"YA-2026-0042"};
    c.coordinator = kSocial;
    c.identified_on = std::chrono::year{2026} / 11 / 20;
    c.team = {kDoctor};
    the_case = *db->create_case(c, {"test", kMonday});
  }
  std::string add(cases::ParticipantKind kind, std::string label, std::optional<std::string> email) {
    cases::Participant p;
    p.kind = kind;
    p.label = std::move(label);
    p.email = std::move(email);
    auto added = db->add_participant(the_case.id, p, {"test", kMonday});
    REQUIRE(added.has_value());
    return added->id;
  }
  // One mailer round, as the service's thread would run it.
  void mail_round() {
    auto pool = service::StorePool::open(scratch.seams({}).open_store, 2);
    REQUIRE(pool.has_value());
    service::Mailer mailer(
        service->config(), service->zone(), **pool, [] { return kMonday; },
        [&](const mailbox::Envelope& envelope, std::string_view message) -> Result<void> {
          for (const auto& to : envelope.to) delivered[to].emplace_back(message);
          return {};
        },
        std::nullopt, [](std::string_view, std::string_view, const boost::json::object&) {},
        [&] { return "secret-" + std::to_string(++secrets); });
    mailer.run_round();
  }
  // The iTIP object of the one message to `to`.
  std::string calendar_to(const std::string& to) {
    INFO("mail to " << to);
    REQUIRE(delivered[to].size() == 1);
    auto read = mail::read_mail(delivered[to].front());
    REQUIRE(read.has_value());
    REQUIRE(read->calendars.size() == 1);
    return unfolded(read->calendars.front());
  }
  std::string email_of(const ParticipantId& id) { return db->professional(id)->email; }
};

}  // namespace

TEST_CASE("a participant with an e-mail is invited like a professional, by label and kind",
          "[service][case_meetings][mail][issue-13]") {
  CaseMail m;
  const std::string mother = m.add(cases::ParticipantKind::close_one, "Äiti", "aiti@example.fi");
  const std::string client = m.add(cases::ParticipantKind::client, "Asiakas", std::nullopt);
  service::CaseMeetingRequest r;
  r.required = {kSocial.value, kDoctor.value, mother, client};
  auto booked = m.service->case_meetings().book(m.the_case.id, r, kCoordinator);
  REQUIRE(booked.has_value());
  m.mail_round();

  const std::string hers = m.calendar_to("aiti@example.fi");
  CHECK(hers.find("METHOD:REQUEST") != std::string::npos);
  CHECK(hers.find("ATTENDEE;CN=Äiti;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                  "X-YHTEISAIKA-PARTICIPANT-KIND=close_one:mailto:aiti@example.fi") != std::string::npos);
  CHECK(hers.find("Osallistujat ilman sähköpostia") == std::string::npos);  // the coordinator's copy only
  // The client has no address: no ATTENDEE line and no mail, anywhere.
  CHECK(hers.find("Asiakas") == std::string::npos);

  const std::string doctors = m.calendar_to(m.email_of(kDoctor));
  CHECK(doctors.find("X-YHTEISAIKA-PARTICIPANT-KIND=close_one:mailto:aiti@example.fi") != std::string::npos);
  CHECK(doctors.find("Osallistujat ilman sähköpostia") == std::string::npos);

  const std::string coordinators = m.calendar_to(m.email_of(kSocial));
  CHECK(coordinators.find("DESCRIPTION:Osallistujat ilman sähköpostia: Asiakas (asiakas)") != std::string::npos);
  CHECK(m.delivered.size() == 3);  // the two professionals and the mother

  // The invite.ics a coordinator downloads is their copy too.
  auto invite = m.service->booking().invite(booked->id);
  REQUIRE(invite.has_value());
  CHECK(unfolded(invite->text).find("DESCRIPTION:Osallistujat ilman sähköpostia: Asiakas (asiakas)") !=
        std::string::npos);
}

TEST_CASE("a participant answers by the link in their invite as a professional does",
          "[service][case_meetings][mail][issue-13]") {
  CaseMail m;
  const std::string mother = m.add(cases::ParticipantKind::close_one, "Äiti", "aiti@example.fi");
  service::CaseMeetingRequest r;
  r.required = {kSocial.value, mother};
  auto booked = m.service->case_meetings().book(m.the_case.id, r, kCoordinator);
  REQUIRE(booked.has_value());
  m.mail_round();
  REQUIRE(m.delivered.count("aiti@example.fi") == 1);

  // Her link: the one of the secrets made that speaks for her.
  std::optional<std::string> hers;
  for (int i = 1; i <= m.secrets; ++i) {
    auto seen = m.service->mail().answer_link("secret-" + std::to_string(i), std::nullopt);
    if (seen && seen->attendee.id == ParticipantId{mother}) hers = "secret-" + std::to_string(i);
  }
  REQUIRE(hers.has_value());
  auto seen = m.service->mail().answer_link(*hers, std::nullopt);
  REQUIRE(seen.has_value());
  CHECK(seen->attendee.name == "Äiti");  // the page greets her by her label
  CHECK(seen->outcome == store::AnswerOutcome::applied);

  auto answered = m.service->mail().answer_link(*hers, std::string("ACCEPTED"));
  REQUIRE(answered.has_value());
  CHECK(answered->outcome == store::AnswerOutcome::applied);
  REQUIRE(answered->meeting.participants.size() == 1);
  CHECK(answered->meeting.participants.front().partstat == "ACCEPTED");
  CHECK(answered->meeting.participants.front().answered_at == kMonday);
}
