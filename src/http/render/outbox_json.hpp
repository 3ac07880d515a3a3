#pragma once
// Private to http/: an e-mail of the outbox as the API answers it (GET
// /api/v1/outbox, admins). Pure; thread-safe.

#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// {"id", "meeting", "sequence", "professional", "recipient", "method",
// "subject", "status" ("queued" | "sent" | "failed"), "attempts",
// "created_at", "next_attempt_at" (queued mail only, else null), "sent_at"
// (or null), "last_error" (null when empty)}; times RFC 3339 in `zone`. Never
// the message itself.
boost::json::object outbox_entry_json(const store::OutboxEntry& e, const time::Zone& zone);

}  // namespace yhteisaika::http
