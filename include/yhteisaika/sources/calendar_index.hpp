#pragma once
// The busy index: each professional's calendar expanded once into sorted, merged
// busy intervals and kept in memory.
//
// Calendars are expanded from a week before "now" to a week past `horizon`
// after it; every request window inside [now, now + horizon] is answered from
// that one expansion. A window reaching further is read over a span of its own:
// its result is kept when it succeeds, but its failure (e.g. the occurrence cap
// over a far-future span) is answered to that request only and never kept, so
// one request cannot make a calendar unreadable for others.
//
// File sources (sources/calendar_dir.hpp) are re-read only when one of their
// files changes (modification time or size, or a file added to its folder),
// when a request reaches past the span they were expanded over, or on
// refresh().
//
// Remote sources (ICS URLs, CalDAV collections; sources/source_spec.hpp) are
// fetched when first needed, by a background refresh every `refresh_interval`,
// and before answering when the copy held is older than `max_age`. Fetches run
// on the index's own threads (at most `concurrency` at once), never more than
// one per source: a request that needs a source already being fetched waits for
// that fetch. A request waits for all the fetches it needs together, until one
// deadline (RemoteOptions::wait); a fetch still running then goes on, and its
// calendar is answered from the last good copy, marked stale, or, never read,
// as Errc::calendar_unavailable. A failed fetch keeps the last good copy,
// marked stale (with the time and the error) and still used; a calendar never
// read successfully is unknown and answers Errc::calendar_unavailable naming
// the professional. An unreadable calendar is never free time.
//
// Thread safety: every member may be called concurrently. Readers get an
// immutable snapshot; a read replaces a professional's snapshot whole, so a
// solve never sees half a calendar. No lock is held while a calendar is read or
// fetched, so a slow source delays only the requests that name it.

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/sources/credentials.hpp>
#include <yhteisaika/sources/http_fetch.hpp>
#include <yhteisaika/sources/remote_calendar.hpp>
#include <yhteisaika/sources/source_spec.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace yhteisaika::sources {

// Where remote calendars come from and how fresh they are kept.
struct RemoteOptions {
  std::shared_ptr<const CalendarFetcher> fetcher;  // null: remote sources are unavailable
  Credentials credentials;
  FreshnessRule freshness;
  // The background refresh (start_refresher) runs this long after the last one
  // began waiting (config key refresh, in minutes; tests use milliseconds).
  std::chrono::milliseconds refresh_interval{5 * 60 * 1000};
  unsigned concurrency = 8;  // fetches at once (the index's fetch threads)
  // How long one request waits, in all, for the fetches its calendars need (one
  // deadline for all of them, not one per calendar). The service sets it to
  // connect_timeout + read_timeout, the longest one fetch may take.
  std::chrono::milliseconds wait{40'000};
};

// One row of GET /api/v1/sources.
struct SourceStatus {
  ParticipantId id;
  SourceKind kind = SourceKind::file;
  std::string location;  // the file name, or the URL without its path (redacted)
  std::optional<time::Instant> last_success;
  std::optional<time::Instant> last_attempt;
  std::string last_error;  // of the last attempt, or why it is unknown; empty when the last read succeeded
  std::string etag;
  bool stale = false;    // the last attempt failed; the copy of last_success is used
  bool unknown = false;  // never read successfully: solves needing it fail
};

class CalendarIndex {
 public:
  using Busy = std::shared_ptr<const std::vector<time::Interval>>;
  using Clock = std::function<time::Instant()>;
  // (professional, calendar_source) pairs.
  using Calendars = std::vector<std::pair<ParticipantId, std::string>>;
  // Every professional's calendar, for the background refresh.
  using Lister = std::function<Calendars()>;

  // `zone` and `zones` must outlive the index. Calendars are expanded from a week
  // before "now" to `horizon` after it.
  CalendarIndex(std::filesystem::path dir, const time::Zone& zone, const calendar::ZoneCatalog& zones,
                std::chrono::days horizon);
  ~CalendarIndex();  // stops the background refresh
  CalendarIndex(const CalendarIndex&) = delete;
  CalendarIndex& operator=(const CalendarIndex&) = delete;

  // REQUIRES: called before any remote source is read, at most once.
  void set_remote(RemoteOptions options);

  // The busy time of each of `calendars` (in their order), covering at least
  // `window`. The remote ones that need a fetch are fetched concurrently, and
  // waited for until one deadline (RemoteOptions::wait from the call).
  // Errc::calendar_unavailable names the professional (or the file and line)
  // when there is no good copy. A stale copy is returned (see status()).
  std::vector<Result<Busy>> busy(const Calendars& calendars, time::Interval window, time::Instant now);
  // The same for one calendar.
  Result<Busy> busy(const ParticipantId& who, const std::string& source, time::Interval window, time::Instant now);

  // Reads every listed calendar over `window`, remote ones `concurrency` at a
  // time, and waits for them all.
  void preload(const Calendars& calendars, time::Interval window, time::Instant now);
  // Reads `who`'s calendar now, a file as well as a remote one (waiting for the
  // fetch until the deadline of RemoteOptions::wait), and returns its row. A
  // file's remembered failure is forgotten: it is read again.
  SourceStatus refresh(const ParticipantId& who, const std::string& source, time::Instant now);
  SourceStatus status(const ParticipantId& who, const std::string& source);

  // Starts the background refresh of remote sources: every refresh_interval
  // (waited on the steady clock; the destructor stops it without waiting for
  // the interval), every remote calendar `list` names is fetched again (a
  // conditional GET) as of `clock`'s now, and the copies of sources it no
  // longer names are forgotten. REQUIRES: set_remote() was called before.
  void start_refresher(Lister list, Clock clock);

 private:
  struct FileStamp {
    std::filesystem::path path;
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
  };
  struct Entry {
    std::vector<FileStamp> stamps;
    time::Interval horizon;
    Result<Busy> busy;
    time::Instant read_at;
  };
  // One immutable snapshot of a remote calendar.
  struct RemoteState {
    Busy busy;  // the last good copy; null = never read
    time::Interval horizon{};
    Validators validators;
    std::optional<time::Instant> last_success;
    std::optional<time::Instant> last_attempt;
    std::string last_error;
    std::string last_internal;  // the last failure's Error::internal: for the log only
  };
  using StatePtr = std::shared_ptr<const RemoteState>;
  // A fetch queued or running; `outcome` becomes the state it produced.
  struct Fetch {
    std::promise<StatePtr> done;
    std::shared_future<StatePtr> outcome = done.get_future().share();
  };
  struct Remote {
    StatePtr state = std::make_shared<const RemoteState>();
    std::shared_ptr<Fetch> fetching;  // the fetch under way, if any (at most one per source)
  };
  // A remote calendar a request is waiting for.
  struct Waiting {
    std::size_t index;  // into the request's calendars
    SourceSpec spec;
    std::shared_ptr<Remote> remote;
    std::shared_ptr<Fetch> fetch;  // null: nothing to wait for
    bool wide = false;             // the request reaches past the horizon
  };
  class FetchThreads;

  Result<Busy> file_busy(const std::string& name, time::Interval window, time::Instant now, bool force = false);
  std::shared_ptr<Remote> remote(const ParticipantId& who, const std::string& source);
  // The fetch of `remote` under way, or a new one (when `force`, or when the
  // copy held should be fetched again for `window`); null when none is needed.
  std::shared_ptr<Fetch> start_fetch(const ParticipantId& who, const SourceSpec& spec,
                                     const std::shared_ptr<Remote>& remote, time::Interval window, time::Instant now,
                                     bool force);
  StatePtr run_fetch(const ParticipantId& who, const SourceSpec& spec, Remote& remote,
                     time::Interval window, time::Instant now);
  // Waits for `waiting` until `deadline` (none: until done), and returns the state each is answered from.
  std::vector<StatePtr> await(const std::vector<Waiting>& waiting,
                              std::optional<std::chrono::steady_clock::time_point> deadline);
  Result<Busy> answer(const ParticipantId& who, const SourceSpec& spec, const RemoteState& state,
                      time::Interval window) const;
  void refresh_all(const Calendars& calendars, time::Interval window, time::Instant now, bool force);
  // One round of the background refresh.
  void refresh_round(Calendars calendars, time::Instant now);
  // The span calendars are read over for `window`, and whether it is the usual one.
  time::Interval expansion(time::Interval window, time::Instant now) const;
  bool within_horizon(time::Interval window, time::Instant now) const;
  SourceStatus row(const ParticipantId& who, const SourceSpec& spec, const RemoteState& state) const;

  std::filesystem::path dir_;
  const time::Zone& zone_;
  const calendar::ZoneCatalog& zones_;
  std::chrono::days horizon_;
  RemoteOptions remote_;
  std::mutex mutex_;  // guards entries_ and remotes_ (the maps, and each Remote's members)
  std::map<std::string, std::shared_ptr<const Entry>> entries_;
  std::map<std::pair<ParticipantId, std::string>, std::shared_ptr<Remote>> remotes_;

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread refresher_;
  std::unique_ptr<FetchThreads> fetch_threads_;  // null until set_remote() gives a fetcher
};

}  // namespace yhteisaika::sources
