#include <yhteisaika/cases/stage_moves.hpp>

#include <yhteisaika/cases/words.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <string>

namespace {

using namespace std::chrono;
using namespace yhteisaika::cases;
using yhteisaika::time::Instant;

constexpr std::array kAll{Stage::identified, Stage::team_invited, Stage::mapping,  Stage::consent_asked,
                          Stage::plan_made,  Stage::follow_up,    Stage::closed};

Instant at(int day) { return sys_days{2026y / 12 / day} + hours{9}; }

Case new_case() {
  Case c;
  c.id = CaseId{7};
  c.ref = yhteisaika::CaseRef{"YA-2026-0042"};
  c.coordinator = yhteisaika::ParticipantId{"sairaanhoitaja-nieminen"};
  c.identified_on = 2026y / 12 / 1;
  return c;
}

}  // namespace

TEST_CASE("a case moves forward one stage at a time or to closed, and never back", "[cases][stages]") {
  for (const Stage from : kAll) {
    for (const Stage to : kAll) {
      CAPTURE(std::string(to_string(from)), std::string(to_string(to)));
      const bool forward_one = static_cast<int>(to) == static_cast<int>(from) + 1;
      const bool allowed = from != Stage::closed && from != to && (forward_one || to == Stage::closed);
      const auto ok = check_stage_move(from, to);
      CHECK(static_cast<bool>(ok) == allowed);
      if (!ok) {
        CHECK(ok.error().code == Errc::stage_move);
        CHECK(ok.error().where.field == "stage");
      }
    }
  }
  CHECK(next_stage(Stage::plan_made) == Stage::follow_up);
  CHECK(next_stage(Stage::follow_up) == Stage::closed);
  CHECK(next_stage(Stage::closed) == std::nullopt);
}

TEST_CASE("a refused stage move says which moves are allowed", "[cases][stages]") {
  CHECK(check_stage_move(Stage::mapping, Stage::plan_made).error().message ==
        "cannot move the case from mapping to plan_made; from mapping it may move to team_invited or closed");
  CHECK(check_stage_move(Stage::plan_made, Stage::consent_asked).error().message ==
        "cannot move the case from plan_made to consent_asked; from plan_made it may move to follow_up or closed");
  CHECK(check_stage_move(Stage::follow_up, Stage::identified).error().message ==
        "cannot move the case from follow_up to identified; from follow_up it may move only to closed");
  CHECK(check_stage_move(Stage::closed, Stage::follow_up).error().message ==
        "cannot move the case from closed to follow_up; a closed case stays closed");
  CHECK(check_stage_move(Stage::mapping, Stage::mapping).error().message ==
        "the case is already at stage mapping; from mapping it may move to team_invited or closed");
  CHECK(check_stage_move(Stage::closed, Stage::closed).error().message ==
        "the case is already at stage closed; a closed case stays closed");
}

TEST_CASE("every stage move is kept in the case's history with its time and actor", "[cases][stages]") {
  Case c = new_case();
  c = move_stage(c, Stage::consent_asked, at(2), "koordinaattori").value();
  c = move_stage(c, Stage::mapping, at(3), "koordinaattori").value();
  c = move_stage(c, Stage::closed, at(4), "admin").value();
  CHECK(c.stage == Stage::closed);
  REQUIRE(c.history.size() == 3);
  CHECK(c.history[0] == StageMove{Stage::identified, Stage::consent_asked, at(2), "koordinaattori"});
  CHECK(c.history[1] == StageMove{Stage::consent_asked, Stage::mapping, at(3), "koordinaattori"});
  CHECK(c.history[2] == StageMove{Stage::mapping, Stage::closed, at(4), "admin"});

  SECTION("a refused move changes nothing and is not recorded") {
    const auto moved = move_stage(c, Stage::follow_up, at(5), "admin");
    REQUIRE_FALSE(moved.has_value());
    CHECK(moved.error().code == Errc::stage_move);
    CHECK(c.history.size() == 3);
  }
}

TEST_CASE("a closed case takes no new meetings and says so by its reference", "[cases][stages]") {
  Case c = new_case();
  for (const Stage s : kAll) {
    c.stage = s;
    CAPTURE(std::string(to_string(s)));
    CHECK(static_cast<bool>(require_open(c)) == (s != Stage::closed));
  }
  c.stage = Stage::closed;
  const auto refused = require_open(c);
  CHECK(refused.error().code == Errc::case_closed);
  CHECK(refused.error().message == "case YA-2026-0042 is closed: it takes no new meetings");
}
