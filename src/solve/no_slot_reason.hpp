#pragma once
// Private to solve/: why nothing fits, by the precedence SolveAnswer::reason
// states (docs/scheduling-rules.md, "No-slot reasons").

#include <yhteisaika/solve/solver.hpp>

#include "slot_walk.hpp"

#include <vector>

namespace yhteisaika::solve {

// Fills `answer.reason` and `answer.without_free_time` for `request`, for which
// `everything` (its required attendees and rooms) has no slot in `working`.
void explain_no_slot(const SolveRequest& request, const Constraints& everything,
                     const std::vector<time::Interval>& working, const time::WorkRules& rules,
                     const time::Zone& zone, SolveAnswer& answer);

}  // namespace yhteisaika::solve
