#pragma once
// The joint client's case as values: the unit of work of the care model
// (identify -> consent -> mapping -> team invited -> joint plan -> follow-up ->
// closed). Shared by cases/ (the rules), store/ (keeping it) and http/ (its
// JSON). Pseudonymous throughout: a case reference, role words as labels.

#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/interval.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::cases {

struct CaseId {
  std::int64_t value = 0;
  auto operator<=>(const CaseId&) const = default;
};

// In the order a case moves through them; `closed` may follow any stage.
enum class Stage { identified, consent_asked, mapping, team_invited, plan_made, follow_up, closed };

// What made someone notice the joint need.
enum class Trigger { professional_concern, triage, ed_frequent_visitor, no_shows, other };

// People around the client who have no calendar in our reach.
enum class ParticipantKind { client, close_one, peer, ngo, police, kela, other };

enum class MeetingKind { mapping, joint, plan_update, other };

// Days of the week as in std::chrono::weekday::c_encoding(): 0 = Sunday.
using DaySet = std::array<bool, 7>;

// A weekly window of stated availability in the service's wall time, e.g.
// tue and thu 12:00-16:00.
struct WeeklyWindow {
  DaySet days{};
  std::chrono::minutes from{0};  // since local midnight
  std::chrono::minutes to{0};    // REQUIRES: from < to <= 24 h
  bool operator==(const WeeklyWindow&) const = default;
};

// Someone in the case's circle without a calendar (the client, a close one, an
// NGO worker, the police...). `label` is a role word ("Äiti"), never a name.
struct Participant {
  std::string id;  // "p1", "p2", ... within the case
  ParticipantKind kind = ParticipantKind::other;
  std::string label;
  std::optional<std::string> email;
  std::vector<WeeklyWindow> availability;  // empty: any working time
  std::vector<time::Interval> unavailable;
  bool operator==(const Participant&) const = default;
};

// One move of the stage, audited.
struct StageMove {
  Stage from = Stage::identified;
  Stage to = Stage::identified;
  time::Instant at;
  std::string actor;
  bool operator==(const StageMove&) const = default;
};

struct Case {
  CaseId id;
  CaseRef ref;
  ParticipantId coordinator;
  std::chrono::year_month_day identified_on;
  Trigger trigger = Trigger::other;
  std::optional<int> segment;  // Helsinki's 1 omatoimi, 2 tuki, 3 yhteistyö, 4 huolenpito
  std::vector<ParticipantId> team;
  Stage stage = Stage::identified;
  std::vector<Participant> participants;
  std::vector<StageMove> history;  // oldest first
  bool operator==(const Case&) const = default;
};

}  // namespace yhteisaika::cases
