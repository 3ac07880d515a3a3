#include <yhteisaika/cases/stage_moves.hpp>
#include <yhteisaika/cases/words.hpp>

namespace yhteisaika::cases {

namespace {

std::string word(Stage s) { return std::string(to_string(s)); }

// "from mapping it may move to team_invited or closed"
std::string allowed_from(Stage from) {
  const std::optional<Stage> next = next_stage(from);
  if (!next) return "a closed case stays closed";
  if (*next == Stage::closed) return "from " + word(from) + " it may move only to closed";
  return "from " + word(from) + " it may move to " + word(*next) + " or closed";
}

}  // namespace

std::optional<Stage> next_stage(Stage stage) {
  switch (stage) {
    case Stage::identified: return Stage::consent_asked;
    case Stage::consent_asked: return Stage::mapping;
    case Stage::mapping: return Stage::team_invited;
    case Stage::team_invited: return Stage::plan_made;
    case Stage::plan_made: return Stage::follow_up;
    case Stage::follow_up: return Stage::closed;
    case Stage::closed: return std::nullopt;
  }
  return std::nullopt;
}

Result<void> check_stage_move(Stage from, Stage to) {
  if (from == to) {
    return Error{Errc::stage_move, "the case is already at stage " + word(to) + "; " + allowed_from(from), Location::at_field("stage")};
  }
  if (from == Stage::closed) {
    return Error{Errc::stage_move, "cannot move the case from closed to " + word(to) + "; a closed case stays closed",
                 Location::at_field("stage")};
  }
  if (to == Stage::closed || next_stage(from) == to) return {};
  return Error{Errc::stage_move,
               "cannot move the case from " + word(from) + " to " + word(to) + "; " + allowed_from(from), Location::at_field("stage")};
}

Result<Case> move_stage(Case c, Stage to, time::Instant at, std::string actor) {
  if (auto ok = check_stage_move(c.stage, to); !ok) return ok.error();
  c.history.push_back(StageMove{c.stage, to, at, std::move(actor)});
  c.stage = to;
  return c;
}

Result<void> require_open(const Case& c) {
  if (c.stage != Stage::closed) return {};
  return Error{Errc::case_closed, "case " + c.ref.value + " is closed: it takes no new meetings", Location::at_field("case")};
}

}  // namespace yhteisaika::cases
