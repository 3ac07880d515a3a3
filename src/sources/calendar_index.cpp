#include <yhteisaika/sources/calendar_index.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>

namespace yhteisaika::sources {

namespace {

namespace fs = std::filesystem;

// `place` as the calendars folder `dir` names it ("laakari.ics",
// "laakari/work.ics"), nothing for the folder itself, and only its file name
// elsewhere: the server's own paths are for the log, not for clients.
std::string in_folder(const std::string& place, fs::path dir) {
  if (place.empty()) return place;
  dir = dir.lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  const fs::path relative = fs::path(place).lexically_normal().lexically_relative(dir);
  if (relative.empty() || *relative.begin() == "..") return fs::path(place).filename().string();
  return relative == "." ? "" : relative.generic_string();
}

// Errc::calendar_unavailable about `source`, because of `cause` (read from the
// calendars folder `dir`). The message, a client's "detail", names the file as
// the folder does ("laakari.ics:12"); the cause as it was, paths and all, is
// the internal text, for the log.
Error unavailable(const std::string& source, Error cause, const fs::path& dir) {
  std::string internal = cause.to_string() + (cause.internal.empty() ? "" : " (" + cause.internal + ")");
  cause.where.place = in_folder(cause.where.place, dir);
  return Error{Errc::calendar_unavailable, "the calendar of " + source + " cannot be read: " + cause.to_string(), {},
               std::move(internal), {source}};
}

bool covers(time::Interval outer, time::Interval inner) { return outer.start <= inner.start && inner.end <= outer.end; }

}  // namespace

// The fetch pool: at most RemoteOptions::concurrency fetches run at once; the
// rest wait in its queue.
class CalendarIndex::FetchThreads {
 public:
  explicit FetchThreads(unsigned threads) : pool_(std::max(1u, threads)) {}
  // Stops taking queued fetches and waits for the running ones (each bounded
  // by the fetcher's timeouts). A queued fetch that never ran breaks its
  // promise, which wakes whoever waits for it.
  ~FetchThreads() {
    pool_.stop();
    pool_.join();
  }
  template <class Job>
  void post(Job job) {
    boost::asio::post(pool_, std::move(job));
  }

 private:
  boost::asio::thread_pool pool_;
};

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
  fetch_threads_.reset();  // before the members the fetches use
}

void CalendarIndex::set_remote(RemoteOptions options) {
  remote_ = std::move(options);
  if (remote_.fetcher) fetch_threads_ = std::make_unique<FetchThreads>(remote_.concurrency);
}

time::Interval CalendarIndex::expansion(time::Interval window, time::Instant now) const {
  // A week either side (events that started before the window, long events):
  // every window inside [now, now + horizon] expands over the same span.
  return {std::min(now, window.start) - std::chrono::days{7}, std::max(now + horizon_, window.end) + std::chrono::days{7}};
}

bool CalendarIndex::within_horizon(time::Interval window, time::Instant now) const {
  // A window a little in the past (a request's "now" read a moment earlier) still counts.
  return covers({now - std::chrono::days{7}, now + horizon_}, window);
}

Result<CalendarIndex::Busy> CalendarIndex::busy(const ParticipantId& who, const std::string& source,
                                                time::Interval window, time::Instant now) {
  return std::move(busy(Calendars{{who, source}}, window, now).front());
}

std::vector<Result<CalendarIndex::Busy>> CalendarIndex::busy(const Calendars& calendars, time::Interval window,
                                                             time::Instant now) {
  std::vector<Result<Busy>> out(calendars.size(), Busy{});
  std::vector<Waiting> waiting;
  // Start every fetch first, so that they run side by side; read files meanwhile.
  for (std::size_t i = 0; i < calendars.size(); ++i) {
    const auto& [who, source] = calendars[i];
    auto spec = parse_source(source);
    if (!spec) {
      out[i] = unavailable(who.value, spec.error(), dir_);
    } else if (spec->kind == SourceKind::file) {
      out[i] = file_busy(spec->file_name, window, now);
    } else {
      auto entry = remote(who, source);
      auto fetch = start_fetch(who, *spec, entry, window, now, false);
      waiting.push_back({i, std::move(*spec), std::move(entry), std::move(fetch), !within_horizon(window, now)});
    }
  }
  if (waiting.empty()) return out;
  const auto states = await(waiting, std::chrono::steady_clock::now() + remote_.wait);
  for (std::size_t w = 0; w < waiting.size(); ++w) {
    out[waiting[w].index] = answer(calendars[waiting[w].index].first, waiting[w].spec, *states[w], window);
  }
  return out;
}

Result<CalendarIndex::Busy> CalendarIndex::answer(const ParticipantId& who, const SourceSpec& spec,
                                                  const RemoteState& state, time::Interval window) const {
  if (state.busy && covers(state.horizon, window)) return state.busy;
  const std::string name = who.value + " (" + spec.url.redacted() + ")";
  if (state.busy) {
    return Error{Errc::calendar_unavailable,
                 "the calendar of " + name + " has not been read over the requested period: " + state.last_error,
                 {}, state.last_internal, {who.value}};
  }
  return Error{Errc::calendar_unavailable,
               "the calendar of " + name + " has never been read" +
                   (state.last_error.empty() ? std::string() : ": " + state.last_error),
               {}, state.last_internal, {who.value}};
}

std::vector<CalendarIndex::StatePtr> CalendarIndex::await(
    const std::vector<Waiting>& waiting, std::optional<std::chrono::steady_clock::time_point> deadline) {
  std::vector<StatePtr> out;
  out.reserve(waiting.size());
  for (const Waiting& w : waiting) {
    StatePtr outcome;
    if (w.fetch && (!deadline || w.fetch->outcome.wait_until(*deadline) == std::future_status::ready)) {
      try {
        outcome = w.fetch->outcome.get();
      } catch (const std::future_error&) {
        // Broken: the index is stopping and the fetch never ran. Answer from what is held.
      }
    }
    std::lock_guard lock(mutex_);
    if (outcome && (outcome == w.remote->state || w.wide)) {
      // The fetch's own result; an unpublished failure (over a wider span than
      // usual) answers only a request that itself reaches that far.
      out.push_back(std::move(outcome));
      continue;
    }
    if (!outcome && w.fetch && w.remote->fetching == w.fetch) {
      // Still fetching at the deadline: the copy held answers, and says why it may be old.
      auto marked = std::make_shared<RemoteState>(*w.remote->state);
      marked->last_error = "no answer within " + std::to_string(remote_.wait.count()) +
                           " ms; the fetch goes on in the background";
      w.remote->state = std::move(marked);
    }
    out.push_back(w.remote->state);
  }
  return out;
}

Result<CalendarIndex::Busy> CalendarIndex::file_busy(const std::string& source, time::Interval window,
                                                     time::Instant now, bool force) {
  // Listing and stat-ing the files is the change check: microseconds per file.
  auto found = find_calendars(dir_, {ParticipantId{source}});
  if (!found) return unavailable(source, found.error(), dir_);
  std::vector<FileStamp> stamps;
  for (const auto& path : found->front().files) {
    std::error_code ec;
    FileStamp stamp{path, std::filesystem::last_write_time(path, ec), 0};
    if (!ec) stamp.size = std::filesystem::file_size(path, ec);
    if (ec) {
      return unavailable(source, Error{Errc::unreadable_file, ec.message(), Location::in(path.string())}, dir_);
    }
    stamps.push_back(std::move(stamp));
  }

  std::shared_ptr<const Entry> entry;
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(source); it != entries_.end()) entry = it->second;
  }
  if (!force && entry && entry->stamps == stamps && covers(entry->horizon, window)) return entry->busy;

  // Re-read outside the lock: other calendars stay readable meanwhile. Two
  // requests may read the same calendar at once; the last one stored wins, and
  // both results are equally correct.
  calendar::ExpandOptions options;
  options.horizon = expansion(window, now);
  options.local_zone = &zone_;
  options.zones = &zones_;
  auto read = read_busy(*found, options, 1);
  auto fresh = std::make_shared<Entry>(Entry{std::move(stamps), options.horizon, Busy{}, now});
  if (read) {
    fresh->busy = Busy{std::make_shared<const std::vector<time::Interval>>(std::move(read->front().busy))};
  } else {
    fresh->busy = unavailable(source, read.error(), dir_);
    // A read over a span wider than the usual one may fail where the usual one
    // would not (the occurrence cap): that failure is this request's alone.
    if (!within_horizon(window, now)) return fresh->busy;
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

std::shared_ptr<CalendarIndex::Fetch> CalendarIndex::start_fetch(const ParticipantId& who,
                                                                 const SourceSpec& spec,
                                                                 const std::shared_ptr<Remote>& entry,
                                                                 time::Interval window, time::Instant now,
                                                                 bool force) {
  auto fetch = std::make_shared<Fetch>();
  {
    std::lock_guard lock(mutex_);
    const RemoteState& held = *entry->state;
    const CopyState copy{held.last_success, held.last_attempt, held.busy && covers(held.horizon, window)};
    // A copy good enough answers at once, even while the background refresh fetches it.
    if (!force && !should_fetch(copy, now, remote_.freshness)) return nullptr;
    if (entry->fetching) return entry->fetching;  // one fetch per source: wait for the one under way
    entry->fetching = fetch;
  }
  auto job = [this, who, spec, entry, window, now, fetch] {
    StatePtr outcome;
    try {
      outcome = run_fetch(who, spec, *entry, window, now);
    } catch (const std::exception& e) {
      // A bug, not an expected failure; the source must not stay "being fetched" for ever.
      auto failed = std::make_shared<RemoteState>();
      failed->last_error = "internal error";
      failed->last_internal = e.what();  // for the log, with the request that meets it
      outcome = failed;
    }
    {
      std::lock_guard lock(mutex_);
      if (entry->fetching == fetch) entry->fetching = nullptr;
    }
    fetch->done.set_value(std::move(outcome));
  };
  if (fetch_threads_) {
    fetch_threads_->post(std::move(job));
  } else {
    job();  // no fetcher: it answers "not configured" at once
  }
  return fetch;
}

CalendarIndex::StatePtr CalendarIndex::run_fetch(const ParticipantId& who, const SourceSpec& spec,
                                                 Remote& entry, time::Interval window, time::Instant now) {
  StatePtr held;
  {
    std::lock_guard lock(mutex_);
    held = entry.state;
  }
  auto next = std::make_shared<RemoteState>(*held);
  next->last_attempt = now;
  calendar::ExpandOptions options;
  options.horizon = expansion(window, now);
  options.local_zone = &zone_;
  options.zones = &zones_;
  // A 304 only keeps the copy held, so ask conditionally only when that copy covers the request.
  const bool conditional = held->busy && covers(held->horizon, window);
  Result<RemoteRead> read = Error{Errc::fetch_failed, "remote calendars are not configured", {}};
  if (remote_.fetcher) {
    try {
      read = read_remote(*remote_.fetcher, spec, conditional ? held->validators : Validators{},
                         remote_.credentials.find(who, spec.url), options);
    } catch (const std::exception& e) {
      // A bug in the fetcher: a failed read like any other, its text for the log only.
      read = Error{Errc::fetch_failed, "internal error", {}, e.what()};
    }
  }
  if (read) {
    next->last_success = now;
    next->last_error.clear();
    next->last_internal.clear();
    next->validators = read->validators;
    if (!read->not_modified) {
      next->busy = std::make_shared<const std::vector<time::Interval>>(std::move(read->busy));
      next->horizon = options.horizon;
    }
  } else {
    next->last_error = read.error().to_string();
    next->last_internal = read.error().internal;
  }
  StatePtr outcome = std::move(next);
  // As with files: a failure over a span wider than the usual one answers the
  // request that asked for it, and leaves the source's state as it was.
  if (read || within_horizon(window, now)) {
    std::lock_guard lock(mutex_);
    entry.state = outcome;
  }
  return outcome;
}

SourceStatus CalendarIndex::row(const ParticipantId& who, const SourceSpec& spec,
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
  auto spec = parse_source(source);
  if (!spec) {
    SourceStatus out;
    out.id = who;
    out.location = "";
    out.last_error = spec.error().to_string();
    out.unknown = true;
    return out;
  }
  if (spec->kind == SourceKind::file) {
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
      auto found = find_calendars(dir_, {ParticipantId{spec->file_name}});
      out.last_error = found ? "not read yet; it is read when a solve needs it (or now: POST /api/v1/sources/" +
                                   who.value + "/refresh)"
                             : unavailable(spec->file_name, found.error(), dir_).to_string();
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
  auto spec = parse_source(source);
  const time::Interval today{now, now + std::chrono::days{1}};
  if (spec && spec->kind == SourceKind::file) {
    (void)file_busy(spec->file_name, today, now, true);
  } else if (spec) {
    auto entry = remote(who, source);
    auto fetch = start_fetch(who, *spec, entry, today, now, true);
    (void)await({{0, *spec, entry, fetch, false}}, std::chrono::steady_clock::now() + remote_.wait);
  }
  return status(who, source);
}

void CalendarIndex::refresh_all(const Calendars& calendars, time::Interval window, time::Instant now, bool force) {
  std::vector<Waiting> waiting;
  for (std::size_t i = 0; i < calendars.size(); ++i) {
    const auto& [who, source] = calendars[i];
    auto spec = parse_source(source);
    if (!spec || spec->kind == SourceKind::file) {
      (void)busy(who, source, window, now);  // a file, or a bad source remembered as unknown
      continue;
    }
    // The background round (force) fetches every copy: a conditional GET, so an
    // unchanged one costs a 304. Otherwise only what should_fetch() finds old.
    auto entry = remote(who, source);
    auto fetch = start_fetch(who, *spec, entry, window, now, force);
    waiting.push_back({i, std::move(*spec), std::move(entry), std::move(fetch), false});
  }
  (void)await(waiting, std::nullopt);  // each fetch is bounded by the fetcher's own timeouts
}

void CalendarIndex::preload(const Calendars& calendars, time::Interval window, time::Instant now) {
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
      refresh_round(list(), clock());
    }
  });
}

void CalendarIndex::refresh_round(Calendars calendars, time::Instant now) {
  std::erase_if(calendars, [](const auto& c) {
    auto spec = parse_source(c.second);
    return !spec || spec->kind == SourceKind::file;
  });
  // Forget the copies of sources no professional names any more.
  {
    std::lock_guard lock(mutex_);
    std::erase_if(remotes_, [&](const auto& r) {
      return std::find(calendars.begin(), calendars.end(), r.first) == calendars.end();
    });
  }
  refresh_all(calendars, {now, now + std::chrono::days{1}}, now, true);
}

}  // namespace yhteisaika::sources
