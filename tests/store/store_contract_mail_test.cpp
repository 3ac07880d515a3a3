// The Store contract for e-mail (issue 6), run against every implementation
// (contract.hpp): notices written with each change, the outbox and its retries,
// answer links and answers.
#include "contract.hpp"

using namespace contract;
using store::AnswerOutcome;
using store::AttendeeRole;
using store::MailStatus;

namespace {

const store::Change kCoordinator{"coordinator:Sanna", at(7)};

template <class Db>
std::unique_ptr<store::Store> seeded(const Db& db) {
  auto s = db.open();
  for (const ParticipantId& id : {kDoctor, kSocial}) {
    REQUIRE(s->create_professional(
        {id, "Name of " + id.value, "profession", "Unit A", id.value + "@example.fi", id.value}, kSeed));
  }
  return s;
}

store::Meeting book(store::Store& s) {
  store::NewMeeting m;
  m.case_ref = kCase;
  m.case_record = case_record(kCase, kSocial, std::chrono::year{2026} / 11 / 20);
  m.when = {at(12, 30), at(13, 30)};
  m.attendees = {{kSocial, AttendeeRole::required, "NEEDS-ACTION", std::nullopt},
                 {kDoctor, AttendeeRole::required, "NEEDS-ACTION", std::nullopt}};
  m.requested_at = at(6);
  auto booked = contract::book(s, m, kCoordinator);
  REQUIRE(booked.has_value());
  return *booked;
}

store::OutgoingMail mail_to(const store::Meeting& m, const ParticipantId& who, std::string secret = "") {
  return {m.id,
          m.sequence,
          who,
          who.value + "@example.fi",
          "REQUEST",
          "Kutsu",
          "raw message " + who.value,
          std::move(secret),
          ""};
}

}  // namespace

TEMPLATE_TEST_CASE("every booking, reschedule and cancel leaves a notice to mail", "[store][contract][mail]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  REQUIRE(s->reschedule_meeting(m.id, {at(13, 30), at(14, 30)}, false, kCoordinator, {kDoctor}).has_value());
  REQUIRE(s->cancel_meeting(m.id, kCoordinator).has_value());
  auto notices = s->mail_notices(10);
  REQUIRE(notices.has_value());
  REQUIRE(notices->size() == 3);
  CHECK((*notices)[0].sequence == 0);
  CHECK((*notices)[1].sequence == 1);
  CHECK((*notices)[1].removed == std::vector<ParticipantId>{kDoctor});  // taken off: they get a CANCEL
  CHECK((*notices)[2].sequence == 2);
}

TEMPLATE_TEST_CASE("queueing a notice's mail removes the notice in the same step", "[store][contract][mail]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  auto notice = s->mail_notices(10)->front();
  REQUIRE(s->enqueue_mail(notice.id, {mail_to(m, kSocial), mail_to(m, kDoctor)}, at(8)).has_value());
  CHECK(s->mail_notices(10)->empty());
  auto due = s->due_mail(at(8), 10);
  REQUIRE(due->size() == 2);
  CHECK((*due)[0].message == "raw message " + kSocial.value);
  CHECK((*due)[0].status == MailStatus::queued);
}

TEMPLATE_TEST_CASE("a message that could not be built is stored as failed with its reason and never sent",
                   "[store][contract][mail][issue-10]", Sqlite, Memory) {
  // A message the mailer could not build kept its notice, so the mailer's
  // round failed every second and every notice behind it waited for ever.
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  store::OutgoingMail broken = mail_to(m, kDoctor);
  broken.recipient = "Name <a@b>";
  broken.message.clear();
  broken.error = "the message cannot be built: the address of laakari-virtanen is not a plain local@domain";
  REQUIRE(s->enqueue_mail(s->mail_notices(10)->front().id, {mail_to(m, kSocial), broken}, at(8)).has_value());
  CHECK(s->mail_notices(10)->empty());
  auto due = s->due_mail(at(8), 10);
  REQUIRE(due->size() == 1);  // only the good one
  CHECK(due->front().participant == kSocial);
  auto failed = s->outbox(MailStatus::failed, 10);
  REQUIRE(failed->size() == 1);
  CHECK(failed->front().participant == kDoctor);
  CHECK(failed->front().recipient == "Name <a@b>");
  CHECK(failed->front().last_error == broken.error);
  CHECK(failed->front().attempts == 0);
}

TEMPLATE_TEST_CASE("a message not sent waits for its retry, then fails when given up", "[store][contract][mail]",
                   Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  REQUIRE(s->enqueue_mail(s->mail_notices(10)->front().id, {mail_to(m, kSocial)}, at(8)).has_value());
  const std::int64_t id = s->due_mail(at(8), 10)->front().id;

  REQUIRE(s->mail_not_sent(id, "cannot connect to SMTP server", at(9)).has_value());
  CHECK(s->due_mail(at(8, 30), 10)->empty());  // not due before the retry
  auto retried = s->due_mail(at(9), 10);
  REQUIRE(retried->size() == 1);
  CHECK(retried->front().attempts == 1);
  CHECK(retried->front().last_error == "cannot connect to SMTP server");

  SECTION("sent on the retry") {
    REQUIRE(s->mail_sent(id, at(9)).has_value());
    auto sent = s->outbox(MailStatus::sent, 10);
    REQUIRE(sent->size() == 1);
    CHECK(sent->front().sent_at == at(9));
    CHECK(sent->front().message.empty());  // the listing leaves the text out
    CHECK(s->due_mail(at(23), 10)->empty());
  }
  SECTION("given up") {
    REQUIRE(s->mail_not_sent(id, "gave up after 2 tries", std::nullopt).has_value());
    auto failed = s->outbox(MailStatus::failed, 10);
    REQUIRE(failed->size() == 1);
    CHECK(failed->front().attempts == 2);
    CHECK(failed->front().last_error == "gave up after 2 tries");
    CHECK(s->due_mail(at(23), 10)->empty());
  }
}

TEMPLATE_TEST_CASE("an answer link speaks for one attendee and one version of the meeting",
                   "[store][contract][mail][answer]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  REQUIRE(s->enqueue_mail(s->mail_notices(10)->front().id, {mail_to(m, kDoctor, "s3cret")}, at(8)).has_value());
  auto link = s->answer_link("s3cret");
  REQUIRE(link.has_value());
  REQUIRE(link->has_value());
  CHECK(**link == store::AnswerLink{m.id, kDoctor, 0});
  CHECK_FALSE(s->answer_link("other")->has_value());
  CHECK_FALSE(s->answer_link("")->has_value());

  CHECK(*s->record_answer(m.id, kDoctor, 0, "DECLINED", "link", {"link:laakari", at(9)}) == AnswerOutcome::applied);
  auto after = s->meeting(m.id);
  CHECK(after->attendees[1].partstat == "DECLINED");
  CHECK(after->attendees[1].answered_at == at(9));
  CHECK(after->required_declines() == std::vector<ParticipantId>{kDoctor});

  SECTION("a reschedule asks everyone anew, and the old link is superseded") {
    auto moved = s->reschedule_meeting(m.id, {at(13, 30), at(14, 30)}, false, kCoordinator);
    REQUIRE(moved.has_value());
    CHECK(moved->attendees[1].partstat == "NEEDS-ACTION");
    CHECK_FALSE(moved->attendees[1].answered_at.has_value());
    CHECK(*s->record_answer(m.id, kDoctor, 0, "ACCEPTED", "link", kCoordinator) == AnswerOutcome::superseded);
    CHECK(s->meeting(m.id)->attendees[1].partstat == "NEEDS-ACTION");
  }
  SECTION("someone taken off cannot answer") {
    REQUIRE(s->reschedule_meeting(m.id, {at(13, 30), at(14, 30)}, false, kCoordinator, {kDoctor}).has_value());
    CHECK(*s->record_answer(m.id, kDoctor, 1, "ACCEPTED", "email", kCoordinator) == AnswerOutcome::not_attendee);
  }
  SECTION("a cancelled meeting takes no answers") {
    REQUIRE(s->cancel_meeting(m.id, kCoordinator).has_value());
    CHECK(*s->record_answer(m.id, kDoctor, 1, "ACCEPTED", "email", kCoordinator) == AnswerOutcome::cancelled);
  }
}

TEMPLATE_TEST_CASE("an answer is audited with how it came, and one not applied writes nothing",
                   "[store][contract][mail][answer]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  CHECK(*s->record_answer(m.id, kDoctor, 1, "ACCEPTED", "email", kCoordinator) == AnswerOutcome::superseded);
  CHECK(*s->record_answer(m.id, ParticipantId{"x"}, 0, "ACCEPTED", "email", kCoordinator) ==
        AnswerOutcome::not_attendee);
  CHECK(s->record_answer(store::MeetingId{999}, kDoctor, 0, "ACCEPTED", "email", kCoordinator).error().code ==
        store::Errc::not_found);
  CHECK(*s->meeting(m.id) == m);

  REQUIRE(*s->record_answer(m.id, kDoctor, 0, "TENTATIVE", "email", {"email:laakari", at(9)}) ==
          AnswerOutcome::applied);
  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 2);  // the booking and the one answer applied
  CHECK(log[1].action == "answer");
  CHECK(log[1].actor == "email:laakari");
  CHECK(log[1].before_json.find("NEEDS-ACTION") != std::string::npos);
  CHECK(log[1].after_json.find("\"partstat\":\"TENTATIVE\"") != std::string::npos);
  CHECK(log[1].after_json.find("\"via\":\"email\"") != std::string::npos);
}

TEMPLATE_TEST_CASE("a reschedule refuses to take off someone not on the meeting, or everyone",
                   "[store][contract][mail]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Meeting m = book(*s);
  auto stranger = s->reschedule_meeting(m.id, {at(13, 30), at(14, 30)}, false, kCoordinator, {ParticipantId{"x"}});
  REQUIRE_FALSE(stranger.has_value());
  CHECK(stranger.error().where == Location::at_field("without[0]"));
  auto everyone = s->reschedule_meeting(m.id, {at(13, 30), at(14, 30)}, false, kCoordinator, {kDoctor, kSocial});
  REQUIRE_FALSE(everyone.has_value());
  CHECK(*s->meeting(m.id) == m);  // nothing written
}
