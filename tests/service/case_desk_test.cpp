// The joint client's case as a capability (service/case_desk.hpp, issue 13):
// stage moves, the people around the client, a closed case's refusals, and the
// erasure of their contact data after retention, with the database in memory
// and a clock the test moves.
#include <yhteisaika/service/case_desk.hpp>

#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/store/errc.hpp>

#include "../support/memory_database.hpp"

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono_literals;
using cases::Stage;

namespace {

// Monday 2026-11-23 09:00 in Helsinki.
const time::Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;
const service::Actor kSanna{"Sanna", store::TokenRole::coordinator};
const service::Actor kAdmin{"Pekka", store::TokenRole::admin};

struct Desk {
  test::ScratchMemoryDatabase db{"sosiaalityontekija-aalto", "laakari-korhonen", "psykologi-makela"};
  config::Config config;
  std::regex pattern = config::compile_case_ref_pattern(config.case_ref_pattern).value();
  time::Instant now = kNow;
  std::unique_ptr<service::StorePool> pool = service::StorePool::open(db.factory(), 1).value();
  std::unique_ptr<service::CaseDesk> desk;

  explicit Desk(int retention_days = 180) {
    config.participant_retention_days = retention_days;
    desk = std::make_unique<service::CaseDesk>(config, pattern, *pool, [this] { return now; });
  }

  store::Case open(const std::string& ref, const std::string& coordinator = "sosiaalityontekija-aalto") {
    auto created = desk->create(new_case(ref, coordinator), kSanna);
    REQUIRE(created.has_value());
    return *created;
  }
  static store::Case new_case(const std::string& ref, const std::string& coordinator) {
    store::Case c;
    c.ref = CaseRef{ref};
    c.coordinator = ParticipantId{coordinator};
    c.identified_on = std::chrono::year{2026} / 11 / 20;
    c.trigger = cases::Trigger::ed_frequent_visitor;
    c.segment = 3;
    c.team = {ParticipantId{coordinator}};
    return c;
  }
  Result<store::Case> move(const store::Case& c, Stage to, const service::Actor& who = kSanna) {
    service::CaseChanges changes;
    changes.stage = to;
    return desk->update(c.id, changes, who);
  }
  // Every audit entry's before and after, as one text.
  std::string audit_text() const {
    auto entries = db.open()->audit_log({kNow - std::chrono::days{3660}, kNow + std::chrono::days{3660}});
    REQUIRE(entries.has_value());
    std::string out;
    for (const auto& e : *entries) out += e.action + " " + e.actor + " " + e.before_json + " " + e.after_json + "\n";
    return out;
  }
};

cases::Participant mother() {
  cases::Participant p;
  p.kind = cases::ParticipantKind::close_one;
  p.label = "Äiti";
  p.email = "aiti.tukena@example.fi";
  p.availability = {{cases::day_set({std::chrono::Tuesday, std::chrono::Thursday}), 12h, 16h}};
  p.unavailable = {{kNow + std::chrono::days{17}, kNow + std::chrono::days{19}}};
  return p;
}

}  // namespace

TEST_CASE("a case opens at stage identified, its coordinator and team professionals of the directory",
          "[service][cases]") {
  Desk d;
  const store::Case c = d.open("YA-2026-0042");
  CHECK(c.stage == Stage::identified);
  CHECK(c.id.value > 0);
  CHECK(c.history.empty());
  CHECK(c.segment == std::optional<int>{3});

  SECTION("an unknown coordinator or team member is refused by the field's name") {
    auto nobody = d.desk->create(Desk::new_case("YA-2026-0043", "nobody"), kSanna);
    REQUIRE_FALSE(nobody.has_value());
    CHECK(nobody.error().code == store::Errc::invalid_argument);
    CHECK(nobody.error().where.field == "coordinator");
    store::Case team = Desk::new_case("YA-2026-0044", "laakari-korhonen");
    team.team.push_back(ParticipantId{"psykologi-makela"});
    team.team.push_back(ParticipantId{"ei-ketaan"});
    auto refused = d.desk->create(team, kSanna);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().where.field == "team[2]");
    CHECK(refused.error().message.find("ei-ketaan") != std::string::npos);
  }
  SECTION("a taken reference, a name or an identity code as a reference is refused") {
    auto taken = d.desk->create(Desk::new_case("YA-2026-0042", "laakari-korhonen"), kSanna);
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error().code == store::Errc::already_exists);
    auto name = d.desk->create(Desk::new_case("Matti Meikäläinen", "laakari-korhonen"), kSanna);
    REQUIRE_FALSE(name.has_value());
    CHECK(name.error().where.field == "case_ref");
    auto code = d.desk->create(Desk::new_case("131052-308T", "laakari-korhonen"), kSanna);
    REQUIRE_FALSE(code.has_value());
    CHECK(code.error().code == privacy::Errc::identity_code);
  }
  auto listed = d.desk->list({});
  REQUIRE(listed.has_value());
  CHECK(listed->size() == 1);  // nothing refused was kept
}

TEST_CASE("a case moves forward one stage at a time or to closed, each move kept with its time and actor",
          "[service][cases]") {
  Desk d;
  store::Case c = d.open("YA-2026-0042");
  d.now += 1h;
  REQUIRE(d.move(c, Stage::consent_asked).has_value());
  d.now += 24h;
  auto mapped = d.move(c, Stage::mapping, kAdmin);
  REQUIRE(mapped.has_value());
  CHECK(mapped->stage == Stage::mapping);
  REQUIRE(mapped->history.size() == 2);
  CHECK(mapped->history[0] == cases::StageMove{Stage::identified, Stage::consent_asked, kNow + 1h, "coordinator:Sanna"});
  CHECK(mapped->history[1] == cases::StageMove{Stage::consent_asked, Stage::mapping, kNow + 25h, "admin:Pekka"});

  SECTION("a skip, a step back or the same stage is refused and changes nothing, not even the fields given") {
    for (Stage to : {Stage::plan_made, Stage::consent_asked, Stage::mapping}) {
      CAPTURE(cases::to_string(to));
      service::CaseChanges changes;
      changes.stage = to;
      changes.fields.segment = std::optional<int>{1};
      auto refused = d.desk->update(c.id, changes, kSanna);
      REQUIRE_FALSE(refused.has_value());
      CHECK(refused.error().code == cases::Errc::stage_move);
      CHECK(refused.error().where.field == "stage");
    }
    auto kept = d.desk->get(c.id);
    REQUIRE(kept.has_value());
    CHECK(kept->c.stage == Stage::mapping);
    CHECK(kept->c.segment == std::optional<int>{3});
    CHECK(kept->c.history.size() == 2);
  }
  SECTION("closed from any stage, and nothing out of closed") {
    REQUIRE(d.move(c, Stage::closed).has_value());
    auto reopened = d.move(c, Stage::identified);
    REQUIRE_FALSE(reopened.has_value());
    CHECK(reopened.error().code == cases::Errc::stage_move);
    CHECK(reopened.error().message.find("a closed case stays closed") != std::string::npos);
  }
  SECTION("the fields and the next stage change together, each audited") {
    service::CaseChanges changes;
    changes.fields.team = std::vector<ParticipantId>{ParticipantId{"psykologi-makela"}};
    changes.fields.coordinator = ParticipantId{"laakari-korhonen"};
    changes.stage = Stage::team_invited;
    auto changed = d.desk->update(c.id, changes, kSanna);
    REQUIRE(changed.has_value());
    CHECK(changed->stage == Stage::team_invited);
    CHECK(changed->coordinator == ParticipantId{"laakari-korhonen"});
    CHECK(changed->team == std::vector<ParticipantId>{ParticipantId{"psykologi-makela"}});
    const std::string audit = d.audit_text();
    CHECK(audit.find("update_case coordinator:Sanna") != std::string::npos);
    CHECK(audit.find("\"stage\":\"team_invited\"") != std::string::npos);
  }
  SECTION("a team member who is not a professional is refused by position") {
    service::CaseChanges changes;
    changes.fields.team = std::vector<ParticipantId>{ParticipantId{"laakari-korhonen"}, ParticipantId{"x"}};
    auto refused = d.desk->update(c.id, changes, kSanna);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().where.field == "team[1]");
  }
  CHECK(d.desk->update(cases::CaseId{999}, {}, kSanna).error().code == store::Errc::not_found);
}

TEST_CASE("cases are listed newest first, by stage and by coordinator", "[service][cases]") {
  Desk d;
  const store::Case first = d.open("YA-2026-0001");
  const store::Case second = d.open("YA-2026-0002", "laakari-korhonen");
  const store::Case third = d.open("YA-2026-0003");
  REQUIRE(d.move(third, Stage::consent_asked).has_value());
  const auto refs = [&](const store::CaseFilter& filter) {
    auto list = d.desk->list(filter);
    REQUIRE(list.has_value());
    std::vector<std::string> out;
    for (const auto& c : *list) out.push_back(c.ref.value);
    return out;
  };
  CHECK(refs({}) == std::vector<std::string>{"YA-2026-0003", "YA-2026-0002", "YA-2026-0001"});
  CHECK(refs({Stage::identified, std::nullopt}) == std::vector<std::string>{"YA-2026-0002", "YA-2026-0001"});
  CHECK(refs({std::nullopt, ParticipantId{"sosiaalityontekija-aalto"}}) ==
        std::vector<std::string>{"YA-2026-0003", "YA-2026-0001"});
  CHECK(refs({Stage::consent_asked, ParticipantId{"laakari-korhonen"}}).empty());
  (void)first;
  (void)second;
}

TEST_CASE("the people around the client get ids p1, p2, ..., never one used before", "[service][cases]") {
  Desk d;
  const store::Case c = d.open("YA-2026-0042");
  auto p1 = d.desk->add_participant(c.id, mother(), kSanna);
  REQUIRE(p1.has_value());
  CHECK(p1->id == "p1");
  cases::Participant client;
  client.kind = cases::ParticipantKind::client;
  client.label = "Asiakas";
  auto p2 = d.desk->add_participant(c.id, client, kSanna);
  REQUIRE(p2.has_value());
  CHECK(p2->id == "p2");

  cases::Participant changed = *p1;
  changed.email.reset();
  changed.label = "Äiti (tukihenkilö)";
  auto updated = d.desk->update_participant(c.id, changed, kSanna);
  REQUIRE(updated.has_value());
  CHECK(d.desk->participant(c.id, "p1").value() == changed);

  auto removed = d.desk->remove_participant(c.id, "p2", kSanna);
  REQUIRE(removed.has_value());
  CHECK(removed->label == "Asiakas");
  CHECK(d.desk->add_participant(c.id, client, kSanna).value().id == "p3");

  SECTION("an unknown participant or case is not found") {
    CHECK(d.desk->participant(c.id, "p2").error().code == store::Errc::not_found);
    CHECK(d.desk->remove_participant(c.id, "p9", kSanna).error().code == store::Errc::not_found);
    cases::Participant ghost = client;
    ghost.id = "p9";
    CHECK(d.desk->update_participant(c.id, ghost, kSanna).error().code == store::Errc::not_found);
    CHECK(d.desk->add_participant(cases::CaseId{999}, client, kSanna).error().code == store::Errc::not_found);
  }
  SECTION("a name-like identity code as a label, or a window off the slot grid, is refused by field") {
    cases::Participant coded = client;
    coded.label = "Äiti 131052-308T";
    auto refused = d.desk->add_participant(c.id, coded, kSanna);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == privacy::Errc::identity_code);
    CHECK(refused.error().where.field == "label");
    cases::Participant off_grid = mother();
    off_grid.availability[0].from = 12h + 10min;
    auto off = d.desk->add_participant(c.id, off_grid, kSanna);
    REQUIRE_FALSE(off.has_value());
    CHECK(off.error().code == cases::Errc::invalid_value);
    CHECK(off.error().where.field == "availability[0].from");
  }
}

TEST_CASE("a closed case's participants cannot be added, changed or removed", "[service][cases]") {
  Desk d;
  const store::Case c = d.open("YA-2026-0042");
  const cases::Participant p1 = d.desk->add_participant(c.id, mother(), kSanna).value();
  REQUIRE(d.move(c, Stage::closed).has_value());
  const auto closed = [](const Result<cases::Participant>& r) {
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == cases::Errc::case_closed);
    CHECK(r.error().message.find("YA-2026-0042 is closed") != std::string::npos);
  };
  closed(d.desk->add_participant(c.id, mother(), kSanna));
  closed(d.desk->update_participant(c.id, p1, kSanna));
  closed(d.desk->remove_participant(c.id, "p1", kSanna));
  CHECK(d.desk->get(c.id).value().c.participants == std::vector<cases::Participant>{p1});
}

TEST_CASE("a case shows its meetings beside its team, participants and history", "[service][cases]") {
  Desk d;
  const store::Case c = d.open("YA-2026-0042");
  store::NewMeeting m;
  m.case_id = c.id;
  m.when = {kNow + 24h, kNow + 25h};
  m.attendees = {{ParticipantId{"laakari-korhonen"}, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt}};
  m.requested_at = kNow;
  auto booked = d.db.open()->book_meetings({{m, {"test", kNow}}});
  REQUIRE(booked.front().has_value());
  auto file = d.desk->get(c.id);
  REQUIRE(file.has_value());
  REQUIRE(file->meetings.size() == 1);
  CHECK(file->meetings[0].id == booked.front()->id);
  CHECK(file->c.ref == CaseRef{"YA-2026-0042"});
  CHECK(d.desk->get(cases::CaseId{999}).error().code == store::Errc::not_found);
}

TEST_CASE("contact data is erased participant_retention_days after the case closed, not a second before",
          "[service][cases][retention]") {
  Desk d(30);
  const store::Case closing = d.open("YA-2026-0042");
  const store::Case open = d.open("YA-2026-0043");
  REQUIRE(d.desk->add_participant(closing.id, mother(), kSanna).has_value());
  REQUIRE(d.desk->add_participant(open.id, mother(), kSanna).has_value());
  d.now = kNow + 48h;
  REQUIRE(d.move(closing, Stage::closed).has_value());
  const time::Instant closed_at = d.now;

  d.now = closed_at + std::chrono::days{30} - 1s;
  auto early = d.desk->erase_due_contacts(d.now);
  REQUIRE(early.has_value());
  CHECK(early->empty());
  CHECK(d.desk->participant(closing.id, "p1").value().email == std::optional<std::string>{"aiti.tukena@example.fi"});

  d.now = closed_at + std::chrono::days{30};
  auto due = d.desk->erase_due_contacts(d.now);
  REQUIRE(due.has_value());
  CHECK(*due == std::vector<cases::CaseId>{closing.id});
  const cases::Participant erased = d.desk->participant(closing.id, "p1").value();
  CHECK_FALSE(erased.email.has_value());
  CHECK(erased.availability.empty());
  CHECK(erased.unavailable.empty());
  CHECK(erased.label == "Äiti");  // a role word, not contact data
  CHECK(erased.kind == cases::ParticipantKind::close_one);
  // An open case keeps its people's contact data however long it runs.
  CHECK(d.desk->participant(open.id, "p1").value().email.has_value());

  d.now += std::chrono::days{365};
  CHECK(d.desk->erase_due_contacts(d.now).value().empty());  // erased once
  const std::string audit = d.audit_text();
  CHECK(audit.find("erase_contacts housekeeping") != std::string::npos);
}

TEST_CASE("the audit of a case keeps pseudonymous facts only: never a label or an e-mail address",
          "[service][cases][privacy]") {
  Desk d(0);
  const store::Case c = d.open("YA-2026-0042");
  cases::Participant p = d.desk->add_participant(c.id, mother(), kSanna).value();
  p.label = "Isoäiti";
  p.email = "mummo.tukena@example.fi";
  REQUIRE(d.desk->update_participant(c.id, p, kSanna).has_value());
  cases::Participant neighbour;
  neighbour.kind = cases::ParticipantKind::other;
  neighbour.label = "Naapuri";
  neighbour.email = "naapuri@example.fi";
  REQUIRE(d.desk->add_participant(c.id, neighbour, kSanna).has_value());
  REQUIRE(d.desk->remove_participant(c.id, "p2", kSanna).has_value());
  REQUIRE(d.move(c, Stage::closed).has_value());
  REQUIRE(d.desk->erase_due_contacts(d.now).value() == std::vector<cases::CaseId>{c.id});

  const std::string audit = d.audit_text();
  for (const char* text : {"Äiti", "Isoäiti", "Naapuri", "aiti.tukena", "mummo.tukena", "naapuri@", "example.fi"}) {
    CAPTURE(text);
    CHECK(audit.find(text) == std::string::npos);
  }
  for (const char* action : {"create_case", "add_participant", "update_participant", "remove_participant",
                             "move_stage", "erase_contacts"}) {
    CAPTURE(action);
    CHECK(audit.find(action) != std::string::npos);
  }
  CHECK(audit.find("\"participant\":\"p1\"") != std::string::npos);  // by id
  CHECK(audit.find("\"kind\":\"close_one\"") != std::string::npos);  // and kind
}
