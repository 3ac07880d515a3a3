#pragma once
// Private to http/: the rooms meetings take, /api/v1/rooms... (docs/openapi.json;
// issue 13). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /api/v1/rooms (coordinators, admins; calendar_source for admins only).
Result<Response> list_rooms(const Call& call, const Services& s);
// GET /api/v1/rooms/{id}
Result<Response> get_room(const Call& call, const Services& s);
// POST /api/v1/rooms (admins): 201 with Location and the room's feed URL (shown once).
Result<Response> create_room(const Call& call, const Services& s);
// PATCH /api/v1/rooms/{id} (admins): the fields given change.
Result<Response> update_room(const Call& call, const Services& s);
// DELETE /api/v1/rooms/{id} (admins): the room removed; 409 while a meeting to come takes it.
Result<Response> delete_room(const Call& call, const Services& s);
// POST /api/v1/rooms/{id}/feed-secret (admins): a new feed URL; the old one stops working.
Result<Response> rotate_room_feed_secret(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
