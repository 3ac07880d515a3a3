#include <yhteisaika/service/directory.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/sources/source_spec.hpp>

#include "field_checks.hpp"

namespace yhteisaika::service {

namespace {

// A file name, or an ICS/CalDAV URL without credentials (sources/source_spec.hpp).
Result<void> check_calendar_source(const std::string& source) {
  if (auto spec = sources::parse_source(source); !spec) {
    return Error{Errc::invalid_value, spec.error().message, Location::at_field("calendar_source")};
  }
  return {};
}

Result<void> check_professional_and_source(const store::Professional& p) {
  if (auto ok = check_professional(p); !ok) return ok.error();
  return check_calendar_source(p.calendar_source);
}

}  // namespace

Directory::Directory(StorePool& pool, Feeds& feeds, Clock clock)
    : pool_(pool), feeds_(feeds), clock_(std::move(clock)) {}

Result<store::ApiToken> Directory::authenticate(const std::string& secret) {
  auto token = pool_.lease()->verify_token(secret);
  if (!token) return token.error();
  if (!*token) return Error{Errc::unauthorized, "a valid bearer token is needed (yhteisaika token create)", {}};
  return **token;
}

Result<std::vector<store::Professional>> Directory::professionals() { return pool_.lease()->professionals(); }

Result<store::Professional> Directory::professional(const ParticipantId& id) {
  return pool_.lease()->professional(id);
}

Result<std::string> Directory::create_professional(const store::Professional& p, const Actor& actor) {
  if (auto ok = check_professional_and_source(p); !ok) return ok.error();
  auto store = pool_.lease();
  const store::Change change{actor.audit_name(), clock_()};
  if (auto created = store->create_professional(p, change); !created) return created.error();
  return store->rotate_feed_secret(p.id, change);
}

Result<store::Professional> Directory::update_professional(const store::Professional& p, const Actor& actor) {
  if (auto ok = check_professional_and_source(p); !ok) return ok.error();
  if (auto updated = pool_.lease()->update_professional(p, {actor.audit_name(), clock_()}); !updated) {
    return updated.error();
  }
  feeds_.forget({{p.id, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt}});
  return p;
}

Result<std::string> Directory::rotate_feed_secret(const ParticipantId& id, const Actor& actor) {
  auto secret = pool_.lease()->rotate_feed_secret(id, {actor.audit_name(), clock_()});
  if (secret) feeds_.forget_secrets_of(id);
  return secret;
}

Result<std::vector<store::AuditEntry>> Directory::audit(time::Interval window) {
  return pool_.lease()->audit_log(window);
}

}  // namespace yhteisaika::service
