#pragma once
// The busy index: each professional's calendar expanded once into sorted, merged
// busy intervals and kept in memory.
//
// File sources (sources/calendar_dir.hpp) are re-read only when one of their
// files changes (modification time or size, or a file added to its folder) or
// when a request reaches past the horizon they were expanded over.
//
// Remote sources (ICS URLs, CalDAV collections; sources/source_spec.hpp) are
// fetched when first needed, by a background refresh every `refresh_interval`
// (at most `concurrency` at once), and before answering when the copy held is
// older than `max_age`. A failed fetch keeps the last good copy, marked stale
// (with the time and the error) and still used; a calendar never read
// successfully is unknown and answers Errc::calendar_unavailable naming the
// professional. An unreadable calendar is never free time.
//
// Thread safety: every member may be called concurrently. Readers get an
// immutable snapshot; a read replaces a professional's snapshot whole, so a
// solve never sees half a calendar.

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/sources/credentials.hpp>
#include <yhteisaika/sources/http_fetch.hpp>
#include <yhteisaika/sources/remote_calendar.hpp>
#include <yhteisaika/sources/source_spec.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace yhteisaika::service {

// Where remote calendars come from and how fresh they are kept.
struct RemoteOptions {
  std::shared_ptr<const sources::HttpFetcher> fetcher;  // null: remote sources are unavailable
  sources::Credentials credentials;
  sources::FreshnessRule freshness;
  std::chrono::seconds refresh_interval{5 * 60};
  unsigned concurrency = 8;
};

// One row of GET /api/v1/sources.
struct SourceStatus {
  ParticipantId id;
  sources::SourceKind kind = sources::SourceKind::file;
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
  // (professional, calendar_source) of every professional, for the background refresh.
  using Lister = std::function<std::vector<std::pair<ParticipantId, std::string>>()>;

  // `zone` and `zones` must outlive the index. Calendars are expanded from a week
  // before "now" to `horizon` after it.
  CalendarIndex(std::filesystem::path dir, const time::Zone& zone, const calendar::ZoneCatalog& zones,
                std::chrono::days horizon);
  ~CalendarIndex();  // stops the background refresh
  CalendarIndex(const CalendarIndex&) = delete;
  CalendarIndex& operator=(const CalendarIndex&) = delete;

  // REQUIRES: called before any remote source is read, at most once.
  void set_remote(RemoteOptions options);

  // The busy time of `who`'s calendar `source`, covering at least `window`.
  // Errc::calendar_unavailable names the professional (or the file and line)
  // when there is no good copy. A stale copy is returned (see status()).
  Result<Busy> busy(const ParticipantId& who, const std::string& source, time::Interval window, time::Instant now);
  // The same for a file source named `source` (as before remote sources).
  Result<Busy> busy(const std::string& source, time::Interval window, time::Instant now);

  // Reads every listed calendar over `window`, remote ones `concurrency` at a time.
  void preload(const std::vector<std::pair<ParticipantId, std::string>>& calendars, time::Interval window,
               time::Instant now);
  // Fetches `who`'s remote calendar now (or re-checks a file), and returns its row.
  SourceStatus refresh(const ParticipantId& who, const std::string& source, time::Instant now);
  SourceStatus status(const ParticipantId& who, const std::string& source);

  // Starts the background refresh of remote sources (every refresh_interval).
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
    sources::Validators validators;
    std::optional<time::Instant> last_success;
    std::optional<time::Instant> last_attempt;
    std::string last_error;
  };
  struct Remote {
    std::mutex fetching;  // one fetch per source at a time; never held with mutex_
    std::shared_ptr<const RemoteState> state = std::make_shared<const RemoteState>();
  };

  Result<Busy> file_busy(const std::string& name, time::Interval window, time::Instant now);
  std::shared_ptr<Remote> remote(const ParticipantId& who, const std::string& source);
  std::shared_ptr<const RemoteState> fetch(const ParticipantId& who, const sources::SourceSpec& spec, Remote& remote,
                                           time::Interval window, time::Instant now, bool force);
  void refresh_all(const std::vector<std::pair<ParticipantId, std::string>>& calendars, time::Interval window,
                   time::Instant now, bool force);
  time::Interval expansion(time::Interval window, time::Instant now) const;
  SourceStatus row(const ParticipantId& who, const sources::SourceSpec& spec, const RemoteState& state) const;

  std::filesystem::path dir_;
  const time::Zone& zone_;
  const calendar::ZoneCatalog& zones_;
  std::chrono::days horizon_;
  RemoteOptions remote_;
  std::mutex mutex_;  // guards entries_ and remotes_ (the maps, and each Remote::state pointer)
  std::map<std::string, std::shared_ptr<const Entry>> entries_;
  std::map<std::pair<ParticipantId, std::string>, std::shared_ptr<Remote>> remotes_;

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread refresher_;
};

}  // namespace yhteisaika::service
