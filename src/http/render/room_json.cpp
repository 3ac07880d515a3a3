#include "room_json.hpp"

namespace yhteisaika::http {

boost::json::object room_json(const Room& room, store::TokenRole viewer) {
  boost::json::object o{
      {"id", room.id.value}, {"name", room.name}, {"location", room.location}, {"capacity", room.capacity}};
  if (viewer == store::TokenRole::admin) o["calendar_source"] = room.calendar_source;
  return o;
}

}  // namespace yhteisaika::http
