#pragma once
// Private to http/: a joint client's case as the API answers it (GET/POST/PATCH
// /api/v1/cases..., issue 13). Times are RFC 3339 in the service's zone, as in
// every answer. Pure; thread-safe.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// The case whole: {"id", "case_ref", "coordinator", "identified_on"
// (YYYY-MM-DD), "trigger", "segment" (1-4 or null), "stage", "team": [ids],
// "participants": [participant_json], "history": [stage_move_json] (oldest
// first)}. The case's meetings are the handler's to add ("meetings").
boost::json::object case_json(const cases::Case& c, const time::Zone& zone);

// A case in a list: {"id", "case_ref", "coordinator", "identified_on",
// "trigger", "segment", "stage", "stage_since" (the time of the last move, or
// null before any), "team_size", "participants_count"}.
boost::json::object case_list_item_json(const cases::Case& c, const time::Zone& zone);

// {"from", "to" (stage words), "at" (RFC 3339), "actor"}.
boost::json::object stage_move_json(const cases::StageMove& move, const time::Zone& zone);

}  // namespace yhteisaika::http
