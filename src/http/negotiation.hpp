#pragma once
// Private to http/: which representation a client takes, and whether it
// already holds it (RFC 9110 §12.5.3 Accept-Encoding, §13 conditional
// requests). Pure; thread-safe.

#include <yhteisaika/http/server.hpp>
#include <yhteisaika/time/interval.hpp>

#include <string_view>

namespace yhteisaika::http {

// Whether the client takes gzip (RFC 9110 §12.5.3): "gzip" (or "x-gzip", or
// "*" when gzip is not named) with a q above 0, and not below that of an
// "identity" the client names. No header, or one without them: the text.
bool accepts_gzip(std::string_view accept_encoding);

// If-None-Match (RFC 9110 §13.1.2): "*" or a list of entity tags, compared
// weakly (a proxy that compresses makes "x" into W/"x").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// RFC 9110 §13.2.2: If-None-Match decides when present (§13.1.2, weak
// comparison); otherwise If-Modified-Since, when it is a valid date (§13.1.3,
// read as of `now`), is met by a representation not changed since.
bool not_modified(const Request& req, std::string_view etag, time::Instant last_modified, time::Instant now);

}  // namespace yhteisaika::http
