#pragma once
// Who is who (admins): the team's professionals, their feed secrets, the
// tokens behind requests and the audit log of every change.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/feeds.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/store/store.hpp>

#include <string>
#include <vector>

namespace yhteisaika::service {

class Directory {
 public:
  // `pool` and `feeds` (told when a feed changes) must outlive this.
  Directory(StorePool& pool, Feeds& feeds, Clock clock);

  // The token behind a bearer secret (Errc::unauthorized if none).
  Result<store::ApiToken> authenticate(const std::string& secret);

  Result<std::vector<store::Professional>> professionals();
  Result<store::Professional> professional(const ParticipantId& id);
  // Creates one and returns its feed secret (shown once; only its hash is kept).
  // Errors name the field: invalid text (field_checks), a calendar_source that
  // is no file name and no ICS/CalDAV URL without credentials.
  Result<std::string> create_professional(const store::Professional& p, const Actor& actor);
  // Checked as create_professional; their feed shows the change at once.
  Result<store::Professional> update_professional(const store::Professional& p, const Actor& actor);
  // A new feed secret, returned once; the old one stops working at once.
  Result<std::string> rotate_feed_secret(const ParticipantId& id, const Actor& actor);

  // Every change in [window.start, window.end), oldest first.
  Result<std::vector<store::AuditEntry>> audit(time::Interval window);

 private:
  StorePool& pool_;
  Feeds& feeds_;
  Clock clock_;
};

}  // namespace yhteisaika::service
