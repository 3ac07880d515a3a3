#pragma once
// Private to http/: what the meetings' handlers read from a request, as the
// service's inputs. Pure: every error names its field (Fields::finish()).

#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include "../request_fields.hpp"

#include <string_view>

namespace yhteisaika::http {

// "required", "optional", "from" (local in `zone` or RFC 3339), "days",
// "duration_minutes", "strategy" ("hole-first" | "earliest"), "rooms" or
// "remote" (room_requests.hpp read_room_choice). Out-of-range numbers are
// passed on for the service to refuse.
service::SolveInput read_solve_input(Fields& fields, const time::Zone& zone);

// The solve fields (with "remote"), and "case_ref", "start", "title",
// "location", "description", "coordinator", "identified_on" (YYYY-MM-DD),
// "hold_minutes" (held, not booked; the service refuses it outside 1-20160).
service::BookInput read_book_input(Fields& fields, const time::Zone& zone);

// "start", "from", "days", "strategy", "without", "without_declined".
service::RescheduleInput read_reschedule_input(Fields& fields, const time::Zone& zone);

// The {id} of /api/v1/meetings/{id}: a positive number, else Errc::not_found
// ("no meeting <text>"): a path that names nothing.
Result<store::MeetingId> meeting_id(std::string_view text);

}  // namespace yhteisaika::http
