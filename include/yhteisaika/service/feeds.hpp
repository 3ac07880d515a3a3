#pragma once
// What professionals subscribe to: their iCalendar feed (the weekly hole and
// their joint meetings), opened by the secret in its URL, rendered once and
// served from a cache until something in it changes.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/known_feed_secrets.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yhteisaika::service {

// A professional's rendered feed, in both representations a client may get.
struct Feed {
  std::string text;
  std::string etag;  // a strong validator of `text`
  // `text` gzip-compressed (RFC 1952), made once per rendering; its strong
  // ETag differs from the text's, as RFC 9110 §8.8.3 asks per content coding.
  std::string gzip;
  std::string gzip_etag;
  // When this text was first rendered (whole seconds; Last-Modified): the
  // same as before while a new rendering gives the same text, and later than
  // every earlier text's when it differs, even within the same second, so that
  // If-Modified-Since never hides a change. Starts afresh when the service
  // does (clients then read the feed once more).
  time::Instant last_modified{};
};

class Feeds {
 public:
  // `reader` is the feeds' own connection (so that a feed never waits for a
  // pooled one or a write). `config` and `zone` must outlive this.
  Feeds(const config::Config& config, const time::Zone& zone, Clock clock, std::unique_ptr<store::Store> reader);

  // The feed that `secret` opens (Errc::not_found otherwise), from the cache.
  // Holes released unused (config hole_release, report/hole_release.hpp) are
  // left out (EXDATE); a cached feed is rendered again once a later release
  // deadline has passed, as well as on a new day.
  // Never waits for a pooled connection or a write, so it may run on the
  // network threads. A secret known to open a feed is looked up again only
  // after the database changed (also by another process, e.g. the command line
  // rotating it), so a rotated secret stops working at once.
  Result<std::shared_ptr<const Feed>> feed(const std::string& secret);

  // What the other capabilities tell the cache after they write:
  // these attendees' feeds change (a booking, a move, a cancel, a new name)...
  void forget(const std::vector<store::Attendee>& attendees);
  // ...and `owner`'s feed secret was rotated: the old one stops at once.
  void forget_secrets_of(const ParticipantId& owner);
  // A room's feed (rooms.hpp: the meetings that take it, kept under
  // room_key(id)) changes: a booking in it, a move, a cancel, a new name.
  void forget_room(const RoomId& room);

 private:
  struct CachedFeed {
    std::shared_ptr<const Feed> feed;
    std::chrono::year_month_day rendered_on;  // feeds depend on the date (hole series, 30 days of cancels)
    std::optional<time::Instant> released_through;  // the last release deadline passed when rendered
  };

  Result<std::shared_ptr<const Feed>> render(const ParticipantId& id, time::Instant now);
  // The text of `id`'s feed at `now`, and its span and name from the store.
  Result<std::string> render_text(const ParticipantId& id, time::Instant now);
  // Whose feed `secret` opens: a professional's id, or a room's room_key().
  Result<std::optional<ParticipantId>> owner_of(const std::string& secret);
  // When a rendering with this ETag was first made (Feed::last_modified).
  time::Instant first_rendered(const ParticipantId& id, const std::string& etag, time::Instant now);
  // Whether a cached feed still holds at `t` (same day, no release deadline passed since).
  bool still_fresh(const CachedFeed& cached, time::Instant t) const;
  std::optional<time::Instant> release_through(time::Instant t) const;

  const config::Config& config_;
  const time::Zone& zone_;
  Clock clock_;
  std::mutex feeds_mutex_;  // guards feeds_ and secrets_
  std::map<ParticipantId, CachedFeed> feeds_;
  KnownFeedSecrets secrets_;  // by SHA-256, never the secret itself
  // Feed lookups and renders have their own connection (see feed()).
  std::mutex reader_mutex_;
  std::unique_ptr<store::Store> reader_;
  // The last text rendered for each professional, by ETag, and since when
  // (Feed::last_modified); kept when the cached feed is forgotten. Guarded by
  // reader_mutex_, which every rendering holds.
  std::map<ParticipantId, std::pair<std::string, time::Instant>> versions_;
};

}  // namespace yhteisaika::service
