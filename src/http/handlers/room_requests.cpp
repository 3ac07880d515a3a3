#include "room_requests.hpp"

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/sources/source_spec.hpp>

#include "case_text.hpp"

#include "../request_fields.hpp"

#include <string>

namespace yhteisaika::http {

void read_room_fields(Fields& fields, Room& room) {
  if (auto name = fields.text("name")) {
    if (auto e = one_line_text_error(*name, "name", kMaxRoomNameChars, true)) fields.fail(std::move(*e));
    room.name = *name;
  }
  if (auto location = fields.text("location")) {
    if (auto e = one_line_text_error(*location, "location", kMaxRoomLocationChars, false)) fields.fail(std::move(*e));
    room.location = *location;
  }
  if (auto capacity = fields.integer("capacity")) {
    if (*capacity < 1 || *capacity > kMaxRoomCapacity) {
      fields.fail(invalid_value("capacity is the number of people the room holds, 1 to " + std::to_string(kMaxRoomCapacity),
                          "capacity"));
    } else {
      room.capacity = static_cast<int>(*capacity);
    }
  }
  if (auto source = fields.text("calendar_source")) {
    // Empty: the room's own calendar file, named by its id (as for professionals).
    room.calendar_source = source->empty() ? room.id.value : *source;
    if (auto spec = sources::parse_source(room.calendar_source); !spec) {
      fields.fail(invalid_value(spec.error().message, "calendar_source"));
    }
  }
}

Room read_new_room(Fields& fields) {
  Room room;
  if (auto id = required_value(fields, "id")) {
    if (auto e = id_error(*id, "id")) fields.fail(std::move(*e));
    room.id = RoomId{*id};
  }
  // Both must be there; their values are read (and checked) below.
  required_value(fields, "name");
  if (!fields.integer("capacity")) fields.fail(Error{Errc::bad_request, "this field is required", Location::at_field("capacity")});
  room.calendar_source = room.id.value;
  read_room_fields(fields, room);
  return room;
}

void read_room_choice(Fields& fields, std::vector<RoomId>& rooms, bool& remote) {
  if (const boost::json::array* items = fields.array("rooms")) {
    if (items->empty()) fields.fail(invalid_value("name at least one room, or leave rooms out", "rooms"));
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string at = "rooms[" + std::to_string(i) + "]";
      const auto& item = (*items)[i];
      if (!item.is_string()) {
        fields.fail(type_error(at, "a room id (text)", item));
        return;
      }
      if (auto e = id_error(item.get_string(), at)) fields.fail(std::move(*e));
      rooms.push_back(RoomId{std::string(item.get_string())});
    }
  }
  remote = fields.boolean("remote").value_or(false);
  if (remote && !rooms.empty()) fields.fail(invalid_value("a meeting is in one of its rooms or remote, not both", "remote"));
}

}  // namespace yhteisaika::http
