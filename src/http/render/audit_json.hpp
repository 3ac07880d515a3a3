#pragma once
// Private to http/: an audit log entry as the API answers it (GET
// /api/v1/audit, admins). Pure; thread-safe.

#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// {"id", "actor", "action", "at" (RFC 3339 in `zone`), "before", "after"}:
// before and after are the stored JSON as JSON (null when empty; a text that
// does not parse stays a string).
boost::json::object audit_entry_json(const store::AuditEntry& e, const time::Zone& zone);

}  // namespace yhteisaika::http
