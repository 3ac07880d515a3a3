#pragma once
// How a case moves through its stages (issue 13; case.hpp lists them in order):
// forward one step at a time, to `closed` from any stage, never out of `closed`.
// Moving to the stage the case is at is an error too (a PATCH that changes
// nothing is no audited move). Every move is kept in the case's history.
//
// Errors have Errc::stage_move and where = "stage"; the message says which moves
// are allowed from the case's stage, e.g.
//   "cannot move the case from mapping to plan_made; from mapping it may move to team_invited or closed"
//
// Thread safety: pure functions.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/error.hpp>

#include <optional>
#include <string>

namespace yhteisaika::cases {

// The stage one step after `stage`: follow_up's is closed, closed has none.
std::optional<Stage> next_stage(Stage stage);

// Whether a case at `from` may move to `to`, as above.
Result<void> check_stage_move(Stage from, Stage to);

// `c` moved to `to`, the move appended to its history (at, actor), or the error
// of check_stage_move. `actor` is a token name or "cli", never a client's name.
Result<Case> move_stage(Case c, Stage to, time::Instant at, std::string actor);

// A closed case takes no new meetings: an error with Errc::case_closed naming
// the case by its (pseudonymous) reference, success for any other stage.
Result<void> require_open(const Case& c);

}  // namespace yhteisaika::cases
