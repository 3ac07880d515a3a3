#include <yhteisaika/service/known_feed_secrets.hpp>

#include <yhteisaika/store/sha256.hpp>

namespace yhteisaika::service {

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // No early exit: every byte is compared whatever the first difference.
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

std::optional<KnownFeedSecrets::Known> KnownFeedSecrets::find(std::string_view secret) const {
  const std::string digest = store::sha256_hex(secret);
  auto it = by_digest_.lower_bound(digest);
  if (it == by_digest_.end() || !constant_time_equal(it->first, digest)) return std::nullopt;
  return it->second;
}

void KnownFeedSecrets::remember(std::string_view secret, Known known) {
  by_digest_.insert_or_assign(store::sha256_hex(secret), std::move(known));
}

void KnownFeedSecrets::forget(std::string_view secret) { by_digest_.erase(store::sha256_hex(secret)); }

void KnownFeedSecrets::forget_owner(const ParticipantId& owner) {
  std::erase_if(by_digest_, [&](const auto& known) { return known.second.owner == owner; });
}

std::vector<std::string> KnownFeedSecrets::keys() const {
  std::vector<std::string> out;
  out.reserve(by_digest_.size());
  for (const auto& [digest, known] : by_digest_) out.push_back(digest);
  return out;
}

}  // namespace yhteisaika::service
