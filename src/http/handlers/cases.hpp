#pragma once
// Private to http/: the joint client's cases, /api/v1/cases... (issue 13;
// docs/openapi.json). Coordinators and admins. Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /api/v1/cases[?stage=&coordinator=]: newest first.
Result<Response> list_cases(const Call& call, const Services& s);
// POST /api/v1/cases: 201 with the case at stage identified and its Location.
Result<Response> create_case(const Call& call, const Services& s);
// GET /api/v1/cases/{id}: the case with its team, participants, meetings and stage history.
Result<Response> get_case(const Call& call, const Services& s);
// PATCH /api/v1/cases/{id}: team, coordinator, segment; "stage" moves it (409 when not allowed).
Result<Response> update_case(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
