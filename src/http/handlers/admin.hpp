#pragma once
// Private to http/: what admins read of the service's own records: the audit
// log and the e-mail outbox (docs/openapi.json). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /api/v1/audit?from=&to= (default: the last 30 days, to an hour ahead).
Result<Response> audit(const Call& call, const Services& s);
// GET /api/v1/outbox?status=queued|sent|failed: the newest 500, newest first.
Result<Response> outbox(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
