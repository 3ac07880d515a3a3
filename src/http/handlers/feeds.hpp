#pragma once
// Private to http/: a professional's iCalendar feed, /feeds/{secret}.ics (the
// secret is the capability). Runs on the network threads (the service answers
// it from its cache). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// The text, or its gzip when the client takes it (negotiation.hpp), each with
// its own ETag and the Last-Modified of the text; 304 when the client holds it.
Result<Response> feed(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
