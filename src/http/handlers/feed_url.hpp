#pragma once
// Private to http/: the URL of a feed (a professional's or a room's) as the
// API answers it once, when its secret is made.

#include "handler.hpp"

#include <string>

namespace yhteisaika::http::handlers {

// "<base_url>/feeds/<secret>.ics": on the configured public URL; without one,
// on the address the client used.
std::string feed_url(const Call& call, const Services& s, const std::string& secret);

}  // namespace yhteisaika::http::handlers
