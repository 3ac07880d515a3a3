#pragma once
// Private to service/: the case's participants of a solve (SolveInput's
// required_participants and optional_participants) as the solver's attendees.
// A participant has no calendar: their busy time is the time outside their
// weekly windows and inside their unavailable spans (cases/participant_busy.hpp),
// together with the case's other scheduled and held meetings they are on
// (store busy_of_case_participants). The solver names them by label, a role
// word ("Äiti"), when their windows rule the window out.
//
// Thread safety: pure over the store the caller gives.

#include <yhteisaika/service/booking.hpp>
#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::service {

struct CircleMember {
  ParticipantId id;  // the participant's id in the case ("p1")
  std::string label;
  bool required = true;
  std::vector<time::Interval> busy;  // inside the window; sorted and merged
};

// The required participants of `input`, then the optional ones, with their
// busy time in `window` (their bookings less `ignore_booking`, a meeting's own
// time when it moves). Nothing when input.case_id is unset. Errors: the case's
// (store not_found), an id that is not the case's participant
// (Errc::unknown_attendee at "required_participants[i]" / "optional_participants[i]").
Result<std::vector<CircleMember>> circle_busy(store::Store& store, const SolveInput& input, time::Interval window,
                                              std::optional<time::Interval> ignore_booking, const time::Zone& zone);

// `members` as the solver's attendees (kind participant, with their label),
// appended to `request`; their busy time moves into `busy`, which the spans
// point into (a deque: what it holds stays put as it grows).
void add_to_request(std::vector<CircleMember> members, std::deque<std::vector<time::Interval>>& busy,
                    solve::SolveRequest& request);

}  // namespace yhteisaika::service
