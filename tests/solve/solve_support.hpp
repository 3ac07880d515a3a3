#pragma once
// Test support for solve/: local times in Helsinki, people and rooms with busy
// lists the test fills in by id, and a request over a two-week window.

#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <map>
#include <string>
#include <vector>

namespace yhteisaika::test {

inline time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }
inline time::Interval span(const char* from, const char* to) { return {at(from), at(to)}; }
inline std::string show(time::Instant t) { return time::format_rfc3339(t, helsinki()); }

// The default rules, built once (a temporary WorkRules inlined into a test
// trips g++ 12's -Wmaybe-uninitialized over its weekday list).
inline const time::WorkRules& default_rules() {
  static const time::WorkRules rules;
  return rules;
}

inline solve::SolveAnswer run(const solve::SolveRequest& r) { return solve::solve(r, default_rules(), helsinki()); }

inline std::string chosen_start(const solve::SolveAnswer& a) {
  return a.chosen ? show(a.chosen->time.start) : "none";
}
inline std::string chosen_room(const solve::SolveAnswer& a) {
  return a.chosen && a.chosen->room ? a.chosen->room->value : "none";
}

// Busy time that leaves free only the local hours [from, to) of `weekdays`
// (0 = Sunday) over `days`: a participant's stated weekly windows, as the
// cases module turns them into busy time.
inline std::vector<time::Interval> outside_windows(time::Interval days, std::vector<unsigned> weekdays,
                                                   std::chrono::minutes from, std::chrono::minutes to) {
  using namespace std::chrono;
  std::vector<time::Interval> busy;
  const auto& zone = helsinki();
  const local_days first = floor<std::chrono::days>(zone.to_local(days.start));
  for (local_days d = first; zone.to_instant(d) < days.end; d += std::chrono::days(1)) {
    const time::Instant midnight = zone.to_instant(d);
    const time::Instant next = zone.to_instant(d + std::chrono::days(1));
    bool open = false;
    for (unsigned w : weekdays) open = open || weekday(d) == weekday(w);
    if (!open) {
      busy.push_back({midnight, next});
      continue;
    }
    busy.push_back({midnight, zone.to_instant(d + from)});
    busy.push_back({zone.to_instant(d + to), next});
  }
  return time::merge_intervals(std::move(busy));
}

// People and rooms whose busy lists a test fills in by id.
struct Circle {
  std::map<std::string, std::vector<time::Interval>> busy;
  std::map<std::string, std::string> labels;  // participants: id -> role word

  solve::Attendee attendee(const std::string& id) {
    solve::Attendee a{ParticipantId{id}, busy[id]};
    if (auto it = labels.find(id); it != labels.end()) {
      a.kind = solve::AttendeeKind::participant;
      a.label = it->second;
    }
    return a;
  }
  solve::Room room(const std::string& id, std::size_t capacity = 10) {
    return solve::Room{RoomId{id}, capacity, busy[id]};
  }
  solve::SolveRequest request(const std::vector<std::string>& required, const std::vector<std::string>& optional = {}) {
    solve::SolveRequest r;
    for (const auto& id : required) r.required.push_back(attendee(id));
    for (const auto& id : optional) r.optional.push_back(attendee(id));
    r.window = {at("2026-11-23T09:00"), at("2026-12-07T09:00")};
    return r;
  }
};

}  // namespace yhteisaika::test
