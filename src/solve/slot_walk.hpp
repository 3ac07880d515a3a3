#pragma once
// Private to solve/: the interval walk that finds feasible slots, for solve()
// and for the no-slot reason alike.

#include <yhteisaika/solve/solver.hpp>

#include <chrono>
#include <span>
#include <vector>

namespace yhteisaika::solve {

// What a slot must satisfy besides lying in a span: every one of `people` free
// and, when `need_room`, one of `rooms` free for all of it.
struct Constraints {
  std::span<const Attendee> people;
  std::chrono::minutes duration;
  bool need_room = false;
  // The rooms that may be taken at all (readable, seating the headcount), in
  // the request's order. Not owned.
  std::span<const Room* const> rooms{};
};

// Appends to `picked` feasible slots from `spans` (sorted, disjoint), in order,
// none overlapping one already picked, until `picked` holds `limit` slots.
// Cost: linear in the busy intervals touched, plus one step per jump.
void collect_slots(const Constraints& constraints, const std::vector<time::Interval>& spans, std::size_t limit,
                   const time::WorkRules& rules, const time::Zone& zone, std::vector<Slot>& picked);

// Whether `spans` hold any feasible slot.
bool has_slot(const Constraints& constraints, const std::vector<time::Interval>& spans, const time::WorkRules& rules,
              const time::Zone& zone);

}  // namespace yhteisaika::solve
