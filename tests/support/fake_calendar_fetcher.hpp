#pragma once
// Test support: remote calendars served from memory (sources::CalendarFetcher).
// A URL may be held: its fetches then wait until the test releases it, so a
// test decides when a "slow" source answers without waiting on the clock.

#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/sources/http_fetch.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace yhteisaika::test {

class FakeCalendarFetcher final : public sources::CalendarFetcher {
 public:
  // `url` answers 200 with `ics`; an URL never served answers 503.
  void serve(const std::string& url, std::string ics) {
    std::lock_guard lock(mutex_);
    calendars_[url] = std::move(ics);
  }
  // The fetches of `url` wait until release(url) (or release_all()).
  void hold(const std::string& url) {
    std::lock_guard lock(mutex_);
    held_.insert(url);
  }
  void release(const std::string& url) {
    {
      std::lock_guard lock(mutex_);
      held_.erase(url);
    }
    changed_.notify_all();
  }
  void release_all() {
    {
      std::lock_guard lock(mutex_);
      held_.clear();
    }
    changed_.notify_all();
  }
  // Whether `n` fetches of `url` have begun. Waits for them at most `bound`:
  // only a failing test waits that long.
  bool started(const std::string& url, int n, std::chrono::seconds bound = std::chrono::seconds{10}) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, bound, [&] { return count(started_, url) >= n; });
  }
  Result<sources::FetchResponse> fetch(const sources::FetchRequest& request) const override {
    const std::string url = request.url.text();
    std::unique_lock lock(mutex_);
    ++started_[url];
    changed_.notify_all();
    changed_.wait(lock, [&] { return !held_.contains(url); });
    auto it = calendars_.find(url);
    if (it == calendars_.end()) return Error{sources::Errc::http_status, "HTTP 503 Service Unavailable",
                                             Location::in(url)};
    sources::FetchResponse out;
    out.status = 200;
    out.body = it->second;
    out.final_url = request.url;
    return out;
  }

 private:
  static int count(const std::map<std::string, int>& counts, const std::string& url) {
    auto it = counts.find(url);
    return it == counts.end() ? 0 : it->second;
  }

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::string> calendars_;
  std::set<std::string> held_;
  mutable std::map<std::string, int> started_;
};

// Releases every held URL when leaving scope, so that a failing test never
// leaves a fetch (and the index's destructor) waiting. Declare it after what
// owns the fetcher's users, so that it runs first.
struct ReleaseOnExit {
  FakeCalendarFetcher& fetcher;
  ~ReleaseOnExit() { fetcher.release_all(); }
};

}  // namespace yhteisaika::test
