#pragma once
// Private to http/: a meeting as the API answers it (GET/POST/DELETE
// /api/v1/meetings...). Pure; thread-safe.

#include <yhteisaika/ids.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

#include <map>

namespace yhteisaika::http {

// The team by id, for the attendees' names and professions.
using People = std::map<ParticipantId, store::Professional>;

// {"id", "case_ref", "start", "end" (RFC 3339 in `zone`), "in_hole", "status"
// ("scheduled" | "cancelled" | "held" | "expired"), "sequence", "title", "location", "description",
// "attendees": [{"id", "name", "profession" (both "" for someone not in
// `people`), "role" ("required" | "optional"), "partstat", "answered_at"
// (or null)}], "invite_url", "created_at", "updated_at", "requested_at",
// "required_declines": [ids], "needs_attention" (scheduled with a required
// attendee who declined), "coordinator" (the organizer's id, or null),
// "hold_expires_at" (until when it is or was held, or null)}.
boost::json::object meeting_json(const store::Meeting& meeting, const People& people, const time::Zone& zone);

}  // namespace yhteisaika::http
