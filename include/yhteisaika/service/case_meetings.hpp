#pragma once
// What coordinators do with a case's meetings (issue 13): book one for the case,
// with its professionals and the people around the client (the client, close
// ones, NGO and peer workers...: cases::Participant, "p1") together. The people
// are named by id; each is told apart against the case: one of its participants,
// else a professional of the team. The booking itself is Booking::book's: the
// required participants constrain the slot by their weekly windows and
// unavailable spans (docs/scheduling-rules.md, "The case's circle"), the store
// re-checks everyone in its write transaction.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/booking.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::service {

// POST /api/v1/cases/{id}/meetings, as read (http/handlers/case_requests.hpp).
struct CaseMeetingRequest {
  cases::MeetingKind kind = cases::MeetingKind::joint;
  // Ids as given: a professional's, or one of the case's participants' ("p1").
  // nullopt: the case's coordinator and team, and its client participants.
  std::optional<std::vector<std::string>> required;
  std::vector<std::string> optional;
  std::optional<time::Instant> from;             // default: now
  std::optional<int> days;                       // default: the configured window
  std::optional<std::chrono::minutes> duration;  // default 60 min
  std::vector<RoomId> rooms;                     // any one of them will do; empty: no room
  bool remote = false;                           // never together with rooms
  std::optional<std::chrono::minutes> hold;      // held, not booked (1 min to 14 days)
  bool operator==(const CaseMeetingRequest&) const = default;
};

class CaseMeetings {
 public:
  // Everything referred to must outlive this.
  CaseMeetings(StorePool& pool, Booking& booking);

  // Books a meeting of case `id` at the solver's earliest slot (or holds it,
  // with `hold`). The coordinator of the case organizes it. Errors:
  // store::Errc::not_found (no such case, 404), store::Errc::case_closed (409),
  // Errc::unknown_attendee at "required[i]" / "optional[i]" (an id that is
  // neither the case's participant nor a professional), Errc::invalid_value at
  // the same fields for an id listed twice and at "required" when no
  // professional is required; then Booking::book's (no_slot with the solver's
  // reason, which names a participant by label).
  Result<store::Meeting> book(cases::CaseId id, const CaseMeetingRequest& request, const Actor& actor);

  // The case's participants that meeting `m` invites, as the case has them now
  // (kind and label for showing the meeting; one removed since is left out).
  // Empty for a meeting that invites none.
  Result<std::vector<cases::Participant>> circle(const store::Meeting& m);

 private:
  StorePool& pool_;
  Booking& booking_;
};

}  // namespace yhteisaika::service
