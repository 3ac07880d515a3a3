// The Store contract for the joint client's case (issue 13), run against every
// implementation (contract.hpp): cases, their stage moves, the people around
// the client, and erasing their contact data after the case is closed.
#include "contract.hpp"

using namespace contract;
using namespace std::chrono_literals;
using cases::ParticipantKind;
using cases::Stage;
using store::Errc;

namespace {

const std::string kMothersEmail = "aiti.esimerkki@example.fi";

template <class Db>
std::unique_ptr<Store> seeded(const Db& db) {
  auto s = db.open();
  seed(*s);
  return s;
}

store::Case created(Store& s, CaseRef ref = kCase) {
  auto c = s.create_case(new_case(std::move(ref)), kChange);
  REQUIRE(c.has_value());
  return *c;
}

// The case's meeting 09:00-10:00 with the doctor and the case's participant `p`.
store::NewMeeting meeting_with(const store::Case& c, const std::string& p) {
  store::NewMeeting m = meeting_at({at(9), at(10)}, {kDoctor});
  m.case_record.reset();
  m.case_ref = CaseRef{};
  m.case_id = c.id;
  m.kind = cases::MeetingKind::mapping;
  m.participants = {{p, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt, std::nullopt}};
  return m;
}

}  // namespace

TEMPLATE_TEST_CASE("a case is created at stage identified and found by id and by reference", "[store][contract][cases]",
                   Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  store::Case asked = new_case();
  asked.stage = Stage::plan_made;  // ignored: a new case is identified
  asked.participants = {participant(ParticipantKind::client, "Asiakas")};
  auto c = s->create_case(asked, kChange);
  REQUIRE(c.has_value());
  CHECK(c->id.value > 0);
  CHECK(c->ref == kCase);
  CHECK(c->stage == Stage::identified);
  CHECK(c->coordinator == kSocial);
  CHECK(c->identified_on == std::chrono::year{2026} / 11 / 20);
  CHECK(c->trigger == cases::Trigger::triage);
  CHECK(c->segment == std::optional<int>{3});
  CHECK(c->team == std::vector<ParticipantId>{kSocial, kDoctor});
  CHECK(c->participants.empty());
  CHECK(c->history.empty());

  CHECK(*s->case_by_id(c->id) == *c);
  CHECK(*s->case_by_ref(kCase) == *c);
  CHECK(s->case_by_id(store::CaseId{999}).error().code == Errc::not_found);
  auto other = s->create_case(new_case(CaseRef{"YA-2026-0043"}), kChange);
  REQUIRE(other.has_value());
  CHECK(other->id != c->id);

  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "create_case");
  CHECK(log[0].after_json.find("\"stage\":\"identified\"") != std::string::npos);
}

TEMPLATE_TEST_CASE("a second case with the same reference is refused and writes nothing", "[store][contract][cases]",
                   Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  created(*s);
  auto again = s->create_case(new_case(), kChange);
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().code == Errc::already_exists);
  CHECK(again.error().where.field == "case_ref");
  CHECK(s->list_cases()->size() == 1);
  CHECK(audit_after_seed(*s).size() == 1);
}

TEMPLATE_TEST_CASE("a case's coordinator, team, segment and reference are checked with the field named",
                   "[store][contract][cases]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  struct Bad {
    const char* where;
    void (*spoil)(store::Case&);
  };
  const Bad bad[] = {
      {"case_ref", [](store::Case& c) { c.ref = CaseRef{}; }},
      {"coordinator", [](store::Case& c) { c.coordinator = ParticipantId{"nobody"}; }},
      {"identified_on", [](store::Case& c) { c.identified_on = std::chrono::year{2026} / 2 / 30; }},
      {"team[1]", [](store::Case& c) { c.team = {kDoctor, ParticipantId{"nobody"}}; }},
      {"team[1]", [](store::Case& c) { c.team = {kDoctor, kDoctor}; }},
      {"segment", [](store::Case& c) { c.segment = 5; }},
  };
  for (const Bad& b : bad) {
    INFO(b.where);
    store::Case c = new_case();
    b.spoil(c);
    auto refused = s->create_case(c, kChange);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::invalid_argument);
    CHECK(refused.error().where.field == b.where);
  }
  CHECK(s->list_cases()->empty());
}

TEMPLATE_TEST_CASE("cases are listed by stage and by coordinator", "[store][contract][cases]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case a = created(*s, CaseRef{"YA-1"});
  store::Case b_asked = new_case(CaseRef{"YA-2"});
  b_asked.coordinator = kDoctor;
  const store::Case b = *s->create_case(b_asked, kChange);
  REQUIRE(s->move_stage(b.id, Stage::identified, Stage::consent_asked, kChange).has_value());

  const auto ids = [](const std::vector<store::Case>& list) {
    std::vector<std::int64_t> out;
    for (const auto& c : list) out.push_back(c.id.value);
    return out;
  };
  CHECK(ids(*s->list_cases()) == std::vector<std::int64_t>{a.id.value, b.id.value});
  CHECK(ids(*s->list_cases({Stage::identified, std::nullopt})) == std::vector<std::int64_t>{a.id.value});
  CHECK(ids(*s->list_cases({std::nullopt, kDoctor})) == std::vector<std::int64_t>{b.id.value});
  CHECK(s->list_cases({Stage::identified, kDoctor})->empty());
}

TEMPLATE_TEST_CASE("updating a case changes only its team, coordinator and segment, audited",
                   "[store][contract][cases]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case c = created(*s);
  store::CaseUpdate update;
  update.team = std::vector<ParticipantId>{kTherapist};
  update.segment = std::optional<int>{};
  auto after = s->update_case(c.id, update, kChange);
  REQUIRE(after.has_value());
  CHECK(after->team == std::vector<ParticipantId>{kTherapist});
  CHECK_FALSE(after->segment.has_value());
  CHECK(after->coordinator == kSocial);
  CHECK(*s->case_by_id(c.id) == *after);

  store::CaseUpdate bad;
  bad.coordinator = ParticipantId{"nobody"};
  CHECK(s->update_case(c.id, bad, kChange).error().where.field == "coordinator");
  CHECK(s->update_case(store::CaseId{999}, update, kChange).error().code == Errc::not_found);
  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 2);
  CHECK(log[1].action == "update_case");
  CHECK(log[1].before_json.find(kDoctor.value) != std::string::npos);
  CHECK(log[1].after_json.find(kTherapist.value) != std::string::npos);
}

TEMPLATE_TEST_CASE("a stage move is kept in the case's history and the audit log", "[store][contract][cases]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case c = created(*s);
  const store::Change consent{"coordinator:Sanna", at(8)};
  const store::Change closing{"coordinator:Sanna", at(9)};
  REQUIRE(s->move_stage(c.id, Stage::identified, Stage::consent_asked, consent).has_value());
  auto closed = s->move_stage(c.id, Stage::consent_asked, Stage::closed, closing);
  REQUIRE(closed.has_value());
  CHECK(closed->stage == Stage::closed);
  const std::vector<cases::StageMove> history{{Stage::identified, Stage::consent_asked, at(8), "coordinator:Sanna"},
                                              {Stage::consent_asked, Stage::closed, at(9), "coordinator:Sanna"}};
  CHECK(closed->history == history);
  CHECK(s->case_by_id(c.id)->history == history);

  // A move from a stage the case has left (someone moved it meanwhile) writes nothing.
  auto stale = s->move_stage(c.id, Stage::consent_asked, Stage::mapping, closing);
  REQUIRE_FALSE(stale.has_value());
  CHECK(stale.error().code == Errc::conflict);
  CHECK(s->case_by_id(c.id)->history.size() == 2);

  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 3);
  CHECK(log[1].action == "move_stage");
  CHECK(log[1].actor == "coordinator:Sanna");
  CHECK(log[1].before_json.find("\"stage\":\"identified\"") != std::string::npos);
  CHECK(log[1].after_json.find("\"stage\":\"consent_asked\"") != std::string::npos);
  CHECK(log[2].after_json.find("\"stage\":\"closed\"") != std::string::npos);
}

TEMPLATE_TEST_CASE("participants get the ids p1, p2, ... and a removed one's id is never given again",
                   "[store][contract][cases]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case c = created(*s);
  auto client = s->add_participant(c.id, participant(ParticipantKind::client, "Asiakas"), kChange);
  auto mother = s->add_participant(c.id, participant(ParticipantKind::close_one, "Äiti", kMothersEmail), kChange);
  REQUIRE(client.has_value());
  REQUIRE(mother.has_value());
  CHECK(client->id == "p1");
  CHECK(mother->id == "p2");
  CHECK(mother->email == std::optional<std::string>{kMothersEmail});
  REQUIRE(s->remove_participant(c.id, "p2", kChange).has_value());
  auto ngo = s->add_participant(c.id, participant(ParticipantKind::ngo, "Järjestötyöntekijä"), kChange);
  REQUIRE(ngo.has_value());
  CHECK(ngo->id == "p3");

  cases::Participant changed = *client;
  changed.availability.clear();
  changed.email = "asiakas@example.fi";
  REQUIRE(s->update_participant(c.id, changed, kChange).has_value());
  auto read = s->case_by_id(c.id);
  REQUIRE(read.has_value());
  CHECK(read->participants == std::vector<cases::Participant>{changed, *ngo});

  changed.id = "p2";
  CHECK(s->update_participant(c.id, changed, kChange).error().code == Errc::not_found);
  CHECK(s->remove_participant(c.id, "p2", kChange).error().code == Errc::not_found);
  CHECK(s->add_participant(store::CaseId{999}, *client, kChange).error().code == Errc::not_found);
  // The audit log names them by id and kind only.
  for (const auto& e : audit_after_seed(*s)) {
    INFO(e.action);
    CHECK(e.before_json.find("Äiti") == std::string::npos);
    CHECK(e.after_json.find("Äiti") == std::string::npos);
    CHECK(e.before_json.find(kMothersEmail) == std::string::npos);
    CHECK(e.after_json.find("asiakas@example.fi") == std::string::npos);
  }
}

TEMPLATE_TEST_CASE("a participant's label, windows and spans are checked with the field named",
                   "[store][contract][cases]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case c = created(*s);
  struct Bad {
    const char* where;
    void (*spoil)(cases::Participant&);
  };
  const Bad bad[] = {
      {"label", [](cases::Participant& p) { p.label.clear(); }},
      {"availability[0]", [](cases::Participant& p) { p.availability[0].days = {}; }},
      {"availability[0]", [](cases::Participant& p) { p.availability[0].to = p.availability[0].from; }},
      {"availability[0]", [](cases::Participant& p) { p.availability[0].to = std::chrono::hours{25}; }},
      {"unavailable[0]", [](cases::Participant& p) { p.unavailable[0].end = p.unavailable[0].start; }},
  };
  for (const Bad& b : bad) {
    INFO(b.where);
    cases::Participant p = participant(ParticipantKind::peer, "Vertaistoimija");
    b.spoil(p);
    auto refused = s->add_participant(c.id, p, kChange);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::invalid_argument);
    CHECK(refused.error().where.field == b.where);
  }
  CHECK(s->case_by_id(c.id)->participants.empty());
}

TEMPLATE_TEST_CASE("a closed case takes no new meetings or participants", "[store][contract][cases]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case c = created(*s);
  REQUIRE(s->add_participant(c.id, participant(ParticipantKind::client, "Asiakas"), kChange).has_value());
  REQUIRE(s->move_stage(c.id, Stage::identified, Stage::closed, kChange).has_value());

  auto meeting = book(*s, meeting_with(c, "p1"));
  REQUIRE_FALSE(meeting.has_value());
  CHECK(meeting.error().code == Errc::case_closed);
  // Also when named by its reference, as POST /api/v1/meetings names it.
  CHECK(book(*s, {at(11), at(12)}, {kDoctor}).error().code == Errc::case_closed);
  CHECK(s->add_participant(c.id, participant(ParticipantKind::kela, "Kela"), kChange).error().code ==
        Errc::case_closed);
  CHECK(s->meetings_for_case(kCase)->empty());
}

TEMPLATE_TEST_CASE("participants' contact data is erased once a closed case's retention has passed",
                   "[store][contract][cases][privacy]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  const store::Case c = created(*s);
  auto mother = s->add_participant(c.id, participant(ParticipantKind::close_one, "Äiti", kMothersEmail), kChange);
  REQUIRE(mother.has_value());
  auto booked = book(*s, meeting_with(c, "p1"));
  REQUIRE(booked.has_value());
  REQUIRE(booked->participants.front().email == std::optional<std::string>{kMothersEmail});
  store::OutgoingMail invite{booked->id, 0, ParticipantId{"p1"}, kMothersEmail, "REQUEST", "Kutsu",
                             "To: " + kMothersEmail, "", ""};
  REQUIRE(s->enqueue_mail(s->mail_notices(10)->front().id, {invite}, at(7)).has_value());
  const Instant closed_at = at(10);
  REQUIRE(s->move_stage(c.id, Stage::identified, Stage::closed, {"coordinator", closed_at}).has_value());

  const std::chrono::days retention{180};
  auto early = s->erase_closed_contacts(retention, {"retention", closed_at + retention - 1s});
  REQUIRE(early.has_value());
  CHECK(early->empty());
  CHECK(s->case_by_id(c.id)->participants.front().email == std::optional<std::string>{kMothersEmail});

  auto erased = s->erase_closed_contacts(retention, {"retention", closed_at + retention});
  REQUIRE(erased.has_value());
  CHECK(*erased == std::vector<store::CaseId>{c.id});
  const cases::Participant kept = s->case_by_id(c.id)->participants.front();
  CHECK(kept.id == "p1");
  CHECK(kept.kind == ParticipantKind::close_one);
  CHECK(kept.label == "Äiti");
  CHECK_FALSE(kept.email.has_value());
  CHECK(kept.availability.empty());
  CHECK(kept.unavailable.empty());
  CHECK_FALSE(s->meeting(booked->id)->participants.front().email.has_value());
  const auto mail = s->outbox(std::nullopt, 10);
  REQUIRE(mail->size() == 1);
  CHECK(mail->front().recipient.empty());
  CHECK(s->due_mail(kAllTime.end, 10)->empty());  // never sent now
  CHECK(db.stored().find(kMothersEmail) == std::string::npos);

  // Once is enough: a later run finds nothing more.
  CHECK(s->erase_closed_contacts(retention, {"retention", closed_at + retention + 24h})->empty());
  auto log = audit_after_seed(*s);
  const auto erase = std::find_if(log.begin(), log.end(), [](const auto& e) { return e.action == "erase_contacts"; });
  REQUIRE(erase != log.end());
  CHECK(erase->after_json.find("\"p1\"") != std::string::npos);
  CHECK(std::count_if(log.begin(), log.end(), [](const auto& e) { return e.action == "erase_contacts"; }) == 1);
  for (const auto& e : log) CHECK(e.after_json.find(kMothersEmail) == std::string::npos);
}
