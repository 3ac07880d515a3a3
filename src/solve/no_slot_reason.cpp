#include "no_slot_reason.hpp"

namespace yhteisaika::solve {
namespace {

std::string listed(const std::string& head, const std::vector<std::string>& names) {
  std::string out = head;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : ", ") + names[i];
  return out;
}

}  // namespace

void explain_no_slot(const SolveRequest& request, const Constraints& everything,
                     const std::vector<time::Interval>& working, const time::WorkRules& rules,
                     const time::Zone& zone, SolveAnswer& answer) {
  // A window with no room for the meeting in working hours (a weekend, a
  // holiday, an evening) is no attendee's fault: say so and name nobody.
  if (!has_slot(Constraints{{}, request.duration}, working, rules, zone)) {
    answer.reason = working.empty() ? "the window holds no working hours"
                                    : "the window holds no working hours for a meeting of " +
                                          std::to_string(request.duration.count()) + " minutes";
    return;
  }
  // Each required attendee alone, without rooms: who has no time whatever the others do.
  std::vector<std::string> professionals;
  std::vector<std::string> participants;
  for (const Attendee& person : request.required) {
    if (has_slot(Constraints{std::span<const Attendee>(&person, 1), request.duration}, working, rules, zone)) continue;
    answer.without_free_time.push_back(person.id);
    if (person.kind == AttendeeKind::professional) {
      professionals.push_back(person.id.value);
    } else {
      participants.push_back(person.label.empty() ? person.id.value : person.label);
    }
  }
  if (!professionals.empty()) {
    answer.reason = listed("no free time in working hours in the window for: ", professionals);
  } else if (!participants.empty()) {
    answer.reason = listed("no working time within their stated availability in the window for: ", participants);
  } else if (everything.need_room &&
             !has_slot(Constraints{{}, request.duration, true, everything.rooms}, working, rules, zone)) {
    answer.reason = "no free room";
  } else {
    answer.reason = "no common time";
  }
}

}  // namespace yhteisaika::solve
