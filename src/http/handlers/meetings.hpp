#pragma once
// Private to http/: the coordinators' routes, /api/v1/solve and
// /api/v1/meetings... (docs/openapi.json). Handlers: see handler.hpp.

#include "handler.hpp"

#include <yhteisaika/store/meeting.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <vector>

namespace yhteisaika::http::handlers {

// The meeting's JSON (render/meeting_json.hpp) with what it refers to named:
// the professionals, the room, the case's participants.
Result<boost::json::object> meeting_object(const Services& s, const store::Meeting& m);
// The same for many meetings, the professionals and rooms read once.
Result<boost::json::array> meeting_objects(const Services& s, const std::vector<store::Meeting>& meetings);

// POST /api/v1/solve: the earliest joint slot (render/solution_json.hpp), with
// the calendars answered from a stale copy.
Result<Response> solve(const Call& call, const Services& s);
// POST /api/v1/meetings: books (201, Location) and answers the meeting.
Result<Response> book_meeting(const Call& call, const Services& s);
// GET /api/v1/meetings?from=&to=&case_ref=&declined=true|false
Result<Response> list_meetings(const Call& call, const Services& s);
// GET /api/v1/meetings/{id}
Result<Response> get_meeting(const Call& call, const Services& s);
// POST /api/v1/meetings/{id}/reschedule (an empty body is {}).
Result<Response> reschedule_meeting(const Call& call, const Services& s);
// DELETE /api/v1/meetings/{id}: cancels, answers the cancelled meeting.
Result<Response> cancel_meeting(const Call& call, const Services& s);
// GET /api/v1/meetings/{id}/invite.ics: the iTIP REQUEST, or CANCEL once cancelled.
Result<Response> meeting_invite(const Call& call, const Services& s);
// POST /api/v1/meetings/{id}/confirm: confirms a held meeting (409 not_held
// once its hold ran out, or when it is not held).
Result<Response> confirm_meeting(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
