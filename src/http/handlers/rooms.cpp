#include "rooms.hpp"

#include "../render/room_json.hpp"
#include "../responses.hpp"
#include "feed_url.hpp"
#include "room_requests.hpp"

namespace yhteisaika::http::handlers {

namespace {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

RoomId room_id(const Call& call) { return RoomId{std::string(call.param)}; }

}  // namespace

Result<Response> list_rooms(const Call& call, const Services& s) {
  auto rooms = s.service.rooms().list();
  if (!rooms) return rooms.error();
  json::array list;
  for (const auto& r : *rooms) list.push_back(room_json(r, call.actor->role));
  return json_response(call.req, status::ok, json::object{{"rooms", std::move(list)}});
}

Result<Response> get_room(const Call& call, const Services& s) {
  auto room = s.service.rooms().room(room_id(call));
  if (!room) return room.error();
  return json_response(call.req, status::ok, room_json(*room, call.actor->role));
}

Result<Response> create_room(const Call& call, const Services& s) {
  auto room = read_body(call.req.body(), read_new_room);
  if (!room) return room.error();
  auto secret = s.service.rooms().create(*room, *call.actor);
  if (!secret) return secret.error();
  json::object o = room_json(*room, call.actor->role);
  o["feed_url"] = feed_url(call, s, *secret);
  auto res = json_response(call.req, status::created, o);
  res.set(field::location, "/api/v1/rooms/" + room->id.value);
  return res;
}

Result<Response> update_room(const Call& call, const Services& s) {
  auto body = parse_json_object(call.req.body());
  if (!body) return body.error();
  auto room = s.service.rooms().room(room_id(call));
  if (!room) return room.error();
  Fields fields(*body);
  read_room_fields(fields, *room);
  if (auto e = fields.finish()) return *e;
  auto updated = s.service.rooms().update(*room, *call.actor);
  if (!updated) return updated.error();
  return json_response(call.req, status::ok, room_json(*updated, call.actor->role));
}

Result<Response> delete_room(const Call& call, const Services& s) {
  auto removed = s.service.rooms().remove(room_id(call), *call.actor);
  if (!removed) return removed.error();
  return json_response(call.req, status::ok, room_json(*removed, call.actor->role));
}

Result<Response> rotate_room_feed_secret(const Call& call, const Services& s) {
  auto secret = s.service.rooms().rotate_feed_secret(room_id(call), *call.actor);
  if (!secret) return secret.error();
  return json_response(call.req, status::ok, json::object{{"feed_url", feed_url(call, s, *secret)}});
}

}  // namespace yhteisaika::http::handlers
