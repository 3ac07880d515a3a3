#include "slot_walk.hpp"

#include <algorithm>

namespace yhteisaika::solve {
namespace {

using time::Instant;
using time::Interval;

// A read position in one sorted, merged busy list.
struct Cursor {
  const Interval* at;
  const Interval* end;

  // Skips busy time that ends by `slot`'s start; since slots only move forward,
  // so does the cursor. Returns the busy interval overlapping `slot`, or null.
  const Interval* clash(Interval slot) {
    while (at != end && at->end <= slot.start) ++at;
    return at != end && at->start < slot.end ? at : nullptr;
  }
};

Cursor cursor_over(std::span<const Interval> busy) { return {busy.data(), busy.data() + busy.size()}; }

// Walks candidate starts forward through one phase of the search. Each attendee
// and each room keeps a cursor into their busy list, so a phase costs
// O(intervals touched + jumps).
class FreeSlotWalker {
 public:
  struct Found {
    Instant start;
    const Room* room;  // null when no room is needed
  };

  FreeSlotWalker(const Constraints& constraints, const time::WorkRules& rules, const time::Zone& zone)
      : duration_(constraints.duration), need_room_(constraints.need_room), rooms_(constraints.rooms),
        rules_(rules), zone_(zone) {
    people_.reserve(constraints.people.size());
    for (const Attendee& a : constraints.people) people_.push_back(cursor_over(a.busy));
    room_cursors_.reserve(rooms_.size());
    for (const Room* r : rooms_) room_cursors_.push_back(cursor_over(r->busy));
  }

  // The first grid-aligned start t >= from with [t, t + duration) inside `span`,
  // free for every attendee and, when a room is needed, with the first free room.
  // REQUIRES: `from` never decreases between calls.
  std::optional<Found> first_free(Interval span, Instant from) {
    if (need_room_ && rooms_.empty()) return std::nullopt;
    Instant t = time::align_up_to_grid(std::max(from, span.start), rules_, zone_);
    while (t + duration_ <= span.end) {
      const Interval slot{t, t + duration_};
      Instant blocked_until = first_conflict_end(slot);
      if (blocked_until == Instant{}) {
        if (!need_room_) return Found{t, nullptr};
        if (const Room* room = first_free_room(slot, blocked_until)) return Found{t, room};
      }
      t = time::align_up_to_grid(blocked_until, rules_, zone_);
    }
    return std::nullopt;
  }

 private:
  // The end of a busy interval overlapping `slot`, or Instant{} when all are free.
  Instant first_conflict_end(Interval slot) {
    for (Cursor& c : people_) {
      if (const Interval* busy = c.clash(slot)) return busy->end;
    }
    return Instant{};
  }

  // The first room free for `slot`, or null; then `next_start` is the earliest
  // end of the rooms' clashes, since every room stays busy for any start before
  // its clash ends.
  const Room* first_free_room(Interval slot, Instant& next_start) {
    next_start = Instant::max();
    for (std::size_t i = 0; i < room_cursors_.size(); ++i) {
      const Interval* busy = room_cursors_[i].clash(slot);
      if (!busy) return rooms_[i];
      next_start = std::min(next_start, busy->end);
    }
    return nullptr;
  }

  std::vector<Cursor> people_;
  std::chrono::minutes duration_;
  bool need_room_;
  std::span<const Room* const> rooms_;
  std::vector<Cursor> room_cursors_;
  const time::WorkRules& rules_;
  const time::Zone& zone_;
};

}  // namespace

void collect_slots(const Constraints& constraints, const std::vector<Interval>& spans, std::size_t limit,
                   const time::WorkRules& rules, const time::Zone& zone, std::vector<Slot>& picked) {
  FreeSlotWalker walker(constraints, rules, zone);
  Instant from{};
  for (const Interval& span : spans) {
    while (picked.size() < limit) {
      const auto found = walker.first_free(span, from);
      if (!found) break;
      const Interval candidate{found->start, found->start + constraints.duration};
      const auto clash = std::find_if(picked.begin(), picked.end(),
                                      [&](const Slot& s) { return s.time.overlaps(candidate); });
      if (clash != picked.end()) {
        from = std::max(from, clash->time.end);
        continue;
      }
      Slot slot{candidate, time::in_hole(candidate, rules, zone)};
      if (found->room) slot.room = found->room->id;
      picked.push_back(std::move(slot));
      from = candidate.end;
    }
    if (picked.size() >= limit) return;
  }
}

bool has_slot(const Constraints& constraints, const std::vector<Interval>& spans, const time::WorkRules& rules,
              const time::Zone& zone) {
  std::vector<Slot> one;
  collect_slots(constraints, spans, 1, rules, zone, one);
  return !one.empty();
}

}  // namespace yhteisaika::solve
