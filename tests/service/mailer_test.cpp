// The mailer (src/service/mailer.hpp) over a scratch copy of the demo team,
// with a fake sender in place of SMTP and rounds driven by the test, not a timer.
#include "mailer.hpp"

#include <yhteisaika/service/service.hpp>

#include <catch2/catch.hpp>

#include "scratch_team.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace yhteisaika;
using test::kMonday;
using test::ScratchTeam;

namespace {

const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};
const ParticipantId kPsychologist{"psykologi-makela"};

struct LogLine {
  std::string level, msg;
  boost::json::object fields;
};

}  // namespace

TEST_CASE("a message that cannot be built is marked failed, and the notices behind it are sent",
          "[service][mail][issue-10]") {
  // One professional's address "Name <a@b>" made building their message throw;
  // the mailer's round failed every second and every notice queued behind it
  // waited for ever.
  ScratchTeam scratch;
  const config::Config config = scratch.config();
  auto opened = service::Service::open(config, scratch.seams([] { return kMonday; }));
  REQUIRE(opened.has_value());
  auto& s = **opened;

  // An address stored before addresses were checked where they come in.
  auto raw = scratch.store();
  store::Professional doctor = *raw->professional(kDoctor);
  doctor.email = "Mikko Korhonen <" + doctor.email + ">";
  REQUIRE(raw->update_professional(doctor, {"before", kMonday}).has_value());

  service::BookInput with_doctor;
  with_doctor.solve.required = {kDoctor, kSocial, kPsychologist};
  with_doctor.case_ref = CaseRef{"YA-2026-0042"};
  service::BookInput without_doctor = with_doctor;
  without_doctor.solve.required = {kSocial, kPsychologist};
  without_doctor.case_ref = CaseRef{"YA-2026-0043"};
  const auto first = s.booking().book(with_doctor, kCoordinator);
  const auto second = s.booking().book(without_doctor, kCoordinator);
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());

  auto pool = service::StorePool::open(scratch.seams({}).open_store, 2);
  REQUIRE(pool.has_value());
  std::vector<std::string> delivered;  // one recipient per message handed over
  std::vector<LogLine> log;
  int secrets = 0;
  service::Mailer mailer(
      s.config(), s.zone(), **pool, [] { return kMonday; },
      [&](const mailbox::Envelope& envelope, std::string_view message) -> Result<void> {
        CHECK_FALSE(message.empty());
        delivered.insert(delivered.end(), envelope.to.begin(), envelope.to.end());
        return {};
      },
      std::nullopt,
      [&](std::string_view level, std::string_view msg, const boost::json::object& fields) {
        log.push_back({std::string(level), std::string(msg), fields});
      },
      [&] { return "secret-" + std::to_string(++secrets); });
  mailer.run_round();

  const auto people = *s.directory().professionals();
  const auto email_of = [&](const ParticipantId& id) {
    return std::find_if(people.begin(), people.end(), [&](const auto& p) { return p.id == id; })->email;
  };
  std::sort(delivered.begin(), delivered.end());
  std::vector<std::string> expected{email_of(kSocial), email_of(kSocial), email_of(kPsychologist),
                                    email_of(kPsychologist)};
  std::sort(expected.begin(), expected.end());
  CHECK(delivered == expected);  // both meetings' other attendees, the later notice too

  auto failed = *s.mail().outbox(store::MailStatus::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK(failed.front().participant == kDoctor);
  CHECK(failed.front().meeting == first->id);
  CHECK(failed.front().last_error.find("cannot be built") != std::string::npos);
  CHECK(failed.front().last_error.find("laakari-korhonen") != std::string::npos);
  CHECK(failed.front().subject.find("YA-2026-0042") != std::string::npos);
  CHECK(s.mail().outbox(store::MailStatus::sent, 10)->size() == 4);
  CHECK(raw->mail_notices(10)->empty());

  const auto said = [&](const std::string& msg) {
    return std::count_if(log.begin(), log.end(), [&](const LogLine& l) { return l.msg == msg; });
  };
  CHECK(said("mail failed") == 1);
  CHECK(said("mailer round failed") == 0);
  const auto line = std::find_if(log.begin(), log.end(), [](const LogLine& l) { return l.msg == "mail failed"; });
  REQUIRE(line != log.end());
  CHECK(line->level == "error");
  CHECK(line->fields.at("professional").as_string() == "laakari-korhonen");

  mailer.run_round();  // a failed message is not tried again
  CHECK(delivered.size() == 4);
}

TEST_CASE("the mailer is made with the service, so a wrong mail setting stops it before it serves",
          "[service][mail][issue-10]") {
  // The mailer was made after the server started, while request threads
  // already read it on every booking; a wrong setting was found only then.
  ScratchTeam scratch;
  config::Config config = scratch.config();
  config.smtp.url = "smtp://127.0.0.1:2525";
  config.smtp.user = "yhteisaika";
  config.smtp.password_file = (scratch.dir / "no-such-password-file").string();
  auto opened = service::Service::open(config, scratch.seams([] { return kMonday; }));
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().where == Location::at_field("smtp_password_file"));

  config.smtp.password_file.clear();
  config.smtp.password = "salasana";
  config.imap.url = "imap://127.0.0.1:1143/INBOX";
  config.imap.user = "yhteisaika";
  config.imap.password_file = (scratch.dir / "no-such-password-file").string();
  opened = service::Service::open(config, scratch.seams([] { return kMonday; }));
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().where == Location::at_field("imap_password_file"));
}
