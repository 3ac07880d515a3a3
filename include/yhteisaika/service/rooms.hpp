#pragma once
// The rooms meetings take (admins write them; admins and coordinators read
// them): each with a capacity, a calendar (any source a professional's can be)
// and a feed of the meetings in it, opened by a secret in its URL like a
// professional's feed (Feeds). A room's calendar is read into the busy index
// under room_key(id) and refreshed in the background with the team's; a room
// whose calendar cannot be read is never free (Booking, SlotSearch).
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/feeds.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/store/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::service {

// The key of room `id` in the busy index and the feed cache: "room <id>". A
// professional's id holds no space, so the two never clash, and an error of
// the index about it reads "the calendar of room <id> ...".
ParticipantId room_key(const RoomId& id);
// The room a key of room_key() names; nullopt for a professional's id.
std::optional<RoomId> room_of_key(const ParticipantId& key);

// The room's name and location as one line, for LOCATION: "Kuusi, Kalasatama 3. krs".
std::string room_place(const store::Room& room);

class Rooms {
 public:
  // `pool` and `feeds` (told when a room's feed changes) must outlive this.
  Rooms(StorePool& pool, Feeds& feeds, Clock clock);

  Result<std::vector<store::Room>> list();                // by id
  Result<store::Room> room(const RoomId& id);             // store::Errc::not_found
  // Creates one and returns its feed secret (shown once; only its hash is
  // kept). Errors name the field: "calendar_source" that is no file name and
  // no ICS/CalDAV URL without credentials; the store's ("id", "capacity").
  Result<std::string> create(const store::Room& room, const Actor& actor);
  // Checked as create; its feed shows the change at once.
  Result<store::Room> update(const store::Room& room, const Actor& actor);
  // Refused (store::Errc::conflict) while a meeting to come takes it; answers
  // the room as it was.
  Result<store::Room> remove(const RoomId& id, const Actor& actor);
  // A new feed secret, returned once; the old one stops working at once.
  Result<std::string> rotate_feed_secret(const RoomId& id, const Actor& actor);

 private:
  StorePool& pool_;
  Feeds& feeds_;
  Clock clock_;
};

}  // namespace yhteisaika::service
