#pragma once
// Start here for solve/: the earliest joint slot by ../docs/scheduling-rules.md,
// "Choosing" and "The case's circle, rooms and holds". Pure: busy time, rooms,
// rules and the window come in; an answer goes out. "Now" is not read here: the
// caller puts it into the window.

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

// Who an attendee is matters only to the no-slot reason: a professional's busy
// time comes from their calendar, a participant's (the client, a close one, an
// NGO worker...) from their stated windows and unavailable spans, which the
// caller turns into busy time before solving.
enum class AttendeeKind { professional, participant };

struct Attendee {
  ParticipantId id;
  // REQUIRES: sorted and merged (time::merge_intervals). Not owned: the caller
  // keeps the busy index alive during solve().
  std::span<const time::Interval> busy;
  AttendeeKind kind = AttendeeKind::professional;
  // What the reason calls a participant: a role word ("Äiti"), never a name.
  // Empty: the id. Professionals are always named by id.
  std::string label{};
};

struct Room {
  RoomId id;
  std::size_t capacity = 0;  // people it seats
  // REQUIRES: sorted and merged. Not owned, as Attendee::busy.
  std::span<const time::Interval> busy{};
  bool unreadable = false;  // its calendar cannot be read: never free
};

// The rooms a meeting may take; any one of them will do.
struct RoomNeed {
  // In order of preference: when several are free for the chosen slot, the
  // earliest listed is taken. Empty: no room will do, nothing fits.
  std::vector<Room> rooms;
  // People the room must seat; nullopt: every required and optional attendee.
  std::optional<std::size_t> headcount{};
};

struct SolveRequest {
  std::vector<Attendee> required;
  std::vector<Attendee> optional;
  time::Interval window;  // a meeting lies wholly inside it
  std::chrono::minutes duration{60};
  Strategy strategy = Strategy::hole_first;
  std::size_t max_alternatives = 5;
  // nullopt: the meeting is remote and needs no room (every meeting before rooms).
  std::optional<RoomNeed> rooms{};
};

struct Slot {
  time::Interval time;
  bool in_hole = false;  // wholly inside the hole of a working hole day
  // The room taken: the first in RoomNeed::rooms free for all of `time` and
  // seating the headcount. nullopt when the request needs no room.
  std::optional<RoomId> room{};
  auto operator<=>(const Slot&) const = default;
};

struct SolveAnswer {
  std::optional<Slot> chosen;
  // Next feasible slots in the strategy's order of preference, none overlapping
  // the chosen slot or each other.
  std::vector<Slot> alternatives;
  std::vector<ParticipantId> optional_free;  // free for the chosen slot
  std::vector<ParticipantId> optional_busy;
  // When nothing fits: the required attendees (professionals and participants,
  // in the request's order) who alone have no free slot of the duration in
  // working hours in the window. Empty when the window itself holds no working
  // time for the meeting, or when each has time but never together.
  std::vector<ParticipantId> without_free_time;
  // Empty when a slot was chosen; else the first of these that holds:
  // 1. "the window holds no working hours" (… "for a meeting of N minutes" when
  //    it holds some, too short or off the grid);
  // 2. "no free time in working hours in the window for: a, b" (the required
  //    professionals in without_free_time, by id, comma-separated);
  // 3. "no working time within their stated availability in the window for:
  //    Äiti, Isä" (the required participants in without_free_time, by label);
  // 4. "no free room" (no named room seating the headcount is free for a slot
  //    of the duration in working hours in the window);
  // 5. "no common time".
  std::string reason;
};

// REQUIRES: duration > 0, no attendee listed twice.
// Cost: linear in the busy intervals (people's and rooms') inside the window;
// no allocation per candidate.
SolveAnswer solve(const SolveRequest& request, const time::WorkRules& rules, const time::Zone& zone);

}  // namespace yhteisaika::solve
