#pragma once
// Private to http/: a room as a request gives it (POST and PATCH
// /api/v1/rooms[/{id}], issue 13). Pure; errors as in case_requests.hpp, each
// naming its field.
//
//   "id"               letters, digits, '-', '_', '.' (it goes into URLs and feeds)
//   "name"             one line, 1-200 characters, no identity code
//   "location"         one line, at most 500 characters, no identity code
//   "capacity"         the people it holds, 1-1000
//   "calendar_source"  as a professional's (sources/source_spec.hpp: a file
//                      name, an ICS URL or a CalDAV collection); default the id

#include "../case_values.hpp"
#include "../request_fields.hpp"

#include <vector>

namespace yhteisaika::http {

inline constexpr int kMaxRoomCapacity = 1000;

// POST: "id", "name" and "capacity" required; "location" and "calendar_source" optional.
Room read_new_room(Fields& fields);

// PATCH: "name", "location", "capacity", "calendar_source", each optional,
// over `room` (its id stays).
void read_room_fields(Fields& fields, Room& room);

// A meeting's place (POST /api/v1/solve, /api/v1/meetings): "rooms" (room ids,
// any one of them will do; not empty when given, each an id, at "rooms[i]")
// or "remote" (true: no room), never both (invalid_value at "remote"). Whether
// the rooms exist is the service's to say.
void read_room_choice(Fields& fields, std::vector<RoomId>& rooms, bool& remote);

}  // namespace yhteisaika::http
