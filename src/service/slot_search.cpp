#include "slot_search.hpp"

#include "circle_busy.hpp"

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/rooms.hpp>
#include <yhteisaika/solve/limits.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <algorithm>
#include <set>
#include <utility>

namespace yhteisaika::service {

namespace {

using time::Instant;
using time::Interval;

std::string indexed(const char* field, std::size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

// A calendar's busy time in `window` with `who`'s bookings added, less
// `ignore_booking`: a booking's own interval, when it may move within its own
// time. Another booking of theirs may lie under it (one where they are
// optional, double-booked by choice) and is then cut too; the store's
// re-check, which excludes the meeting by id, still refuses that slot.
std::vector<Interval> with_bookings(const ParticipantId& who, const std::vector<Interval>& from_calendar,
                                    Interval window, const store::BusyByParticipant& booked,
                                    std::optional<Interval> ignore_booking) {
  std::vector<Interval> busy = time::clip_intervals(from_calendar, window);
  if (auto it = booked.find(who); it != booked.end()) {
    auto bookings = ignore_booking ? time::cut_interval(it->second, *ignore_booking) : it->second;
    busy.insert(busy.end(), bookings.begin(), bookings.end());
  }
  return time::merge_intervals(std::move(busy));
}

// The calendar sources of `input`'s attendees, required first (then optional,
// when asked for). Names the field of an attendee listed twice or unknown.
Result<sources::CalendarIndex::Calendars> attendee_calendars(store::Store& store, const SolveInput& input,
                                                             bool with_optional) {
  std::set<ParticipantId> seen;
  sources::CalendarIndex::Calendars out;
  for (auto [list, field] : {std::pair{&input.required, "required"}, {&input.optional, "optional"}}) {
    if (list == &input.optional && !with_optional) break;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const ParticipantId& id = (*list)[i];
      if (!seen.insert(id).second) {
        return Error{Errc::invalid_value, id.value + " is listed twice", Location::at_field(indexed(field, i))};
      }
      auto who = store.professional(id);
      if (!who) {
        if (who.error().code == store::Errc::not_found) {
          return Error{Errc::unknown_attendee, "no professional " + id.value + " in the team",
                       Location::at_field(indexed(field, i))};
        }
        return who.error();
      }
      out.emplace_back(id, who->calendar_source);
    }
  }
  return out;
}

// The index's error for a calendar without a good copy, as the service's.
Error service_error(Error e) {
  if (e.code == sources::Errc::calendar_unavailable) e.code = Errc::calendar_unavailable;
  return e;
}

// One error naming every calendar that cannot be read.
Error unreadable_calendars(const std::vector<Error>& unreadable) {
  if (unreadable.size() == 1) return service_error(unreadable.front());
  std::string message = std::to_string(unreadable.size()) + " calendars cannot be read:";
  std::vector<std::string> calendars;
  for (const auto& e : unreadable) {
    message += " " + e.message + ";";
    calendars.insert(calendars.end(), e.calendars.begin(), e.calendars.end());
  }
  message.pop_back();
  return Error{Errc::calendar_unavailable, message, {}, {}, std::move(calendars)};
}

}  // namespace

SlotSearch::SlotSearch(const config::Config& config, const time::Zone& zone, sources::CalendarIndex& calendars)
    : config_(config), zone_(zone), calendars_(calendars) {}

time::Interval SlotSearch::window_from(Instant from, int days) const {
  // The window ends at the same wall-clock time N days later (DST-safe).
  return {from, zone_.to_instant(zone_.to_local(from) + std::chrono::days(days))};
}

Result<void> SlotSearch::check_window(std::optional<Instant> from, int days, std::optional<Instant> start,
                                      Instant now) const {
  // Calendars are read from now to horizon_days ahead; a request looking
  // further would make them read over a span of its own (issue 10).
  const Instant limit = window_from(now, config_.horizon_days).end;
  const std::string horizon = "horizon_days (" + std::to_string(config_.horizon_days) + " days from now, until " +
                              time::format_rfc3339(limit, zone_) + ")";
  if (start) {
    // (A start in the past is check_start's to refuse.)
    if (*start >= limit) return Error{Errc::invalid_value, "start must lie within " + horizon,
                                      Location::at_field("start")};
    return {};
  }
  if (days == 0) days = config_.default_days;
  if (!solve::window_days_allowed(days)) return {};  // solve() names it
  if (window_from(now, days).end > limit) {
    return Error{Errc::invalid_value, "the window of days must end within " + horizon, Location::at_field("days")};
  }
  if (window_from(std::max(from.value_or(now), now), days).end > limit) {
    return Error{Errc::invalid_value, "the window from `from` for `days` days must end within " + horizon,
                 Location::at_field("from")};
  }
  return {};
}

Result<Solution> SlotSearch::solve(store::Store& store, const SolveInput& input, Instant now,
                                   std::optional<Interval> ignore_booking) {
  if (input.required.empty()) {
    return Error{Errc::invalid_value, "name at least one required attendee", Location::at_field("required")};
  }
  const int days = input.days == 0 ? config_.default_days : input.days;
  if (!solve::window_days_allowed(days)) {
    return Error{Errc::invalid_value, "days must be " + solve::window_days_expected(), Location::at_field("days")};
  }
  if (!solve::duration_allowed(input.duration, config_.rules.grid)) {
    return Error{Errc::invalid_value, "duration_minutes must be " + solve::duration_expected(config_.rules.grid),
                 Location::at_field("duration_minutes")};
  }
  Solution solution;
  // A meeting is never booked in the past: an earlier `from` starts now.
  solution.window = window_from(std::max(input.from.value_or(now), now), days);
  solution.required = input.required;
  solution.strategy = input.strategy;
  std::deque<std::vector<Interval>> busy;  // what the request's spans point into
  auto request = request_for(store, input, solution.window, now, ignore_booking, busy);
  if (!request) return request.error();
  auto unusable_rooms = add_rooms(store, input, solution.window, now, ignore_booking, busy, *request);
  if (!unusable_rooms) return unusable_rooms.error();
  request->window = solution.window;
  request->duration = input.duration;
  request->strategy = input.strategy;
  solution.answer = solve::solve(*request, config_.rules, zone_);
  if (!solution.answer.chosen && !unusable_rooms->empty()) {
    std::string rooms;
    for (const auto& why : *unusable_rooms) rooms += (rooms.empty() ? "" : "; ") + why;
    solution.answer.reason += " (never taken: " + rooms + ")";
  }
  return solution;
}

Result<std::vector<std::string>> SlotSearch::add_rooms(store::Store& store, const SolveInput& input,
                                                       Interval window, Instant now,
                                                       std::optional<Interval> ignore_booking,
                                                       std::deque<std::vector<Interval>>& busy,
                                                       solve::SolveRequest& request) {
  std::vector<std::string> unusable;
  if (input.rooms.empty()) return unusable;
  std::vector<store::Room> rooms;
  sources::CalendarIndex::Calendars calendars;
  for (std::size_t i = 0; i < input.rooms.size(); ++i) {
    const RoomId& id = input.rooms[i];
    if (std::find(input.rooms.begin(), input.rooms.begin() + static_cast<std::ptrdiff_t>(i), id) !=
        input.rooms.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Error{Errc::invalid_value, "room " + id.value + " is listed twice", Location::at_field(indexed("rooms", i))};
    }
    auto room = store.room(id);
    if (!room) {
      if (room.error().code != store::Errc::not_found) return room.error();
      return Error{Errc::invalid_value, "no room " + id.value, Location::at_field(indexed("rooms", i))};
    }
    calendars.emplace_back(room_key(id), room->calendar_source);
    rooms.push_back(std::move(*room));
  }
  auto booked = store.busy_rooms(window);
  if (!booked) return booked.error();
  auto from_calendars = calendars_.busy(calendars, window, now);
  // The spans of `request` point into the vectors of `busy`, a deque: they stay
  // where they are when it grows.
  solve::RoomNeed need;
  const std::size_t headcount = request.required.size() + request.optional.size();
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    solve::Room room{rooms[i].id, static_cast<std::size_t>(rooms[i].capacity)};
    if (!from_calendars[i]) {
      // Never free: the solver passes it over, and the reason names it.
      room.unreadable = true;
      const std::string& message = from_calendars[i].error().message;
      const std::string key = room_key(rooms[i].id).value;
      unusable.push_back(message.find(key) == std::string::npos ? key + ": " + message : message);
    } else {
      std::vector<Interval> taken = time::clip_intervals(**from_calendars[i], window);
      if (auto it = booked->find(rooms[i].id); it != booked->end()) {
        auto bookings = ignore_booking ? time::cut_interval(it->second, *ignore_booking) : it->second;
        taken.insert(taken.end(), bookings.begin(), bookings.end());
      }
      busy.push_back(time::merge_intervals(std::move(taken)));
      room.busy = busy.back();
    }
    if (room.capacity < headcount) {
      unusable.push_back("room " + rooms[i].id.value + " seats " + std::to_string(rooms[i].capacity) + ", fewer than " +
                         std::to_string(headcount));
    }
    need.rooms.push_back(room);
  }
  request.rooms = std::move(need);
  return unusable;
}

Result<solve::SolveRequest> SlotSearch::request_for(store::Store& store, const SolveInput& input, Interval window,
                                                    Instant now, std::optional<Interval> ignore_booking,
                                                    std::deque<std::vector<Interval>>& busy) {
  auto booked = store.busy_from_bookings(window);
  if (!booked) return booked.error();
  auto sources = attendee_calendars(store, input, true);
  if (!sources) return sources.error();
  // All calendars at once: remote ones are fetched side by side, and waited for
  // until one deadline (sources/calendar_index.hpp), not one after another.
  auto calendars = calendars_.busy(*sources, window, now);
  std::vector<Error> unreadable;  // calendars that were never read: never taken as free
  solve::SolveRequest request;
  for (std::size_t i = 0; i < sources->size(); ++i) {
    const ParticipantId& id = (*sources)[i].first;
    if (!calendars[i]) {
      if (calendars[i].error().code != sources::Errc::calendar_unavailable) return calendars[i].error();
      unreadable.push_back(calendars[i].error());  // named all together below
      continue;
    }
    busy.push_back(with_bookings(id, **calendars[i], window, *booked, ignore_booking));
    (i < input.required.size() ? request.required : request.optional).push_back({id, busy.back()});
  }
  if (!unreadable.empty()) return unreadable_calendars(unreadable);
  // The case's participants: their windows and spans, and their other meetings.
  auto circle = circle_busy(store, input, window, ignore_booking, zone_);
  if (!circle) return circle.error();
  add_to_request(std::move(*circle), busy, request);
  return request;
}

Result<std::optional<RoomId>> SlotSearch::check_start(store::Store& store, const SolveInput& input, Instant start,
                                                      Instant now, std::optional<Interval> ignore_booking) {
  // The rules ask for no notice, so any start from now on may be booked.
  if (start < now) {
    return Error{Errc::invalid_value,
                 "the start " + time::format_rfc3339(start, zone_) + " is in the past; a meeting starts at " +
                     time::format_rfc3339(now, zone_) + " or later",
                 Location::at_field("start")};
  }
  // The solver itself judges the slot: over a window from the start, it finds
  // the slot at the start only if it is on the grid, in working hours and free
  // for every required attendee.
  SolveInput exact = input;
  exact.from = start;
  exact.days = 1;
  exact.strategy = solve::Strategy::earliest;
  auto solution = solve(store, exact, now, ignore_booking);
  if (!solution) return solution.error();
  const auto& chosen = solution->answer.chosen;
  if (chosen && chosen->time.start == start) return chosen->room;
  const Interval slot{start, start + input.duration};
  solve::SolveRequest nobody;
  nobody.window = slot;
  nobody.duration = input.duration;
  nobody.strategy = solve::Strategy::earliest;
  nobody.required.push_back({ParticipantId{"-"}, {}});
  auto free_answer = solve::solve(nobody, config_.rules, zone_);
  if (!free_answer.chosen) {
    return Error{Errc::invalid_value,
                 "the start is not a bookable time: working hours on a working day, on the " +
                     std::to_string(config_.rules.grid.count()) + "-minute grid",
                 Location::at_field("start")};
  }
  auto taken = not_free(store, input, slot, now, ignore_booking);
  if (!taken) return taken.error();
  if (taken->empty() && !input.rooms.empty()) {
    // Everyone is free: none of the rooms is (or seats them all).
    std::string rooms;
    for (const auto& r : input.rooms) rooms += (rooms.empty() ? "" : ", ") + r.value;
    return Error{store::Errc::slot_taken, "no room of " + rooms + " is free for that time and seats everyone",
                 Location::at_field("start")};
  }
  return Error{store::Errc::slot_taken,
               taken->empty() ? "a required attendee is not free at that time" : "not free at that time: " + *taken,
               Location::at_field("start")};
}

Result<std::string> SlotSearch::not_free(store::Store& store, const SolveInput& input, Interval slot, Instant now,
                                         std::optional<Interval> ignore_booking) {
  // Their busy time as the solver saw it, over the slot.
  auto booked = store.busy_from_bookings(slot);
  if (!booked) return booked.error();
  auto sources = attendee_calendars(store, input, false);
  if (!sources) return sources.error();
  auto calendars = calendars_.busy(*sources, slot, now);
  std::string taken;
  for (std::size_t i = 0; i < sources->size(); ++i) {
    if (!calendars[i]) return service_error(calendars[i].error());
    if (!with_bookings((*sources)[i].first, **calendars[i], slot, *booked, ignore_booking).empty()) {
      taken += (taken.empty() ? "" : ", ") + (*sources)[i].first.value;
    }
  }
  // The case's required participants, by label: outside their windows, or booked.
  auto circle = circle_busy(store, input, slot, ignore_booking, zone_);
  if (!circle) return circle.error();
  for (const CircleMember& m : *circle) {
    if (m.required && !m.busy.empty()) taken += (taken.empty() ? "" : ", ") + m.label;
  }
  return taken;
}

}  // namespace yhteisaika::service
