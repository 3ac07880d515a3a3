#pragma once
// Private to http/: a meeting as the API answers it (GET/POST/DELETE
// /api/v1/meetings...). Pure; thread-safe.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

#include <map>
#include <vector>

namespace yhteisaika::http {

// The team by id, for the attendees' names and professions.
using People = std::map<ParticipantId, store::Professional>;
// The rooms by id, for the name and place of the room a meeting takes.
using RoomsById = std::map<RoomId, store::Room>;

// {"id", "case_ref", "start", "end" (RFC 3339 in `zone`), "in_hole", "status"
// ("scheduled" | "cancelled" | "held" | "expired"), "sequence", "title", "location", "description",
// "attendees": [{"id", "name", "profession" (both "" for someone not in
// `people`), "role" ("required" | "optional"), "partstat", "answered_at"
// (or null)}], "invite_url", "created_at", "updated_at", "requested_at",
// "required_declines": [ids], "needs_attention" (scheduled with a required
// attendee who declined), "coordinator" (the organizer's id, or null),
// "hold_expires_at" (until when it is or was held, or null), "room" (the room
// it takes: {"id", "name", "location"}, both "" for a room not in `rooms`; or
// null), "remote" (true: a remote meeting, no room)}.
//
// Issue 13: "case" (the case's id, or null), "kind" ("mapping" | "joint" |
// "plan_update" | "other"), "status" also "held" | "expired", and
// "participants": the case's people on it, [{"id" ("p1"), "kind" ("client",
// "close_one", ...), "label" (a role word; "" with kind "other" for one no
// longer in `circle`), "role", "partstat", "answered_at" (or null)}]. `circle`: the
// case's participants as the case has them (service CaseMeetings::circle).
boost::json::object meeting_json(const store::Meeting& meeting, const People& people, const time::Zone& zone,
                                 const RoomsById& rooms = {}, const std::vector<cases::Participant>& circle = {});

}  // namespace yhteisaika::http
