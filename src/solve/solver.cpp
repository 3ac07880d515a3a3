#include <yhteisaika/solve/solver.hpp>

#include <algorithm>

namespace yhteisaika::solve {
namespace {

using time::Instant;
using time::Interval;

// Walks candidate starts forward through one phase of the search. Each attendee
// keeps a cursor into their busy list; since candidates only move forward, the
// cursors do too, so a phase costs O(intervals touched + jumps).
class FreeSlotWalker {
 public:
  FreeSlotWalker(std::span<const Attendee> people, std::chrono::minutes duration, const time::WorkRules& rules,
                 const time::Zone& zone)
      : people_(people), cursors_(people.size(), 0), duration_(duration), rules_(rules), zone_(zone) {}

  // The first grid-aligned start t >= from with [t, t + duration) inside `span`
  // and free for every attendee. REQUIRES: `from` never decreases between calls.
  std::optional<Instant> first_free(Interval span, Instant from) {
    Instant t = time::align_up_to_grid(std::max(from, span.start), rules_, zone_);
    while (t + duration_ <= span.end) {
      const Instant blocked_until = first_conflict_end(Interval{t, t + duration_});
      if (blocked_until == Instant{}) return t;
      t = time::align_up_to_grid(blocked_until, rules_, zone_);
    }
    return std::nullopt;
  }

 private:
  // The end of a busy interval overlapping `slot`, or Instant{} when all are free.
  Instant first_conflict_end(Interval slot) {
    for (std::size_t i = 0; i < people_.size(); ++i) {
      const auto busy = people_[i].busy;
      std::size_t& c = cursors_[i];
      while (c < busy.size() && busy[c].end <= slot.start) ++c;
      if (c < busy.size() && busy[c].start < slot.end) return busy[c].end;
    }
    return Instant{};
  }

  std::span<const Attendee> people_;
  std::vector<std::size_t> cursors_;
  std::chrono::minutes duration_;
  const time::WorkRules& rules_;
  const time::Zone& zone_;
};

// Appends to `picked` feasible slots from `spans`, in order, none overlapping one
// already picked, until `picked` holds `limit` slots.
void collect_slots(std::span<const Attendee> people, const std::vector<Interval>& spans, std::chrono::minutes duration,
                   std::size_t limit, const time::WorkRules& rules, const time::Zone& zone, std::vector<Slot>& picked) {
  FreeSlotWalker walker(people, duration, rules, zone);
  Instant from{};
  for (const Interval& span : spans) {
    while (picked.size() < limit) {
      const auto start = walker.first_free(span, from);
      if (!start) break;
      const Interval candidate{*start, *start + duration};
      const auto clash = std::find_if(picked.begin(), picked.end(),
                                      [&](const Slot& s) { return s.time.overlaps(candidate); });
      if (clash != picked.end()) {
        from = std::max(from, clash->time.end);
        continue;
      }
      picked.push_back(Slot{candidate, time::in_hole(candidate, rules, zone)});
      from = candidate.end;
    }
    if (picked.size() >= limit) return;
  }
}

bool is_free(std::span<const Interval> busy, Interval slot) {
  // First busy interval ending after the slot starts; it conflicts if it starts before the slot ends.
  const auto it = std::upper_bound(busy.begin(), busy.end(), slot.start,
                                   [](Instant t, const Interval& b) { return t < b.end; });
  return it == busy.end() || it->start >= slot.end;
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

  std::vector<Slot> picked;
  picked.reserve(limit);
  if (request.strategy == Strategy::hole_first) {
    collect_slots(request.required, time::hole_spans(request.window, rules, zone), request.duration, limit, rules,
                  zone, picked);
  }
  collect_slots(request.required, working, request.duration, limit, rules, zone, picked);

  SolveAnswer answer;
  if (picked.empty()) {
    // A window with no room for the meeting in working hours (a weekend, a
    // holiday, an evening) is no attendee's fault: say so and name nobody.
    std::vector<Slot> any;
    collect_slots({}, working, request.duration, 1, rules, zone, any);
    if (any.empty()) {
      answer.reason = working.empty() ? "the window holds no working hours"
                                      : "the window holds no working hours for a meeting of " +
                                            std::to_string(request.duration.count()) + " minutes";
      return answer;
    }
    for (const Attendee& person : request.required) {
      std::vector<Slot> alone;
      collect_slots(std::span<const Attendee>(&person, 1), working, request.duration, 1, rules, zone, alone);
      if (alone.empty()) answer.without_free_time.push_back(person.id);
    }
    if (answer.without_free_time.empty()) {
      answer.reason = "no common time";
    } else {
      answer.reason = "no free time in working hours in the window for: ";
      for (std::size_t i = 0; i < answer.without_free_time.size(); ++i) {
        answer.reason += (i == 0 ? "" : ", ") + answer.without_free_time[i].value;
      }
    }
    return answer;
  }

  answer.chosen = picked.front();
  answer.alternatives.assign(picked.begin() + 1, picked.end());
  for (const Attendee& person : request.optional) {
    (is_free(person.busy, answer.chosen->time) ? answer.optional_free : answer.optional_busy).push_back(person.id);
  }
  return answer;
}

}  // namespace yhteisaika::solve
