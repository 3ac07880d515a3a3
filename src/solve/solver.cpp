#include <yhteisaika/solve/solver.hpp>

#include "no_slot_reason.hpp"
#include "slot_walk.hpp"

#include <algorithm>

namespace yhteisaika::solve {
namespace {

using time::Instant;
using time::Interval;

bool is_free(std::span<const Interval> busy, Interval slot) {
  // First busy interval ending after the slot starts; it conflicts if it starts before the slot ends.
  const auto it = std::upper_bound(busy.begin(), busy.end(), slot.start,
                                   [](Instant t, const Interval& b) { return t < b.end; });
  return it == busy.end() || it->start >= slot.end;
}

// The rooms that may be taken at all, in the request's order: an unreadable
// calendar is never free, and a room must seat the headcount.
std::vector<const Room*> eligible_rooms(const SolveRequest& request) {
  std::vector<const Room*> out;
  if (!request.rooms) return out;
  const std::size_t headcount =
      request.rooms->headcount.value_or(request.required.size() + request.optional.size());
  for (const Room& room : request.rooms->rooms) {
    if (!room.unreadable && room.capacity >= headcount) out.push_back(&room);
  }
  return out;
}

}  // namespace

std::string_view to_string(Strategy s) {
  switch (s) {
    case Strategy::hole_first: return "hole-first";
    case Strategy::earliest: return "earliest";
  }
  return "hole-first";
}

std::optional<Strategy> parse_strategy(std::string_view text) {
  if (text == "hole-first") return Strategy::hole_first;
  if (text == "earliest") return Strategy::earliest;
  return std::nullopt;
}

SolveAnswer solve(const SolveRequest& request, const time::WorkRules& rules, const time::Zone& zone) {
  const std::size_t limit = 1 + request.max_alternatives;
  const auto working = time::working_spans(request.window, rules, zone);
  const auto rooms = eligible_rooms(request);
  const Constraints everything{request.required, request.duration, request.rooms.has_value(), rooms};

  std::vector<Slot> picked;
  picked.reserve(limit);
  if (request.strategy == Strategy::hole_first) {
    collect_slots(everything, time::hole_spans(request.window, rules, zone), limit, rules, zone, picked);
  }
  collect_slots(everything, working, limit, rules, zone, picked);

  SolveAnswer answer;
  if (picked.empty()) {
    explain_no_slot(request, everything, working, rules, zone, answer);
    return answer;
  }
  answer.chosen = std::move(picked.front());
  answer.alternatives.assign(std::make_move_iterator(picked.begin() + 1), std::make_move_iterator(picked.end()));
  for (const Attendee& person : request.optional) {
    (is_free(person.busy, answer.chosen->time) ? answer.optional_free : answer.optional_busy).push_back(person.id);
  }
  return answer;
}

}  // namespace yhteisaika::solve
