#pragma once
// The busy index: each professional's calendar expanded once into sorted, merged
// busy intervals and kept in memory. A calendar is re-read only when one of its
// files changes (modification time or size, or a file added to its folder) or
// when a request reaches past the horizon it was expanded over.
//
// A calendar that cannot be read is remembered as an error, never as free time.
//
// Thread safety: every member may be called concurrently. Readers get an
// immutable snapshot; a re-read replaces it whole.

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace yhteisaika::service {

class CalendarIndex {
 public:
  using Busy = std::shared_ptr<const std::vector<time::Interval>>;

  // `zone` and `zones` must outlive the index. Calendars are expanded from a week
  // before "now" to `horizon` after it.
  CalendarIndex(std::filesystem::path dir, const time::Zone& zone, const calendar::ZoneCatalog& zones,
                std::chrono::days horizon);

  // The busy time of the calendar named `source` (DIR/<source>.ics or the folder
  // DIR/<source>/), covering at least `window`. Errc::calendar_unavailable names
  // the file (and line) when it cannot be read or parsed.
  Result<Busy> busy(const std::string& source, time::Interval window, time::Instant now);

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
  };

  std::filesystem::path dir_;
  const time::Zone& zone_;
  const calendar::ZoneCatalog& zones_;
  std::chrono::days horizon_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Entry>> entries_;
};

}  // namespace yhteisaika::service
