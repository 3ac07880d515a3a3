#include <yhteisaika/service/housekeeping.hpp>

#include <exception>

namespace yhteisaika::service {

Housekeeping::Housekeeping(std::chrono::milliseconds interval, Clock clock, EventLog log)
    : interval_(interval), clock_(std::move(clock)), log_(std::move(log)) {
  if (!log_) log_ = [](std::string_view, std::string_view, const boost::json::object&) {};
}

Housekeeping::~Housekeeping() { stop(); }

void Housekeeping::add(std::string name, Job job) { jobs_.push_back({std::move(name), std::move(job)}); }

std::vector<std::string> Housekeeping::jobs() const {
  std::vector<std::string> out;
  for (const auto& j : jobs_) out.push_back(j.name);
  return out;
}

std::vector<std::string> Housekeeping::run_once(time::Instant now) {
  std::vector<std::string> failed;
  for (const auto& [name, job] : jobs_) {
    try {
      if (auto done = job(now); !done) {
        log_("error", "housekeeping job failed", {{"job", name}, {"error", done.error().to_string()}});
        failed.push_back(name);
      }
    } catch (const std::exception& e) {
      // A bug, not a state of the world: say so, and let the other jobs run.
      log_("error", "housekeeping job failed", {{"job", name}, {"error", e.what()}});
      failed.push_back(name);
    }
  }
  return failed;
}

void Housekeeping::start() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void Housekeeping::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Housekeeping::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    run_once(clock_());
    lock.lock();
    wakeup_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace yhteisaika::service
