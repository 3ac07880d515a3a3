#pragma once
// Start here for solve/: the earliest joint slot by ../docs/scheduling-rules.md,
// "Choosing". Pure: busy time, rules and the window come in; an answer goes out.
// "Now" is not read here: the caller puts it into the window.

#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::solve {

enum class Strategy {
  hole_first,  // the earliest feasible slot in a hole, else the earliest in working hours
  earliest,    // the earliest feasible slot in working hours
};
std::string_view to_string(Strategy s);
std::optional<Strategy> parse_strategy(std::string_view text);

struct Attendee {
  ParticipantId id;
  // REQUIRES: sorted and merged (time::merge_intervals). Not owned: the caller
  // keeps the busy index alive during solve().
  std::span<const time::Interval> busy;
};

struct SolveRequest {
  std::vector<Attendee> required;
  std::vector<Attendee> optional;
  time::Interval window;  // a meeting lies wholly inside it
  std::chrono::minutes duration{60};
  Strategy strategy = Strategy::hole_first;
  std::size_t max_alternatives = 5;
};

struct Slot {
  time::Interval time;
  bool in_hole = false;  // wholly inside the hole of a working hole day
  auto operator<=>(const Slot&) const = default;
};

struct SolveAnswer {
  std::optional<Slot> chosen;
  // Next feasible slots in the strategy's order of preference, none overlapping
  // the chosen slot or each other.
  std::vector<Slot> alternatives;
  std::vector<ParticipantId> optional_free;  // free for the chosen slot
  std::vector<ParticipantId> optional_busy;
  // When nothing fits: the required attendees who alone have no free slot of the
  // duration in working hours in the window. Empty when the window itself holds
  // no working time for the meeting, or when each has time but never together.
  std::vector<ParticipantId> without_free_time;
  // Empty when a slot was chosen; else, in this order of precedence: "the window
  // holds no working hours" (… "for a meeting of N minutes" when it holds some,
  // too short or off the grid), "no free time in working hours in the window
  // for: a, b" (without_free_time, comma-separated), or "no common time".
  std::string reason;
};

// REQUIRES: duration > 0, no attendee listed twice.
// Cost: linear in the busy intervals inside the window; no allocation per candidate.
SolveAnswer solve(const SolveRequest& request, const time::WorkRules& rules, const time::Zone& zone);

}  // namespace yhteisaika::solve
