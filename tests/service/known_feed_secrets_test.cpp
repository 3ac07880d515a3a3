// The cache of feed secrets: kept and found by SHA-256, never by the secret.
#include <yhteisaika/service/known_feed_secrets.hpp>

#include <yhteisaika/store/sha256.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace yhteisaika;
using service::KnownFeedSecrets;

TEST_CASE("cached feed secrets are kept and found by their SHA-256, never the secret itself", "[service][issue-10]") {
  // The feed cache was a std::map keyed by the raw secret: it held every feed
  // URL's secret in memory, and its lookup compared the presented secret with
  // the held ones byte by byte, stopping at the first difference.
  const std::string secret = "3f9c0a6d2b71e4f58c09d3a1b6e27f4c5d8e9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
  const ParticipantId doctor{"laakari-korhonen"};
  KnownFeedSecrets known;
  known.remember(secret, {doctor, 7});

  auto found = known.find(secret);
  REQUIRE(found.has_value());
  CHECK(found->owner == doctor);
  CHECK(found->data_version == 7);

  // Only the digest is held.
  CHECK(known.keys() == std::vector<std::string>{store::sha256_hex(secret)});
  for (const auto& key : known.keys()) {
    CHECK(key.find(secret) == std::string::npos);
    CHECK(key.find(secret.substr(0, 16)) == std::string::npos);
  }

  // Near misses are misses: a secret one character off, a prefix, the digest itself.
  std::string off = secret;
  off.back() = off.back() == 'b' ? 'c' : 'b';
  CHECK_FALSE(known.find(off).has_value());
  CHECK_FALSE(known.find(secret.substr(0, 63)).has_value());
  CHECK_FALSE(known.find(store::sha256_hex(secret)).has_value());
  CHECK_FALSE(known.find("").has_value());

  // A rotation forgets every secret of the owner at once.
  known.remember("another-secret-of-the-doctor", {doctor, 8});
  known.remember("the-psychologists-secret", {ParticipantId{"psykologi-makela"}, 8});
  known.forget_owner(doctor);
  CHECK_FALSE(known.find(secret).has_value());
  CHECK_FALSE(known.find("another-secret-of-the-doctor").has_value());
  CHECK(known.find("the-psychologists-secret").has_value());
  known.forget("the-psychologists-secret");
  CHECK(known.keys().empty());
}

TEST_CASE("digests are compared in full, whatever their first difference", "[service][issue-10]") {
  CHECK(service::constant_time_equal("abcdef", "abcdef"));
  CHECK_FALSE(service::constant_time_equal("abcdef", "xbcdef"));
  CHECK_FALSE(service::constant_time_equal("abcdef", "abcdex"));
  CHECK_FALSE(service::constant_time_equal("abcdef", "abcde"));
  CHECK(service::constant_time_equal("", ""));
}
