#include <yhteisaika/service/calendar_index.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>

#include <algorithm>

namespace yhteisaika::service {

namespace {

Error unavailable(const std::string& source, const Error& cause) {
  return Error{Errc::calendar_unavailable, "the calendar of " + source + " cannot be read: " + cause.to_string(),
               source};
}

}  // namespace

CalendarIndex::CalendarIndex(std::filesystem::path dir, const time::Zone& zone, const calendar::ZoneCatalog& zones,
                             std::chrono::days horizon)
    : dir_(std::move(dir)), zone_(zone), zones_(zones), horizon_(horizon) {}

Result<CalendarIndex::Busy> CalendarIndex::busy(const std::string& source, time::Interval window, time::Instant now) {
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
  if (entry && entry->stamps == stamps && entry->horizon.start <= window.start && window.end <= entry->horizon.end) {
    return entry->busy;
  }

  // Re-read outside the lock: other calendars stay readable meanwhile. Two
  // requests may read the same calendar at once; the last one stored wins, and
  // both results are equally correct.
  calendar::ExpandOptions options;
  options.horizon = {std::min(now, window.start) - std::chrono::days{7},
                     std::max(now + horizon_, window.end + std::chrono::days{7})};
  options.local_zone = &zone_;
  options.zones = &zones_;
  auto read = sources::read_busy(*found, options, 1);
  auto fresh = std::make_shared<Entry>(Entry{std::move(stamps), options.horizon, Busy{}});
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

}  // namespace yhteisaika::service
