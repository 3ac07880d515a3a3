#pragma once
// The service's own chores, run in the background on one thread: each a named
// job that does what has come due at "now" (expire holds whose time has run
// out; the lead's next: erase closed cases' contacts after retention). A job
// is idempotent, so running it late, twice or after a restart does no harm.
//
//   Housekeeping h(interval, clock, log);
//   h.add("expire_holds", [&](time::Instant now) { ... });
//   h.start();  // runs every job at once (a restart catches up), then every `interval`
//
// Tests call run_once(now) with their own clock instead of start().
//
// Thread safety: add() only before start(); run_once() from one thread at a
// time (start()'s thread, or the test's); start() and stop() from the owner.

#include <yhteisaika/error.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace yhteisaika::service {

class Housekeeping {
 public:
  // A chore: does what is due at `now`; an error is logged with the job's
  // name and the job runs again next round.
  using Job = std::function<Result<void>(time::Instant now)>;

  // `interval`: the time between rounds (config housekeeping_interval_seconds,
  // REQUIRES: positive). `clock`: "now" of each round. `log`: what failed
  // (empty: nothing is logged).
  Housekeeping(std::chrono::milliseconds interval, Clock clock, EventLog log);
  ~Housekeeping();  // stop()
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  // Adds a job, run after those added before. REQUIRES: before start().
  void add(std::string name, Job job);
  // The names of the jobs, in the order they run.
  std::vector<std::string> jobs() const;
  // Runs every job once at `now`, in order; one that fails (an error or an
  // exception, logged) does not stop the others. Returns the names of those
  // that failed.
  std::vector<std::string> run_once(time::Instant now);
  // Starts the thread: a round at once, then one every interval until stop().
  // REQUIRES: not started.
  void start();
  // Stops and joins the thread (a round under way finishes first); a no-op
  // when not started.
  void stop();

 private:
  struct Named {
    std::string name;
    Job job;
  };
  void run();

  const std::chrono::milliseconds interval_;
  Clock clock_;
  EventLog log_;
  std::vector<Named> jobs_;

  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yhteisaika::service
