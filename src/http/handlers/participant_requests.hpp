#pragma once
// Private to http/: a participant of a case as a request gives it (POST and
// PATCH /api/v1/cases/{id}/participants[/{pid}], issue 13). Pure; errors as in
// case_requests.hpp, each naming its field, inside arrays by element:
// "availability[0].days[1]", "unavailable[2].to".
//
//   "kind"         client | close_one | peer | ngo | police | kela | other
//   "label"        a role word ("Äiti"), never a name: one line, 1-200
//                  characters, no identity code (422 identity_code)
//   "email"        a plain local@domain, optional; "" removes it
//   "availability" [{"days": ["tue", "thu"], "from": "12:00", "to": "16:00"}]:
//                  weekly windows in the service's wall time; "to" may be
//                  "24:00"; none = any working time
//   "unavailable"  [{"from", "to"}]: wall time in `zone` ("2026-12-10T00:00")
//                  or RFC 3339 with an offset; "to" after "from"

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/zone.hpp>

#include "../request_fields.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace yhteisaika::http {

// POST: "kind" and "label" required, the rest optional. The id is the store's
// to give (left empty).
cases::Participant read_new_participant(Fields& fields, const time::Zone& zone);

// PATCH: the fields given replace those of `p` (a list given replaces the
// whole list); the rest stay.
void read_participant_fields(Fields& fields, cases::Participant& p, const time::Zone& zone);

// "HH:MM" (two digits each, 00:00-23:59) as the time since midnight, or
// nullopt; "24:00" too when `end_of_day`.
std::optional<std::chrono::minutes> parse_clock(std::string_view text, bool end_of_day);

}  // namespace yhteisaika::http
