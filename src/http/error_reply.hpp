#pragma once
// Private to http/: the API's one error path. Every error a route or handler
// returns becomes its response here (errors.hpp: the status, and the body
// {"error","detail","field"} from Error::message and Error::where's field).
// Error::internal (e.g. SQLite's own text) is logged, never sent: with the
// code and detail, at level error for the server's failures (500, 503) and
// warn otherwise. The server's failures are logged even without it.
// A 409 also counts in yhteisaika_booking_conflicts_total.

#include <yhteisaika/error.hpp>
#include <yhteisaika/http/server.hpp>

namespace yhteisaika::http {

struct Services;

Response error_reply(const Request& req, const Error& error, const Services& services);

}  // namespace yhteisaika::http
