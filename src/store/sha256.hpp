#pragma once
// SHA-256 (FIPS 180-4), for hashing API tokens and feed secrets before storing
// them. Small and private to store/ until a crypto library is a dependency.

#include <string>
#include <string_view>

namespace yhteisaika::store {

// The SHA-256 digest of `data`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace yhteisaika::store
