// Refreshes N ICS-URL calendars through the busy index (CalendarIndex), as the
// background refresh does. Driven by bench/sources_bench.py, which serves the
// calendars and changes some of them between the two rounds:
//
//   sources_bench --base-url http://127.0.0.1:PORT --count 2000 --concurrency 16
//
// Round 1 (printed "first"): every calendar read and expanded (200).
// Then it prints "ready", waits for a line on stdin, and times round 2 ("refresh"):
// every copy is past max age, so every calendar is asked again, conditionally.
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/sources/calendar_index.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

using namespace yhteisaika;
using namespace std::chrono;

int main(int argc, char** argv) {
  std::string base = "http://127.0.0.1:8000";
  int count = 2000;
  unsigned concurrency = 16;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--base-url") base = argv[i + 1];
    else if (flag == "--count") count = std::atoi(argv[i + 1]);
    else if (flag == "--concurrency") concurrency = static_cast<unsigned>(std::atoi(argv[i + 1]));
  }
  const time::Zone zone = calendar::load_system_zone("Europe/Helsinki").value();
  const calendar::ZoneCatalog zones;
  sources::CalendarIndex index("/nonexistent", zone, zones, days{120});
  sources::RemoteOptions remote;
  remote.fetcher = sources::HttpFetcher::make({}).value();
  remote.concurrency = concurrency;
  index.set_remote(std::move(remote));

  std::vector<std::pair<ParticipantId, std::string>> calendars;
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "p%04d", i);
    calendars.emplace_back(ParticipantId{name}, base + "/" + name + ".ics");
  }
  const time::Instant now = floor<seconds>(system_clock::now());
  const time::Interval window{now, now + days{14}};

  auto round = [&](const char* what, time::Instant at) {
    const auto started = steady_clock::now();
    index.preload(calendars, window, at);
    const double secs = duration<double>(steady_clock::now() - started).count();
    int unknown = 0, stale = 0;
    for (const auto& [id, source] : calendars) {
      const auto row = index.status(id, source);
      unknown += row.unknown;
      stale += row.stale;
    }
    std::printf("%s: %d calendars in %.2f s (%.0f/s), unknown %d, stale %d\n", what, count, secs, count / secs,
                unknown, stale);
    std::fflush(stdout);
    return unknown + stale;
  };
  int bad = round("first", now);
  std::printf("ready\n");
  std::fflush(stdout);
  std::string line;
  std::getline(std::cin, line);
  bad += round("refresh", now + hours{1});
  return bad == 0 ? 0 : 1;
}
