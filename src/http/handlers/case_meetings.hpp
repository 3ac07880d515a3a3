#pragma once
// Private to http/: a case's meetings (issue 13), POST /api/v1/cases/{id}/meetings
// (docs/openapi.json). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// POST /api/v1/cases/{id}/meetings: books (or holds) a meeting of the case with
// its professionals and the people around the client; 201, Location, the
// meeting (render/meeting_json.hpp) with "stale" as POST /api/v1/meetings.
Result<Response> book_case_meeting(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
