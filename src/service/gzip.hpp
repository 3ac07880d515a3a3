#pragma once
// gzip (RFC 1952) of a rendered feed, for Content-Encoding: gzip. Private to service/.
//
// Deterministic: the same text always compresses to the same bytes (no file
// name, modification time 0), so a representation's ETag can be derived from
// the text's. Pure; thread-safe.

#include <string>
#include <string_view>

namespace yhteisaika::service {

// Throws std::bad_alloc when zlib runs out of memory (its only failure here).
std::string gzip(std::string_view text);

}  // namespace yhteisaika::service
