#pragma once
// Private to http/: the team, /api/v1/professionals... (docs/openapi.json).
// Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /api/v1/professionals (any role; calendar_source for admins only).
Result<Response> list_professionals(const Call& call, const Services& s);
// GET /api/v1/professionals/{id}
Result<Response> get_professional(const Call& call, const Services& s);
// POST /api/v1/professionals (admins): 201 with Location and the new feed URL.
Result<Response> create_professional(const Call& call, const Services& s);
// PATCH /api/v1/professionals/{id} (admins): the fields given change.
Result<Response> update_professional(const Call& call, const Services& s);
// POST /api/v1/professionals/{id}/feed-secret (admins): a new feed URL; the old one stops working.
Result<Response> rotate_feed_secret(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
