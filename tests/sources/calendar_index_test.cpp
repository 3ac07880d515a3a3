// The busy index on its own: a scratch folder of calendars and remote ones
// served from memory (fake_calendar_fetcher.hpp), with "now" a parameter.
#include <yhteisaika/sources/calendar_index.hpp>

#include "../support/helsinki_zone.hpp"
#include "../support/fake_calendar_fetcher.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <thread>

using namespace yhteisaika;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using sources::CalendarIndex;

namespace {

// Monday 2026-11-23 09:00 in Helsinki.
const time::Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;
const time::Interval kTwoWeeks{kNow, kNow + std::chrono::days{14}};
// The request of the report: two weeks from Monday 9999-01-04 08:00.
const time::Instant kFar = std::chrono::sys_days{std::chrono::year{9999} / 1 / 4} + 6h;
const time::Interval kFarWindow{kFar, kFar + std::chrono::days{14}};
const ParticipantId kA{"laakari-korhonen"};
const std::string kUrl = "https://cal.example.fi/korhonen.ics";

// Busy every Monday 08:00-11:00, for ever: about 52 occurrences a year, so
// read up to the year 9999 it passes the cap of occurrences per series.
const std::string kWeekly =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:weekly\r\n"
    "DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Helsinki:20261102T080000\r\n"
    "DTEND;TZID=Europe/Helsinki:20261102T110000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Vastaanotto\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

// One event; broken (month 13) or good, with texts of the same length.
std::string one_event(const char* start) {
  return std::string("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:one\r\n"
                     "DTSTAMP:20261101T000000Z\r\nDTSTART:") +
         start + "\r\nDTEND:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

// Busy intervals of kWeekly in kTwoWeeks: Monday 23 Nov from 09:00, 30 Nov, and 7 Dec until 09:00.
std::size_t mondays(const std::vector<time::Interval>& busy) { return time::clip_intervals(busy, kTwoWeeks).size(); }

struct Folder {
  fs::path dir;
  Folder() {
    std::random_device random;
    dir = fs::temp_directory_path() / ("yhteisaika-index-" + std::to_string(random()));
    fs::create_directories(dir);
  }
  ~Folder() { fs::remove_all(dir); }
  fs::path write(const std::string& id, const std::string& text) const {
    const fs::path path = dir / (id + ".ics");
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

const calendar::ZoneCatalog kZones;

sources::RemoteOptions remote(std::shared_ptr<const sources::CalendarFetcher> fetcher) {
  sources::RemoteOptions out;
  out.fetcher = std::move(fetcher);
  return out;
}

}  // namespace

TEST_CASE("a far-future window does not poison the calendar cache", "[sources][issue-10]") {
  // A solve from 9999-01-04 expanded a weekly series past the occurrence cap,
  // and that failure was kept over its huge span, so that every later read of
  // the calendar failed (503) until the service restarted.
  Folder folder;
  CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});

  SECTION("a file") {
    folder.write(kA.value, kWeekly);
    auto far = index.busy(kA, kA.value, kFarWindow, kNow);
    REQUIRE_FALSE(far.has_value());
    CHECK(far.error().code == sources::Errc::calendar_unavailable);

    auto near = index.busy(kA, kA.value, kTwoWeeks, kNow);
    REQUIRE(near.has_value());
    CHECK(mondays(**near) == 3);  // not the far request's failure
    CHECK(index.status(kA, kA.value).last_error.empty());
  }

  SECTION("a remote calendar") {
    auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
    fetcher->serve(kUrl, kWeekly);
    index.set_remote(remote(fetcher));
    REQUIRE(index.busy(kA, kUrl, kTwoWeeks, kNow).has_value());

    auto far = index.busy(kA, kUrl, kFarWindow, kNow + 1min);
    REQUIRE_FALSE(far.has_value());
    CHECK(far.error().code == sources::Errc::calendar_unavailable);

    // The source itself is as good as before: not stale, no error, still answering.
    auto row = index.status(kA, kUrl);
    CHECK_FALSE(row.stale);
    CHECK(row.last_error.empty());
    auto near = index.busy(kA, kUrl, kTwoWeeks, kNow + 2min);
    REQUIRE(near.has_value());
    CHECK(mondays(**near) == 3);
  }
}

TEST_CASE("refreshing a file source reads it again, also when it looks unchanged", "[sources][issue-10]") {
  // POST /api/v1/sources/{id}/refresh answered a file's remembered failure
  // again instead of reading the file, so it could not clear it.
  Folder folder;
  CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});
  const fs::path path = folder.write(kA.value, one_event("20261313T090000Z"));
  const auto written = fs::last_write_time(path);
  REQUIRE_FALSE(index.busy(kA, kA.value, kTwoWeeks, kNow).has_value());

  // Mended in place: the same size and modification time, so it looks unchanged.
  folder.write(kA.value, one_event("20261201T090000Z"));
  fs::last_write_time(path, written);
  CHECK_FALSE(index.busy(kA, kA.value, kTwoWeeks, kNow).has_value());  // remembered until it changes

  auto row = index.refresh(kA, kA.value, kNow);
  CHECK_FALSE(row.unknown);
  CHECK(row.last_error.empty());
  auto read = index.busy(kA, kA.value, kTwoWeeks, kNow);
  REQUIRE(read.has_value());
  CHECK(time::clip_intervals(**read, kTwoWeeks).size() == 1);
}

TEST_CASE("a fetch still running at the deadline answers from the last good copy, marked stale",
          "[sources][issue-10]") {
  // Remote fetches ran on the request's thread without a deadline: a slow
  // source held the request (and its worker) for the whole read timeout.
  Folder folder;
  CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kUrl, kWeekly);
  auto options = remote(fetcher);
  options.wait = 0ms;  // the deadline has passed as soon as the fetch starts
  index.set_remote(options);
  test::ReleaseOnExit release{*fetcher};

  // Never read, and slow: unknown, never free.
  fetcher->hold(kUrl);
  auto never = index.busy(kA, kUrl, kTwoWeeks, kNow);
  REQUIRE_FALSE(never.has_value());
  CHECK(never.error().code == sources::Errc::calendar_unavailable);
  CHECK(never.error().message.find("never been read") != std::string::npos);
  CHECK(index.status(kA, kUrl).unknown);

  // The fetch goes on; preload waits for it (no deadline) and the copy is good.
  fetcher->release(kUrl);
  index.preload({{kA, kUrl}}, kTwoWeeks, kNow);
  REQUIRE(index.busy(kA, kUrl, kTwoWeeks, kNow).has_value());
  CHECK_FALSE(index.status(kA, kUrl).stale);

  // Old (past max_age) and slow: the good copy answers at the deadline, marked stale.
  fetcher->hold(kUrl);
  const time::Instant later = kNow + 20min;
  auto held = index.busy(kA, kUrl, kTwoWeeks, later);
  REQUIRE(held.has_value());
  CHECK(mondays(**held) == 3);
  auto row = index.status(kA, kUrl);
  CHECK(row.stale);
  CHECK(row.last_error.find("no answer within") != std::string::npos);
  CHECK(row.last_success == kNow);

  // Once it answers, the copy is current again.
  fetcher->release(kUrl);
  index.preload({{kA, kUrl}}, kTwoWeeks, later);
  row = index.status(kA, kUrl);
  CHECK_FALSE(row.stale);
  CHECK(row.last_success == later);
}

TEST_CASE("a fresh copy answers at once while its source is being fetched again", "[sources]") {
  Folder folder;
  CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kUrl, kWeekly);
  auto options = remote(fetcher);
  options.wait = 10min;  // whoever waits for the slow fetch below waits until it is released
  index.set_remote(options);
  REQUIRE(index.busy(kA, kUrl, kTwoWeeks, kNow).has_value());
  test::ReleaseOnExit release{*fetcher};

  // An admin's refresh (or the background round) fetches it again, slowly.
  fetcher->hold(kUrl);
  std::thread refreshing([&] { (void)index.refresh(kA, kUrl, kNow + 1min); });
  const bool started = fetcher->started(kUrl, 2);
  auto busy = std::async(std::launch::async, [&] { return index.busy(kA, kUrl, kTwoWeeks, kNow + 2min); });
  // Only a failing test waits this long: the copy is fresh, so nothing should wait for the fetch.
  const bool at_once = busy.wait_for(10s) == std::future_status::ready;
  fetcher->release_all();
  refreshing.join();
  CHECK(started);
  CHECK(at_once);
  auto answer = busy.get();
  REQUIRE(answer.has_value());
  CHECK(mondays(**answer) == 3);
}

TEST_CASE("the background refresh reads every remote calendar again each interval, as of the clock's now",
          "[sources][refresher]") {
  // A 100 ms interval (the config key is in minutes); the test waits for the
  // fetches themselves, never for a time to pass.
  Folder folder;
  CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kUrl, kWeekly);
  auto options = remote(fetcher);
  options.refresh_interval = 100ms;
  index.set_remote(options);
  index.preload({{kA, kUrl}}, kTwoWeeks, kNow);  // fetch 1
  REQUIRE(mondays(**index.busy(kA, kUrl, kTwoWeeks, kNow)) == 3);

  // The calendar changes at its source; nobody asks for it.
  fetcher->serve(kUrl, one_event("20261201T090000Z"));
  auto rounds = std::make_shared<std::atomic<int>>(0);
  index.start_refresher([] { return CalendarIndex::Calendars{{kA, kUrl}}; },
                        [rounds] { return kNow + ++*rounds * 1min; });
  REQUIRE(fetcher->started(kUrl, 3));  // round 1 has finished, round 2 has begun

  auto row = index.status(kA, kUrl);
  CHECK_FALSE(row.stale);
  CHECK_FALSE(row.unknown);
  REQUIRE(row.last_success.has_value());
  CHECK(*row.last_success >= kNow + 1min);  // the refresher's clock, not the preload's now
  auto busy = index.busy(kA, kUrl, kTwoWeeks, kNow + 1min);
  REQUIRE(busy.has_value());
  CHECK(time::clip_intervals(**busy, kTwoWeeks).size() == 1);  // the changed calendar
}

TEST_CASE("the background refresh forgets the copies of sources no professional names any more",
          "[sources][refresher]") {
  Folder folder;
  CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});
  const ParticipantId kB{"psykologi-makela"};
  const std::string kGone = "https://cal.example.fi/makela.ics";
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kUrl, kWeekly);
  fetcher->serve(kGone, kWeekly);
  auto options = remote(fetcher);
  options.refresh_interval = 100ms;
  index.set_remote(options);
  index.preload({{kA, kUrl}, {kB, kGone}}, kTwoWeeks, kNow);
  REQUIRE_FALSE(index.status(kB, kGone).unknown);

  // Their calendar_source has changed (or they left): the lister no longer names it.
  index.start_refresher([] { return CalendarIndex::Calendars{{kA, kUrl}}; }, [] { return kNow + 1min; });
  REQUIRE(fetcher->started(kUrl, 2));  // a round has begun, after forgetting
  CHECK(index.status(kB, kGone).unknown);
  CHECK(index.status(kB, kGone).last_error.find("not fetched yet") != std::string::npos);
  CHECK_FALSE(index.status(kA, kUrl).unknown);
}

TEST_CASE("stopping the index does not wait for the refresh interval", "[sources][refresher]") {
  Folder folder;
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  const auto started = std::chrono::steady_clock::now();
  {
    CalendarIndex index(folder.dir, test::helsinki(), kZones, std::chrono::days{120});
    auto options = remote(fetcher);
    options.refresh_interval = std::chrono::hours{1};
    index.set_remote(options);
    index.start_refresher([] { return CalendarIndex::Calendars{{kA, kUrl}}; }, [] { return kNow; });
  }
  // Only a failing test waits for the hour.
  CHECK(std::chrono::steady_clock::now() - started < 10s);
}
