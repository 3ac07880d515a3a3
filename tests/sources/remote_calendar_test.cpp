#include <yhteisaika/sources/remote_calendar.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika::sources;
using namespace std::chrono;
using yhteisaika::time::Instant;

TEST_CASE("a remote copy is fetched first when never read, too old, or not covering the request",
          "[sources][freshness]") {
  const Instant now{sys_days{2026y / 11 / 23} + 10h};
  const FreshnessRule rule{minutes{15}, seconds{30}};
  struct Case {
    const char* what;
    CopyState copy;
    bool fetch;
  };
  const Case cases[] = {
      {"never attempted", {std::nullopt, std::nullopt, false}, true},
      {"fresh", {now - 5min, now - 5min, true}, false},
      {"older than max age", {now - 20min, now - 20min, true}, true},
      {"fresh but too short", {now - 1min, now - 1min, false}, true},
      {"never read, failed 10 s ago", {std::nullopt, now - 10s, false}, false},
      {"never read, failed a minute ago", {std::nullopt, now - 1min, false}, true},
      {"stale, failed 10 s ago", {now - 20min, now - 10s, true}, false},
      {"stale, failed a minute ago", {now - 20min, now - 1min, true}, true},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK(should_fetch(c.copy, now, rule) == c.fetch);
  }
}
