#include <yhteisaika/service/calendar_index.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>

#include <algorithm>
#include <atomic>

namespace yhteisaika::service {

namespace {

Error unavailable(const std::string& source, const Error& cause) {
  return Error{Errc::calendar_unavailable, "the calendar of " + source + " cannot be read: " + cause.to_string(),
               source};
}

bool covers(time::Interval outer, time::Interval inner) { return outer.start <= inner.start && inner.end <= outer.end; }

}  // namespace

CalendarIndex::CalendarIndex(std::filesystem::path dir, const time::Zone& zone, const calendar::ZoneCatalog& zones,
                             std::chrono::days horizon)
    : dir_(std::move(dir)), zone_(zone), zones_(zones), horizon_(horizon) {}

CalendarIndex::~CalendarIndex() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  if (refresher_.joinable()) refresher_.join();
}

void CalendarIndex::set_remote(RemoteOptions options) { remote_ = std::move(options); }

time::Interval CalendarIndex::expansion(time::Interval window, time::Instant now) const {
  return {std::min(now, window.start) - std::chrono::days{7}, std::max(now + horizon_, window.end + std::chrono::days{7})};
}

Result<CalendarIndex::Busy> CalendarIndex::busy(const std::string& source, time::Interval window, time::Instant now) {
  return file_busy(source, window, now);
}

Result<CalendarIndex::Busy> CalendarIndex::busy(const ParticipantId& who, const std::string& source,
                                                time::Interval window, time::Instant now) {
  auto spec = sources::parse_source(source);
  if (!spec) return unavailable(who.value, spec.error());
  if (spec->kind == sources::SourceKind::file) return file_busy(spec->file_name, window, now);
  auto entry = remote(who, source);
  std::shared_ptr<const RemoteState> state;
  {
    std::lock_guard lock(mutex_);
    state = entry->state;
  }
  const sources::CopyState copy{state->last_success, state->last_attempt,
                                state->busy && covers(state->horizon, window)};
  if (sources::should_fetch(copy, now, remote_.freshness)) state = fetch(who, *spec, *entry, window, now, false);
  if (state->busy && covers(state->horizon, window)) return state->busy;
  const std::string name = who.value + " (" + spec->url.redacted() + ")";
  if (state->busy) {
    return Error{Errc::calendar_unavailable,
                 "the calendar of " + name + " has not been read over the requested period: " + state->last_error,
                 who.value};
  }
  return Error{Errc::calendar_unavailable,
               "the calendar of " + name + " has never been read" +
                   (state->last_error.empty() ? std::string() : ": " + state->last_error),
               who.value};
}

Result<CalendarIndex::Busy> CalendarIndex::file_busy(const std::string& source, time::Interval window,
                                                     time::Instant now) {
  // Listing and stat-ing the files is the change check: microseconds per file.
  auto found = sources::find_calendars(dir_, {ParticipantId{source}});
  if (!found) return unavailable(source, found.error());
  std::vector<FileStamp> stamps;
  for (const auto& path : found->front().files) {
    std::error_code ec;
    FileStamp stamp{path, std::filesystem::last_write_time(path, ec), 0};
    if (!ec) stamp.size = std::filesystem::file_size(path, ec);
    if (ec) {
      return unavailable(source, Error{sources::Errc::unreadable_file, ec.message(), path.string()});
    }
    stamps.push_back(std::move(stamp));
  }

  std::shared_ptr<const Entry> entry;
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(source); it != entries_.end()) entry = it->second;
  }
  if (entry && entry->stamps == stamps && covers(entry->horizon, window)) return entry->busy;

  // Re-read outside the lock: other calendars stay readable meanwhile. Two
  // requests may read the same calendar at once; the last one stored wins, and
  // both results are equally correct.
  calendar::ExpandOptions options;
  options.horizon = expansion(window, now);
  options.local_zone = &zone_;
  options.zones = &zones_;
  auto read = sources::read_busy(*found, options, 1);
  auto fresh = std::make_shared<Entry>(Entry{std::move(stamps), options.horizon, Busy{}, now});
  if (read) {
    fresh->busy = Busy{std::make_shared<const std::vector<time::Interval>>(std::move(read->front().busy))};
  } else {
    fresh->busy = unavailable(source, read.error());
  }
  {
    std::lock_guard lock(mutex_);
    entries_[source] = fresh;
  }
  return fresh->busy;
}

std::shared_ptr<CalendarIndex::Remote> CalendarIndex::remote(const ParticipantId& who, const std::string& source) {
  std::lock_guard lock(mutex_);
  auto& slot = remotes_[{who, source}];
  if (!slot) slot = std::make_shared<Remote>();
  return slot;
}

std::shared_ptr<const CalendarIndex::RemoteState> CalendarIndex::fetch(const ParticipantId& who,
                                                                       const sources::SourceSpec& spec, Remote& entry,
                                                                       time::Interval window, time::Instant now,
                                                                       bool force) {
  // One fetch per source at a time: a second caller waits, then uses its result.
  std::lock_guard fetching(entry.fetching);
  std::shared_ptr<const RemoteState> held;
  {
    std::lock_guard lock(mutex_);
    held = entry.state;
  }
  if (!force) {
    const sources::CopyState copy{held->last_success, held->last_attempt, held->busy && covers(held->horizon, window)};
    if (!sources::should_fetch(copy, now, remote_.freshness)) return held;
  }
  auto next = std::make_shared<RemoteState>(*held);
  next->last_attempt = now;
  calendar::ExpandOptions options;
  options.horizon = expansion(window, now);
  options.local_zone = &zone_;
  options.zones = &zones_;
  // A 304 only keeps the copy held, so ask conditionally only when that copy covers the request.
  const bool conditional = held->busy && covers(held->horizon, window);
  Result<sources::RemoteRead> read = Error{sources::Errc::fetch_failed, "remote calendars are not configured", {}};
  if (remote_.fetcher) {
    read = sources::read_remote(*remote_.fetcher, spec, conditional ? held->validators : sources::Validators{},
                                remote_.credentials.find(who, spec.url), options);
  }
  if (read) {
    next->last_success = now;
    next->last_error.clear();
    next->validators = read->validators;
    if (!read->not_modified) {
      next->busy = std::make_shared<const std::vector<time::Interval>>(std::move(read->busy));
      next->horizon = options.horizon;
    }
  } else {
    next->last_error = read.error().to_string();
  }
  std::shared_ptr<const RemoteState> published = std::move(next);
  {
    std::lock_guard lock(mutex_);
    entry.state = published;
  }
  return published;
}

SourceStatus CalendarIndex::row(const ParticipantId& who, const sources::SourceSpec& spec,
                                const RemoteState& state) const {
  SourceStatus out;
  out.id = who;
  out.kind = spec.kind;
  out.location = spec.url.redacted();
  out.last_success = state.last_success;
  out.last_attempt = state.last_attempt;
  out.last_error = state.last_error;
  out.etag = state.validators.etag;
  out.unknown = !state.busy;
  out.stale = state.busy && !state.last_error.empty();
  if (out.unknown && out.last_error.empty()) {
    out.last_error = "not fetched yet; it is fetched when a solve needs it (or now: POST /api/v1/sources/" +
                     who.value + "/refresh)";
  }
  return out;
}

SourceStatus CalendarIndex::status(const ParticipantId& who, const std::string& source) {
  auto spec = sources::parse_source(source);
  if (!spec) {
    SourceStatus out;
    out.id = who;
    out.location = "";
    out.last_error = spec.error().to_string();
    out.unknown = true;
    return out;
  }
  if (spec->kind == sources::SourceKind::file) {
    SourceStatus out;
    out.id = who;
    out.location = spec->file_name;
    std::shared_ptr<const Entry> entry;
    {
      std::lock_guard lock(mutex_);
      if (auto it = entries_.find(spec->file_name); it != entries_.end()) entry = it->second;
    }
    if (!entry) {
      // Not read yet (a professional added since the start): say whether it can be.
      out.unknown = true;
      auto found = sources::find_calendars(dir_, {ParticipantId{spec->file_name}});
      out.last_error = found ? "not read yet; it is read when a solve needs it (or now: POST /api/v1/sources/" +
                                   who.value + "/refresh)"
                             : unavailable(spec->file_name, found.error()).to_string();
      return out;
    }
    out.last_attempt = entry->read_at;
    if (entry->busy) {
      out.last_success = entry->read_at;
    } else {
      out.last_error = entry->busy.error().to_string();
      out.unknown = true;
    }
    return out;
  }
  auto entry = remote(who, source);
  std::shared_ptr<const RemoteState> state;
  {
    std::lock_guard lock(mutex_);
    state = entry->state;
  }
  return row(who, *spec, *state);
}

SourceStatus CalendarIndex::refresh(const ParticipantId& who, const std::string& source, time::Instant now) {
  auto spec = sources::parse_source(source);
  if (spec && spec->kind == sources::SourceKind::file) {
    (void)file_busy(spec->file_name, {now, now + std::chrono::days{1}}, now);
  } else if (spec) {
    (void)fetch(who, *spec, *remote(who, source), {now, now + std::chrono::days{1}}, now, true);
  }
  return status(who, source);
}

void CalendarIndex::refresh_all(const std::vector<std::pair<ParticipantId, std::string>>& calendars,
                                time::Interval window, time::Instant now, bool force) {
  std::vector<std::pair<const std::pair<ParticipantId, std::string>*, sources::SourceSpec>> remote_ones;
  for (const auto& c : calendars) {
    auto spec = sources::parse_source(c.second);
    if (spec && spec->kind != sources::SourceKind::file) {
      remote_ones.emplace_back(&c, std::move(*spec));
    } else {
      (void)busy(c.first, c.second, window, now);  // a file, or a bad source remembered as unknown
    }
  }
  if (remote_ones.empty()) return;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < remote_ones.size(); i = next++) {
      const auto& [who_source, spec] = remote_ones[i];
      auto entry = remote(who_source->first, who_source->second);
      // The background round (force) fetches every copy: a conditional GET, so an
      // unchanged one costs a 304. Otherwise only what should_fetch() finds old.
      (void)fetch(who_source->first, spec, *entry, window, now, force);
    }
  };
  const std::size_t threads = std::clamp<std::size_t>(remote_.concurrency, 1, remote_ones.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

void CalendarIndex::preload(const std::vector<std::pair<ParticipantId, std::string>>& calendars,
                            time::Interval window, time::Instant now) {
  refresh_all(calendars, window, now, false);
}

void CalendarIndex::start_refresher(Lister list, Clock clock) {
  if (refresher_.joinable()) return;
  refresher_ = std::thread([this, list = std::move(list), clock = std::move(clock)] {
    for (;;) {
      {
        std::unique_lock lock(stop_mutex_);
        if (stop_signal_.wait_for(lock, remote_.refresh_interval, [this] { return stopping_; })) return;
      }
      auto calendars = list();
      std::erase_if(calendars, [](const auto& c) {
        auto spec = sources::parse_source(c.second);
        return !spec || spec->kind == sources::SourceKind::file;
      });
      // Forget the copies of sources no professional names any more.
      {
        std::lock_guard lock(mutex_);
        std::erase_if(remotes_, [&](const auto& r) {
          return std::find(calendars.begin(), calendars.end(), r.first) == calendars.end();
        });
      }
      const time::Instant now = clock();
      refresh_all(calendars, {now, now + std::chrono::days{1}}, now, true);
    }
  });
}

}  // namespace yhteisaika::service
