#pragma once
// Test support: remote calendars served from memory (sources::CalendarFetcher),
// as a plain HTTP server serves them: each version served gets its own ETag, and
// a conditional GET naming the current one is answered 304. Every request is
// logged with the validators it sent and the status it got.
//
// A URL may be held: its fetches then wait until the test releases them, so a
// test decides when a "slow" source answers without waiting on the clock.
// hold_after(url, n) lets the first n fetches of `url` through and holds the
// rest, so a test can let a background refresh take exactly one step.

#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/sources/http_fetch.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace yhteisaika::test {

class FakeCalendarFetcher final : public sources::CalendarFetcher {
 public:
  // One request as the fetcher saw it.
  struct Heard {
    sources::Validators validators;  // what the request sent (empty: unconditional)
    int status = 0;                  // 0 while held, then 200, 304 or 503
  };

  // `url` answers 200 with `ics` (and a new ETag); an URL never served answers 503.
  void serve(const std::string& url, std::string ics) {
    std::lock_guard lock(mutex_);
    auto& served = calendars_[url];
    served.ics = std::move(ics);
    served.etag = "\"v" + std::to_string(++versions_) + "\"";
  }
  // `url` answers 503 from now on, as a server that is down.
  void stop_serving(const std::string& url) {
    std::lock_guard lock(mutex_);
    calendars_.erase(url);
  }
  // The ETag of what `url` serves now (empty: nothing).
  std::string etag(const std::string& url) const {
    std::lock_guard lock(mutex_);
    auto it = calendars_.find(url);
    return it == calendars_.end() ? std::string() : it->second.etag;
  }
  // The fetches of `url` wait until release(url) (or release_all()).
  void hold(const std::string& url) { hold_after(url, 0); }
  // The first `n` fetches of `url` (counted from the first ever) go through;
  // later ones wait until release, or until a later hold_after lets them through.
  void hold_after(const std::string& url, int n) {
    {
      std::lock_guard lock(mutex_);
      held_[url] = n;
    }
    changed_.notify_all();
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
    return changed_.wait_for(lock, bound, [&] { return count(url) >= n; });
  }
  // The requests of `url` so far, in the order they began.
  std::vector<Heard> requests(const std::string& url) const {
    std::lock_guard lock(mutex_);
    auto it = heard_.find(url);
    return it == heard_.end() ? std::vector<Heard>{} : it->second;
  }

  Result<sources::FetchResponse> fetch(const sources::FetchRequest& request) const override {
    const std::string url = request.url.text();
    std::unique_lock lock(mutex_);
    auto& log = heard_[url];
    const int number = static_cast<int>(log.size()) + 1;
    log.push_back({request.validators, 0});
    changed_.notify_all();
    changed_.wait(lock, [&] {
      auto held = held_.find(url);
      return held == held_.end() || number <= held->second;
    });
    auto& status = heard_[url][number - 1].status;
    auto it = calendars_.find(url);
    if (it == calendars_.end()) {
      status = 503;
      return Error{sources::Errc::http_status, "HTTP 503 Service Unavailable", Location::in(url)};
    }
    sources::FetchResponse out;
    out.final_url = request.url;
    out.validators.etag = it->second.etag;
    if (!request.validators.etag.empty() && request.validators.etag == it->second.etag) {
      status = out.status = 304;
      out.not_modified = true;
      return out;
    }
    status = out.status = 200;
    out.body = it->second.ics;
    return out;
  }

 private:
  struct Served {
    std::string ics;
    std::string etag;
  };
  int count(const std::string& url) const {
    auto it = heard_.find(url);
    return it == heard_.end() ? 0 : static_cast<int>(it->second.size());
  }

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, Served> calendars_;
  int versions_ = 0;
  std::map<std::string, int> held_;  // url -> fetches let through
  mutable std::map<std::string, std::vector<Heard>> heard_;
};

// Releases every held URL when leaving scope, so that a failing test never
// leaves a fetch (and the index's destructor) waiting. Declare it after what
// owns the fetcher's users, so that it runs first.
struct ReleaseOnExit {
  FakeCalendarFetcher& fetcher;
  ~ReleaseOnExit() { fetcher.release_all(); }
};

}  // namespace yhteisaika::test
