#include <yhteisaika/service/rooms.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/sources/source_spec.hpp>

#include <string_view>

namespace yhteisaika::service {

namespace {

constexpr std::string_view kRoomKeyPrefix = "room ";

// A file name, or an ICS/CalDAV URL without credentials (sources/source_spec.hpp).
Result<void> check_room(const store::Room& room) {
  if (auto spec = sources::parse_source(room.calendar_source); !spec) {
    return Error{Errc::invalid_value, spec.error().message, Location::at_field("calendar_source")};
  }
  if (room.name.empty()) return Error{Errc::invalid_value, "a room needs a name", Location::at_field("name")};
  return {};
}

}  // namespace

ParticipantId room_key(const RoomId& id) { return ParticipantId{std::string(kRoomKeyPrefix) + id.value}; }

std::optional<RoomId> room_of_key(const ParticipantId& key) {
  if (!key.value.starts_with(kRoomKeyPrefix)) return std::nullopt;
  return RoomId{key.value.substr(kRoomKeyPrefix.size())};
}

std::string room_place(const store::Room& room) {
  if (room.location.empty()) return room.name;
  return room.name + ", " + room.location;
}

Rooms::Rooms(StorePool& pool, Feeds& feeds, Clock clock) : pool_(pool), feeds_(feeds), clock_(std::move(clock)) {}

Result<std::vector<store::Room>> Rooms::list() { return pool_.lease()->rooms(); }

Result<store::Room> Rooms::room(const RoomId& id) { return pool_.lease()->room(id); }

Result<std::string> Rooms::create(const store::Room& room, const Actor& actor) {
  if (auto ok = check_room(room); !ok) return ok.error();
  auto store = pool_.lease();
  const store::Change change{actor.audit_name(), clock_()};
  if (auto created = store->create_room(room, change); !created) return created.error();
  return store->rotate_room_feed_secret(room.id, change);
}

Result<store::Room> Rooms::update(const store::Room& room, const Actor& actor) {
  if (auto ok = check_room(room); !ok) return ok.error();
  if (auto updated = pool_.lease()->update_room(room, {actor.audit_name(), clock_()}); !updated) {
    return updated.error();
  }
  feeds_.forget_room(room.id);
  return room;
}

Result<store::Room> Rooms::remove(const RoomId& id, const Actor& actor) {
  auto store = pool_.lease();
  auto room = store->room(id);
  if (!room) return room.error();
  if (auto removed = store->delete_room(id, {actor.audit_name(), clock_()}); !removed) return removed.error();
  feeds_.forget_room(id);
  feeds_.forget_secrets_of(room_key(id));
  return room;
}

Result<std::string> Rooms::rotate_feed_secret(const RoomId& id, const Actor& actor) {
  auto secret = pool_.lease()->rotate_room_feed_secret(id, {actor.audit_name(), clock_()});
  if (secret) feeds_.forget_secrets_of(room_key(id));
  return secret;
}

}  // namespace yhteisaika::service
