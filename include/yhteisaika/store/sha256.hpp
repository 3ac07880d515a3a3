#pragma once
// SHA-256 (FIPS 180-4), for hashing API tokens and feed secrets before storing
// them, and for the service's cache of feed secrets, which keeps digests only
// (service/known_feed_secrets.hpp). Small, until a crypto library is a dependency.
//
// Thread safety: a pure function.

#include <string>
#include <string_view>

namespace yhteisaika::store {

// The SHA-256 digest of `data`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace yhteisaika::store
