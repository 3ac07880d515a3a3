#pragma once
// Private to http/: the people around the client, /api/v1/cases/{id}/participants...
// (issue 13; docs/openapi.json). Coordinators and admins; a closed case's
// participants cannot be changed (409). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// POST /api/v1/cases/{id}/participants: 201 with the participant (id p1, p2, ...) and its Location.
Result<Response> add_participant(const Call& call, const Services& s);
// PATCH /api/v1/cases/{id}/participants/{pid}: the fields given replace theirs.
Result<Response> update_participant(const Call& call, const Services& s);
// DELETE /api/v1/cases/{id}/participants/{pid}: 200 with the participant as it was.
Result<Response> remove_participant(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
