// The housekeeping runner (service/housekeeping.hpp): named jobs run in order
// at the "now" given; one that fails is logged and does not stop the others;
// the thread runs a round at once when started (a restart catches up) and
// stops when told.
#include <yhteisaika/service/housekeeping.hpp>

#include <yhteisaika/service/errc.hpp>

#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using namespace yhteisaika;
using namespace std::chrono_literals;

namespace {

// Monday 2026-11-23 09:00 in Helsinki.
const time::Instant kMonday = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;

struct LogLine {
  std::string level, msg, job, error;
};

}  // namespace

TEST_CASE("run_once runs every job in the order added, at the time given", "[service][housekeeping]") {
  std::vector<std::pair<std::string, time::Instant>> ran;
  service::Housekeeping h(10s, [] { return kMonday; }, {});
  h.add("expire_holds", [&](time::Instant now) -> Result<void> {
    ran.emplace_back("expire_holds", now);
    return {};
  });
  h.add("erase_contacts", [&](time::Instant now) -> Result<void> {
    ran.emplace_back("erase_contacts", now);
    return {};
  });
  CHECK(h.jobs() == std::vector<std::string>{"expire_holds", "erase_contacts"});
  CHECK(h.run_once(kMonday + 1h).empty());
  CHECK(ran == std::vector<std::pair<std::string, time::Instant>>{{"expire_holds", kMonday + 1h},
                                                                    {"erase_contacts", kMonday + 1h}});
}

TEST_CASE("a job that fails is logged by name and the jobs after it still run", "[service][housekeeping]") {
  std::vector<LogLine> log;
  int after = 0;
  service::Housekeeping h(
      10s, [] { return kMonday; },
      [&](std::string_view level, std::string_view msg, const boost::json::object& fields) {
        log.push_back({std::string(level), std::string(msg), std::string(fields.at("job").as_string()),
                       std::string(fields.at("error").as_string())});
      });
  h.add("refuses", [](time::Instant) -> Result<void> {
    return Error{service::Errc::invalid_value, "the database said no", {}};
  });
  h.add("throws", [](time::Instant) -> Result<void> { throw std::runtime_error("a bug"); });
  h.add("works", [&](time::Instant) -> Result<void> {
    ++after;
    return {};
  });
  CHECK(h.run_once(kMonday) == std::vector<std::string>{"refuses", "throws"});
  CHECK(after == 1);
  REQUIRE(log.size() == 2);
  CHECK(log[0].level == "error");
  CHECK(log[0].msg == "housekeeping job failed");
  CHECK(log[0].job == "refuses");
  CHECK(log[0].error == "the database said no");
  CHECK(log[1].job == "throws");
  CHECK(log[1].error == "a bug");
  // Failing leaves it in: it runs again next round.
  CHECK(h.run_once(kMonday + 10s).size() == 2);
  CHECK(after == 2);
}

TEST_CASE("started, it runs a round at once with the clock's time, and stops when told", "[service][housekeeping]") {
  std::mutex mutex;
  std::condition_variable ran_cv;
  std::vector<time::Instant> ran;
  // An hour between rounds: only the round at start can run within this test.
  service::Housekeeping h(1h, [] { return kMonday + 5min; }, {});
  h.add("count", [&](time::Instant now) -> Result<void> {
    std::lock_guard lock(mutex);
    ran.push_back(now);
    ran_cv.notify_all();
    return {};
  });
  h.start();
  {
    std::unique_lock lock(mutex);
    // Not a wait for time to pass: for the thread's first round, which starts at once.
    REQUIRE(ran_cv.wait_for(lock, 30s, [&] { return !ran.empty(); }));
  }
  h.stop();  // does not wait out the hour
  h.stop();  // twice is harmless
  std::lock_guard lock(mutex);
  CHECK(ran == std::vector<time::Instant>{kMonday + 5min});
}

TEST_CASE("a short interval runs round after round until stopped", "[service][housekeeping]") {
  std::mutex mutex;
  std::condition_variable ran_cv;
  int rounds = 0;
  service::Housekeeping h(1ms, [] { return kMonday; }, {});
  h.add("count", [&](time::Instant) -> Result<void> {
    std::lock_guard lock(mutex);
    ++rounds;
    ran_cv.notify_all();
    return {};
  });
  h.start();
  {
    std::unique_lock lock(mutex);
    REQUIRE(ran_cv.wait_for(lock, 30s, [&] { return rounds >= 3; }));
  }
  h.stop();
  std::lock_guard lock(mutex);
  CHECK(rounds >= 3);
}
