#pragma once
// Private to http/: the calendar sources (admins), /api/v1/sources...
// (docs/openapi.json). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /api/v1/sources: every professional's calendar source and how it fares.
Result<Response> list_sources(const Call& call, const Services& s);
// POST /api/v1/sources/{id}/refresh: reads the calendar now, answers its row.
Result<Response> refresh_source(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
