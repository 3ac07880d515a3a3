#pragma once
// The demo bookings of the calendars folder (demo-bookings.json): past meetings
// of the demo team, imported into an empty database on first start right after
// people.json, so that a new user's figures and dashboard have weeks to show.
//   {"cases": [{"ref": "YA-2026-0101", "coordinator": "<id>", "identified_on": "2026-09-02",
//               "stages": [{"stage": "consent_asked", "at": "2026-09-04T10:00"}, ...] (optional)}, ...],
//    "meetings": [{"case_ref": "YA-2026-0101", "start": "2026-09-16T14:30", "end": "2026-09-16T15:30",
//                  "requested_at": "2026-09-08T10:15",
//                  "attendees": [{"id": "<id>", "role": "required"|"optional"}, ...],
//                  "status": "scheduled"|"cancelled"|"expired" (default scheduled), "reschedules": 0 (default),
//                  "kind": "mapping"|"joint"|"plan_update"|"other" (default other),
//                  "hold_expires_at": "2026-09-10T12:00" (optional: it was booked as a hold; with
//                  scheduled or cancelled the hold was confirmed; expired needs it),
//                  "title": "", "location": "", "description": "" (optional)}, ...]}
// Times are local wall-clock times of the service's zone. A meeting's case must
// be listed in "cases"; each case is saved with its first meeting. A case's
// "stages" are its moves after identified, in order, each one step on
// (cases/stage_moves.hpp), at the time given.

#include <yhteisaika/error.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/work_rules.hpp>
#include <yhteisaika/time/zone.hpp>

#include <filesystem>
#include <regex>
#include <vector>

namespace yhteisaika::service {

// A recorded move of a demo case's stage, for store::Store::move_stage().
struct DemoStageMove {
  CaseRef case_ref;
  cases::Stage from = cases::Stage::identified;
  cases::Stage to = cases::Stage::identified;
  time::Instant at;
};

struct DemoBookings {
  std::vector<store::ImportedMeeting> meetings;
  std::vector<DemoStageMove> stage_moves;  // to record after the meetings (which create the cases), in order
};

// The meetings in file order, in_hole set by `rules`, and the cases' stage
// moves. When the file's last week is not the week before `now`'s, every time
// (and each case's identification date) moves by whole weeks to end there, and
// a meeting that lands on a holiday or closure is left out: a first start on
// any date shows the same recent weeks. A meeting's text is checked as a
// booking's (field_checks.hpp, with `case_ref_pattern`). Errors name the file
// and the entry ("demo-bookings.json: meetings[3].start").
Result<DemoBookings> read_demo_bookings(const std::filesystem::path& path, const time::WorkRules& rules,
                                        const time::Zone& zone, time::Instant now, const std::regex& case_ref_pattern);

}  // namespace yhteisaika::service
