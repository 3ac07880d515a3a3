// The solver against a brute-force checker over random small cases: every
// 15-minute start in the window is tried on its own, with the rules read from
// local wall time, busy time scanned whole and rooms tried in order.

#include <yhteisaika/solve/solver.hpp>

#include "solve_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace yhteisaika;
using namespace yhteisaika::test;
using namespace std::chrono;
using time::Instant;
using time::Interval;

namespace {

const time::WorkRules& kRules = default_rules();

// ---- The checker: no cursors, no jumps, no spans. ----

bool free_for(std::span<const Interval> busy, Interval slot) {
  return std::none_of(busy.begin(), busy.end(), [&](const Interval& b) { return b.overlaps(slot); });
}

struct LocalSlot {
  local_days day;
  minutes from;  // since local midnight
  minutes to;
};

std::optional<LocalSlot> local_slot(Interval slot) {
  const auto start = helsinki().to_local(slot.start);
  const auto end = helsinki().to_local(slot.end);
  const local_days day = floor<days>(start);
  if (floor<days>(end - seconds(1)) != day) return std::nullopt;  // crosses midnight
  return LocalSlot{day, duration_cast<minutes>(start - day), duration_cast<minutes>(end - day)};
}

bool working(Interval slot) {
  const auto local = local_slot(slot);
  return local && time::is_working_day(year_month_day{local->day}, kRules) && local->from >= kRules.day_start &&
         local->to <= kRules.day_end && local->from % kRules.grid == minutes(0);
}

bool hole(Interval slot) {
  const auto local = local_slot(slot);
  return working(slot) && weekday(local->day) == kRules.hole_day && local->from >= kRules.hole_start &&
         local->to <= kRules.hole_end;
}

// One random case, owning what the request's spans point into.
struct Case {
  std::vector<std::vector<Interval>> people;   // required, then optional
  std::vector<std::vector<Interval>> rooms;
  solve::SolveRequest request;
};

struct Checker {
  const Case& c;
  // Every start whose slot lies in the window, on the grid in working hours.
  std::vector<Instant> starts = working_starts();

  std::size_t headcount() const {
    return c.request.rooms->headcount.value_or(c.request.required.size() + c.request.optional.size());
  }
  std::optional<RoomId> room_for(Interval slot) const {
    for (const auto& room : c.request.rooms->rooms) {
      if (!room.unreadable && room.capacity >= headcount() && free_for(room.busy, slot)) return room.id;
    }
    return std::nullopt;
  }
  bool people_free(const std::vector<solve::Attendee>& who, Interval slot) const {
    return std::all_of(who.begin(), who.end(), [&](const solve::Attendee& a) {
      return free_for(a.busy, slot);
    });
  }
  std::vector<Instant> working_starts() const {
    std::vector<Instant> out;
    const auto d = c.request.duration;
    for (Instant t = ceil<minutes>(c.request.window.start); t + d <= c.request.window.end; t += minutes(1)) {
      if (working({t, t + d})) out.push_back(t);
    }
    return out;
  }

  std::vector<solve::Slot> picked() const {
    std::vector<solve::Slot> out;
    const std::size_t limit = 1 + c.request.max_alternatives;
    const auto d = c.request.duration;
    for (bool hole_phase : {true, false}) {
      if (hole_phase && c.request.strategy != solve::Strategy::hole_first) continue;
      for (Instant t : starts) {
        const Interval slot{t, t + d};
        if (out.size() >= limit || (hole_phase && !hole(slot)) || !people_free(c.request.required, slot)) continue;
        const auto room = c.request.rooms ? room_for(slot) : std::nullopt;
        if (c.request.rooms && !room) continue;
        if (std::any_of(out.begin(), out.end(), [&](const solve::Slot& s) { return s.time.overlaps(slot); })) continue;
        out.push_back(solve::Slot{slot, hole(slot), room});
      }
    }
    return out;
  }

  bool anyone_alone(const std::vector<solve::Attendee>& who, bool with_room) const {
    for (Instant t : starts) {
      const Interval slot{t, t + c.request.duration};
      if (people_free(who, slot) && (!with_room || room_for(slot))) return true;
    }
    return false;
  }

  bool window_has_working_hours() const {
    const auto& zone = helsinki();
    for (local_days d = floor<days>(zone.to_local(c.request.window.start)); zone.to_instant(d) < c.request.window.end;
         d += days(1)) {
      if (!time::is_working_day(year_month_day{d}, kRules)) continue;
      const Interval hours{zone.to_instant(d + kRules.day_start), zone.to_instant(d + kRules.day_end)};
      if (hours.overlaps(c.request.window)) return true;
    }
    return false;
  }

  // The reason by the rules' precedence, and who alone has no time.
  std::pair<std::string, std::vector<ParticipantId>> reason() const {
    if (starts.empty()) {
      return {window_has_working_hours() ? "the window holds no working hours for a meeting of " +
                                               std::to_string(c.request.duration.count()) + " minutes"
                                         : "the window holds no working hours",
              {}};
    }
    std::vector<ParticipantId> alone;
    std::string professionals, participants;
    for (const auto& a : c.request.required) {
      if (anyone_alone({a}, false)) continue;
      alone.push_back(a.id);
      std::string& list = a.kind == solve::AttendeeKind::professional ? professionals : participants;
      list += (list.empty() ? "" : ", ") + (a.kind == solve::AttendeeKind::professional ? a.id.value : a.label);
    }
    if (!professionals.empty()) return {"no free time in working hours in the window for: " + professionals, alone};
    if (!participants.empty()) {
      return {"no working time within their stated availability in the window for: " + participants, alone};
    }
    if (c.request.rooms && !anyone_alone({}, true)) return {"no free room", alone};
    return {"no common time", alone};
  }
};

// ---- Random small cases ----

std::vector<Interval> random_busy(std::mt19937& random, Interval around, int count, int longest_5min) {
  std::vector<Interval> raw;
  const auto slots = (around.end - around.start) / minutes(5);
  for (int i = 0; i < count; ++i) {
    const Instant start = around.start + minutes(5) * static_cast<long>(random() % slots);
    raw.push_back({start, start + minutes(5) * (1 + static_cast<int>(random() % longest_5min))});
  }
  return time::merge_intervals(std::move(raw));
}

Case random_case(std::mt19937& random) {
  static const char* kWeeks[] = {"2026-11-23T00:00", "2026-12-21T00:00", "2027-03-22T00:00", "2027-06-14T00:00",
                                 "2027-04-12T00:00"};
  Case c;
  auto& r = c.request;
  const Instant monday = at(kWeeks[random() % 5]);
  r.window.start = monday + minutes(5) * static_cast<long>(random() % (288 * 5));
  r.window.end = r.window.start + hours(2 + static_cast<long>(random() % (24 * 8)));
  r.duration = minutes(15) * (1 + static_cast<int>(random() % 8));
  r.strategy = random() % 3 == 0 ? solve::Strategy::earliest : solve::Strategy::hole_first;
  r.max_alternatives = random() % 4;
  const Interval around{r.window.start - hours(4), r.window.end};
  const int density = 1 + static_cast<int>(random() % 12);
  const std::size_t required = 1 + random() % 3;
  const std::size_t optional = random() % 3;
  for (std::size_t i = 0; i < required + optional; ++i) {
    c.people.push_back(random_busy(random, around, density, 48));
  }
  const std::size_t rooms = random() % 4;
  for (std::size_t i = 0; i < rooms; ++i) c.rooms.push_back(random_busy(random, around, density, 48));
  // Only now, with the vectors in place, may spans point into them.
  for (std::size_t i = 0; i < c.people.size(); ++i) {
    solve::Attendee a{ParticipantId{"x" + std::to_string(i)}, c.people[i]};
    if (random() % 2) {
      a.kind = solve::AttendeeKind::participant;
      a.label = "L" + std::to_string(i);
    }
    (i < required ? r.required : r.optional).push_back(a);
  }
  if (random() % 3 != 0) {
    r.rooms = solve::RoomNeed{};
    for (std::size_t i = 0; i < rooms; ++i) {
      solve::Room room{RoomId{"r" + std::to_string(i)}, 1 + random() % 6, c.rooms[i]};
      room.unreadable = random() % 8 == 0;
      r.rooms->rooms.push_back(room);
    }
    if (random() % 2) r.rooms->headcount = 1 + random() % 6;
  }
  return c;
}

}  // namespace

TEST_CASE("the solver agrees with a brute-force checker on random small cases", "[solve][exactness]") {
  std::mt19937 random(20261205);
  int found = 0, in_hole = 0, with_room = 0;
  std::map<std::string, int> reasons;
  for (int round = 0; round < 1500; ++round) {
    const Case c = random_case(random);
    const Checker checker{c};
    const auto answer = run(c.request);
    const auto expected = checker.picked();
    INFO("round " << round << ", window " << show(c.request.window.start) << " - " << show(c.request.window.end)
                  << ", " << c.request.duration.count() << " min");
    if (expected.empty()) {
      REQUIRE_FALSE(answer.chosen);
      const auto [reason, alone] = checker.reason();
      CHECK(answer.reason == reason);
      CHECK(answer.without_free_time == alone);
      ++reasons[reason.substr(0, 12)];
      continue;
    }
    REQUIRE(answer.chosen);
    CHECK(*answer.chosen == expected.front());
    CHECK(answer.alternatives == std::vector<solve::Slot>(expected.begin() + 1, expected.end()));
    for (const auto& a : c.request.optional) {
      const bool free = free_for(a.busy, answer.chosen->time);
      const auto& list = free ? answer.optional_free : answer.optional_busy;
      CHECK(std::find(list.begin(), list.end(), a.id) != list.end());
    }
    ++found;
    in_hole += answer.chosen->in_hole;
    with_room += answer.chosen->room.has_value();
  }
  // The random cases reach every branch: a hole, a room, and each reason.
  CHECK(found > 300);
  CHECK(in_hole > 50);
  CHECK(with_room > 100);
  for (const char* prefix : {"the window h", "no free time", "no working t", "no free room", "no common ti"}) {
    INFO(prefix);
    CHECK(reasons[prefix] > 5);
  }
}

TEST_CASE("the chosen slot and its room do not depend on the order of the attendees", "[solve][exactness][invariant]") {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    Case c = random_case(random);
    const auto reference = run(c.request);
    std::shuffle(c.request.required.begin(), c.request.required.end(), random);
    const auto answer = run(c.request);
    CHECK(answer.chosen == reference.chosen);
    CHECK(answer.alternatives == reference.alternatives);
  }
}
