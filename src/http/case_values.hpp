#pragma once
// Private to http/: what the case's requests carry once read, and a room, as
// values. Stand-ins: cases/case.hpp has the case itself but not these; when
// cases/ (a new case, a change) and store/ (a room) give their own, the readers
// (handlers/case_requests.hpp, handlers/room_requests.hpp) and renderers
// (render/room_json.hpp) switch to them and this header goes.
//
// Values only; thread-safe.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/case_meetings.hpp>
#include <yhteisaika/store/meeting.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::http {

using store::CaseFilter;
using store::Room;

// POST /api/v1/cases: a case as identified, before it has an id or a stage.
struct NewCase {
  CaseRef ref;
  ParticipantId coordinator;
  std::chrono::year_month_day identified_on;
  cases::Trigger trigger = cases::Trigger::other;
  std::optional<int> segment;  // 1-4 (Helsinki's segments)
  std::vector<ParticipantId> team;  // no id twice
  bool operator==(const NewCase&) const = default;
};

// PATCH /api/v1/cases/{id}: what is given changes, the rest stays. Whether a
// stage move is allowed is the rules' (cases/) to say, not the reader's.
struct CaseChange {
  std::optional<std::vector<ParticipantId>> team;
  std::optional<ParticipantId> coordinator;
  std::optional<int> segment;
  std::optional<cases::Stage> stage;
  bool operator==(const CaseChange&) const = default;
};

// POST /api/v1/cases/{id}/meetings: the service's own request (people named
// by id as given; the service tells them apart against the case).
using service::CaseMeetingRequest;

}  // namespace yhteisaika::http
