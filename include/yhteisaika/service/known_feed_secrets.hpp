#pragma once
// The feed secrets known to open a feed, for the feed cache (Feeds::feed).
//
// A secret is kept and found by its SHA-256 only, as the database does: the
// structure never holds a secret, so a memory dump or a debugger shows no feed
// URL. A lookup hashes the presented secret first; the search then compares
// digests, whose order tells nothing about the secret, and the match is
// confirmed by a comparison that takes the same time whatever the digests hold.
//
// Thread safety: none; the owner locks.

#include <yhteisaika/ids.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::service {

class KnownFeedSecrets {
 public:
  struct Known {
    ParticipantId owner;
    std::int64_t data_version = 0;  // the database as it was when the secret was checked
  };

  // What `secret` is known to open, if anything.
  std::optional<Known> find(std::string_view secret) const;
  void remember(std::string_view secret, Known known);
  void forget(std::string_view secret);
  // Every secret of `owner` (after a rotation).
  void forget_owner(const ParticipantId& owner);
  // The keys held (SHA-256 digests, 64 hex digits): what a memory dump would show.
  std::vector<std::string> keys() const;

 private:
  std::map<std::string, Known> by_digest_;
};

// Whether `a` and `b` are equal, in a time that depends on their lengths only.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace yhteisaika::service
