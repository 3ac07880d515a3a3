#include "circle_busy.hpp"

#include <yhteisaika/cases/participant_busy.hpp>
#include <yhteisaika/service/errc.hpp>

#include <algorithm>

namespace yhteisaika::service {

using time::Interval;

Result<std::vector<CircleMember>> circle_busy(store::Store& store, const SolveInput& input, Interval window,
                                              std::optional<Interval> ignore_booking, const time::Zone& zone) {
  std::vector<CircleMember> out;
  if (!input.case_id) return out;
  auto c = store.case_by_id(*input.case_id);
  if (!c) return c.error();
  auto booked = store.busy_of_case_participants(*input.case_id, window);
  if (!booked) return booked.error();
  for (auto [list, field] : {std::pair{&input.required_participants, "required_participants"},
                             {&input.optional_participants, "optional_participants"}}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string& id = (*list)[i];
      auto p = std::find_if(c->participants.begin(), c->participants.end(),
                            [&](const cases::Participant& x) { return x.id == id; });
      if (p == c->participants.end()) {
        return Error{Errc::unknown_attendee, "case " + c->ref.value + " has no participant " + id,
                     Location::at_field(std::string(field) + "[" + std::to_string(i) + "]")};
      }
      std::vector<Interval> busy = cases::participant_busy(*p, window, zone);
      if (auto it = booked->find(id); it != booked->end()) {
        auto meetings = ignore_booking ? time::cut_interval(it->second, *ignore_booking) : it->second;
        busy.insert(busy.end(), meetings.begin(), meetings.end());
      }
      out.push_back({ParticipantId{id}, p->label, list == &input.required_participants,
                     time::merge_intervals(std::move(busy))});
    }
  }
  return out;
}

void add_to_request(std::vector<CircleMember> members, std::deque<std::vector<Interval>>& busy,
                    solve::SolveRequest& request) {
  for (CircleMember& m : members) {
    busy.push_back(std::move(m.busy));
    (m.required ? request.required : request.optional)
        .push_back({std::move(m.id), busy.back(), solve::AttendeeKind::participant, std::move(m.label)});
  }
}

}  // namespace yhteisaika::service
