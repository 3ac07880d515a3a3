#include <yhteisaika/service/feeds.hpp>

#include <yhteisaika/calendar/feed.hpp>
#include <yhteisaika/report/hole_release.hpp>
#include <yhteisaika/service/errc.hpp>

#include <yhteisaika/service/rooms.hpp>
#include <yhteisaika/store/errc.hpp>

#include "gzip.hpp"
#include "meeting_event.hpp"

#include <algorithm>
#include <cstdio>

namespace yhteisaika::service {

namespace {

using namespace std::chrono_literals;
using time::Instant;
using time::Interval;

// A strong validator for a feed body: 64-bit FNV-1a and the length.
std::string etag_of(const std::string& text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  char out[48];
  std::snprintf(out, sizeof out, "\"%016llx-%zx\"", static_cast<unsigned long long>(hash), text.size());
  return out;
}

}  // namespace

Feeds::Feeds(const config::Config& config, const time::Zone& zone, Clock clock, std::unique_ptr<store::Store> reader)
    : config_(config), zone_(zone), clock_(std::move(clock)), reader_(std::move(reader)) {}

Result<std::shared_ptr<const Feed>> Feeds::feed(const std::string& secret) {
  const Instant t = clock_();
  std::lock_guard reader_lock(reader_mutex_);
  auto version = reader_->others_changed();
  if (!version) return version.error();
  {
    // The common case: a known secret, nothing changed since, a feed rendered today.
    std::lock_guard lock(feeds_mutex_);
    auto known = secrets_.find(secret);
    if (known && known->data_version == *version) {
      if (auto it = feeds_.find(known->owner); it != feeds_.end() && still_fresh(it->second, t)) {
        return it->second.feed;
      }
    }
  }
  auto owner = owner_of(secret);
  if (!owner) return owner.error();
  {
    std::lock_guard lock(feeds_mutex_);
    if (!*owner) {
      secrets_.forget(secret);
      return Error{Errc::not_found, "no such feed", {}};
    }
    secrets_.remember(secret, {**owner, *version});
    if (auto it = feeds_.find(**owner); it != feeds_.end() && still_fresh(it->second, t)) {
      return it->second.feed;
    }
  }
  return render(**owner, t);
}

Result<std::optional<ParticipantId>> Feeds::owner_of(const std::string& secret) {
  auto owner = reader_->feed_owner(secret);
  if (!owner || *owner) return owner;
  auto room = reader_->room_feed_owner(secret);
  if (!room) return room.error();
  if (!*room) return std::optional<ParticipantId>{};
  return std::optional<ParticipantId>{room_key(**room)};
}

Result<std::shared_ptr<const Feed>> Feeds::render(const ParticipantId& id, Instant t) {
  auto text = render_text(id, t);
  if (!text) return text.error();
  auto rendered = std::make_shared<Feed>();
  rendered->text = std::move(*text);
  rendered->etag = etag_of(rendered->text);
  rendered->gzip = gzip(rendered->text);
  rendered->gzip_etag = rendered->etag.substr(0, rendered->etag.size() - 1) + "-gzip\"";
  rendered->last_modified = first_rendered(id, rendered->etag, t);
  std::shared_ptr<const Feed> out = rendered;
  std::lock_guard lock(feeds_mutex_);
  feeds_[id] = {out, time::local_date(t, zone_), release_through(t)};
  return out;
}

Result<std::string> Feeds::render_text(const ParticipantId& id, Instant t) {
  auto people = reader_->professionals();
  if (!people) return people.error();
  auto by = by_id(std::move(*people));
  const auto room_id = room_of_key(id);
  std::optional<store::Room> room;
  if (room_id) {
    auto found = reader_->room(*room_id);
    if (!found) return found.error().code == store::Errc::not_found ? Error{Errc::not_found, "no such feed", {}}
                                                                    : found.error();
    room = std::move(*found);
  }
  auto who = by.find(id);
  if (!room && who == by.end()) return Error{Errc::not_found, "no such feed", {}};
  const auto today = std::chrono::sys_days{time::local_date(t, zone_)};
  // From four weeks back (recent history; longer when cancelled meetings stay
  // visible longer) to a bit more than a year ahead; the feed is re-rendered
  // daily, so the span rolls on.
  const std::chrono::days history{std::max(28, config_.cancelled_visible_days + 1)};
  const Interval span{zone_.to_instant(std::chrono::local_days{(today - history).time_since_epoch()}),
                      zone_.to_instant(std::chrono::local_days{(today + std::chrono::days{400}).time_since_epoch()})};
  auto meetings = room ? reader_->meetings_in(span) : reader_->meetings_in(span, id);
  if (!meetings) return meetings.error();
  // A room's feed: the meetings that take it.
  if (room) std::erase_if(*meetings, [&](const store::Meeting& m) { return m.room != room->id; });

  calendar::Feed feed;
  feed.calendar_name = "Yhteisaika – " + (room ? room->name : who->second.name);
  feed.owner_key = room ? "room-" + room->id.value : id.value;
  feed.span = span;
  feed.refresh_interval = config_.feed_refresh;
  feed.hole_organizer = {config_.mail_from_name, config_.organizer_email};
  const Instant cancelled_cutoff = t - std::chrono::days{config_.cancelled_visible_days};
  std::vector<Interval> scheduled;
  for (const auto& m : *meetings) {
    // A hold takes the hole as a booking does; an expired one is shown as a cancelled one is.
    if (store::blocks(m.status)) scheduled.push_back(m.when);
    if (called_off(m) && m.when.start < cancelled_cutoff) continue;
    feed.meetings.push_back(event_of(m, by, config_));
  }
  // A room keeps no hole: every hole of the span is left out.
  feed.released_holes = room ? std::vector<Interval>{span}
                             : report::released_holes(span, scheduled, t, config_.hole_release, config_.rules, zone_);
  // DTSTAMP is the day's local midnight, so one day's renderings (also after a
  // restart) are byte-identical and keep their ETag.
  const Instant stamp = zone_.to_instant(std::chrono::local_days{today.time_since_epoch()});
  return calendar::render_feed(feed, config_.rules, zone_, config_.zone, stamp);
}

Instant Feeds::first_rendered(const ParticipantId& id, const std::string& etag, Instant t) {
  const Instant second = std::chrono::floor<std::chrono::seconds>(t);
  auto [version, first] = versions_.try_emplace(id, etag, second);
  if (!first && version->second.first != etag) {
    // A new text: later than the last one's, also when it came in the same second.
    version->second = {etag, std::max(second, version->second.second + 1s)};
  }
  return version->second.second;
}

std::optional<Instant> Feeds::release_through(Instant t) const {
  if (!config_.hole_release) return std::nullopt;
  return report::last_release_at_or_before(t, *config_.hole_release, zone_);
}

bool Feeds::still_fresh(const CachedFeed& cached, Instant t) const {
  return cached.rendered_on == time::local_date(t, zone_) && cached.released_through == release_through(t);
}

void Feeds::forget(const std::vector<store::Attendee>& attendees) {
  std::lock_guard lock(feeds_mutex_);
  for (const auto& a : attendees) feeds_.erase(a.id);
}

void Feeds::forget_room(const RoomId& room) {
  std::lock_guard lock(feeds_mutex_);
  feeds_.erase(room_key(room));
}

void Feeds::forget_secrets_of(const ParticipantId& owner) {
  std::lock_guard lock(feeds_mutex_);
  secrets_.forget_owner(owner);
}

}  // namespace yhteisaika::service
