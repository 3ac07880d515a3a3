#include <yhteisaika/sources/calendar_dir.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <optional>
#include <thread>

namespace yhteisaika::sources {
namespace {

namespace fs = std::filesystem;

class SourcesCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.sources"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::no_such_folder: return "no such calendars folder";
      case Errc::unknown_participant: return "unknown participant";
      case Errc::unreadable_file: return "calendar file cannot be read";
      case Errc::bad_calendar: return "calendar cannot be parsed";
      case Errc::bad_source: return "calendar source is not a file name or a supported URL";
      case Errc::fetch_failed: return "calendar could not be fetched";
      case Errc::http_status: return "calendar server answered with an error status";
      case Errc::too_large: return "calendar is larger than the limit";
      case Errc::too_many_redirects: return "too many redirects";
      case Errc::redirect_loop: return "redirect loop";
      case Errc::bad_multistatus: return "CalDAV answer cannot be parsed";
      case Errc::calendar_unavailable: return "a calendar cannot be read";
    }
    return "unknown sources error";
  }
};

Error error(Errc code, std::string message, Location where = {}) {
  return Error{code, std::move(message), std::move(where)};
}

bool is_ics(const fs::path& p) { return p.extension() == ".ics"; }

// DIR/<id>.ics plus every *.ics in DIR/<id>/, sorted. Empty when neither exists.
std::vector<fs::path> files_of(const fs::path& dir, const std::string& id, std::error_code& ec) {
  std::vector<fs::path> files;
  const fs::path single = dir / (id + ".ics");
  if (fs::is_regular_file(single, ec)) files.push_back(single);
  const fs::path folder = dir / id;
  if (fs::is_directory(folder, ec)) {
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.is_regular_file() && is_ics(entry.path())) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) {
    in.seekg(0, std::ios::end);
    text.resize(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
  }
  if (!in) return error(Errc::unreadable_file, "cannot read the file", Location::in(path.string()));
  return text;
}

Result<ParticipantBusy> read_one(const CalendarFiles& calendar, const calendar::ExpandOptions& options) {
  ParticipantBusy result{calendar.id, {}};
  for (const fs::path& path : calendar.files) {
    auto text = read_file(path);
    if (!text) {
      Error e = text.error();
      e.message = "the calendar of participant '" + calendar.id.value + "' " + e.message;
      return e;
    }
    auto busy = calendar::busy_intervals(*text, path.string(), options);
    if (!busy) {
      const Error& cause = busy.error();
      return error(Errc::bad_calendar,
                   "the calendar of participant '" + calendar.id.value + "' cannot be read: " + cause.message,
                   cause.where.empty() ? Location::in(path.string()) : cause.where);
    }
    result.busy.insert(result.busy.end(), busy->begin(), busy->end());
  }
  if (calendar.files.size() > 1) result.busy = time::merge_intervals(std::move(result.busy));
  return result;
}

}  // namespace

const std::error_category& sources_category() noexcept {
  static const SourcesCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), sources_category()}; }

Result<std::vector<CalendarFiles>> list_calendar_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return error(Errc::no_such_folder, "no such calendars folder", Location::in(dir.string()));
  }
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && is_ics(p)) ids.push_back(p.stem().string());
    else if (entry.is_directory()) ids.push_back(p.filename().string());
  }
  if (ec) return error(Errc::no_such_folder, "cannot list the calendars folder: " + ec.message(),
                        Location::in(dir.string()));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<CalendarFiles> calendars;
  calendars.reserve(ids.size());
  for (auto& id : ids) {
    auto files = files_of(dir, id, ec);
    calendars.push_back({ParticipantId{std::move(id)}, std::move(files)});
  }
  return calendars;
}

Result<std::vector<CalendarFiles>> find_calendars(const fs::path& dir, const std::vector<ParticipantId>& ids) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return error(Errc::no_such_folder, "no such calendars folder", Location::in(dir.string()));
  }
  std::vector<CalendarFiles> calendars;
  for (const ParticipantId& id : ids) {
    const bool safe = !id.value.empty() && id.value.find_first_of("/\\") == std::string::npos && id.value[0] != '.';
    const bool exists = safe && (fs::is_regular_file(dir / (id.value + ".ics"), ec) || fs::is_directory(dir / id.value, ec));
    if (!exists) {
      return error(Errc::unknown_participant,
                   "unknown attendee '" + id.value + "': no " + id.value + ".ics and no folder " + id.value + "/",
                   Location::in(dir.string()));
    }
    calendars.push_back({id, files_of(dir, id.value, ec)});
  }
  return calendars;
}

Result<std::vector<ParticipantBusy>> read_busy(const std::vector<CalendarFiles>& calendars,
                                               const calendar::ExpandOptions& options, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, calendars.size()));

  std::vector<std::optional<Result<ParticipantBusy>>> results(calendars.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < calendars.size(); i = next++) results[i] = read_one(calendars[i], options);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins

  std::vector<ParticipantBusy> busy;
  busy.reserve(calendars.size());
  for (auto& r : results) {
    if (!*r) return r->error();
    busy.push_back(std::move(**r));
  }
  return busy;
}

}  // namespace yhteisaika::sources
