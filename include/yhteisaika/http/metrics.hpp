#pragma once
// Process metrics, rendered in the Prometheus text exposition format 0.0.4.
//
// Two kinds of metric live here:
//  - the request metrics, which the server updates (requests by method and
//    status class, requests in flight, open connections, a latency histogram);
//  - named application metrics that any module registers once and then updates
//    with plain atomic operations: `metrics.counter("yhteisaika_bookings_total")`.
//
// Thread safety: every member function may be called concurrently. The
// references returned by counter() and gauge() stay valid for the lifetime of
// the Metrics object, so callers keep them instead of looking names up again.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace yhteisaika::http {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram buckets; +Inf is implied.
  static constexpr std::array<double, 14> kLatencyBucketsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The counter named `name`, registered on first use with `help` (later calls
  // return the same counter and ignore `help`). Counters only go up: use
  // fetch_add. Rendered as `# TYPE <name> counter`.
  // REQUIRES: `name` matches [a-zA-Z_:][a-zA-Z0-9_:]* and is not a gauge or a
  // built-in metric; otherwise throws std::invalid_argument (a bug at the caller).
  std::atomic<std::uint64_t>& counter(std::string_view name, std::string_view help = {});

  // The gauge named `name`: a value that goes up and down (store, fetch_add,
  // fetch_sub). Same registration rules as counter().
  std::atomic<std::int64_t>& gauge(std::string_view name, std::string_view help = {});

  // Requests of one API route: counts by status class and the handler's latency.
  class RouteStats {
   public:
    void observe(unsigned status, std::chrono::nanoseconds latency) noexcept;

   private:
    friend class Metrics;
    std::array<std::atomic<std::uint64_t>, 5> by_status_{};  // 1xx .. 5xx
    std::array<std::atomic<std::uint64_t>, kLatencyBucketsSeconds.size() + 1> buckets_{};  // not cumulative
    std::atomic<std::uint64_t> sum_ns_{0};
  };
  // The stats of the route named `name` (e.g. "solve"), registered on first use;
  // the reference stays valid. Rendered as yhteisaika_route_requests_total and
  // yhteisaika_route_request_duration_seconds with a route="..." label.
  // REQUIRES: `name` is [a-z0-9_]+ (throws std::invalid_argument otherwise).
  RouteStats& route(std::string_view name);

  // --- Updated by the server -------------------------------------------------

  // A request was read completely and is now being handled (in-flight gauge +1).
  void request_started() noexcept;
  // Its response was sent (or failed): in-flight gauge -1, counts the request by
  // method and status class, and observes `latency` in the histogram.
  void request_finished(std::string_view method, unsigned status, std::chrono::nanoseconds latency) noexcept;
  // A response for a request that was never read completely (400, 408, 413,
  // 431): counted like request_finished() but without touching the in-flight gauge.
  void request_rejected(std::string_view method, unsigned status, std::chrono::nanoseconds latency) noexcept;
  void connection_opened() noexcept;
  void connection_closed() noexcept;

  // Every metric in the Prometheus text format 0.0.4: built-in metrics first,
  // then the registered ones ordered by name, each with its HELP and TYPE lines.
  std::string render_prometheus() const;

 private:
  // Methods counted by name; anything else is counted as "other".
  static constexpr std::array<std::string_view, 8> kMethods = {"GET",    "HEAD",    "POST",  "PUT",
                                                               "DELETE", "OPTIONS", "PATCH", "other"};
  static constexpr std::size_t kStatusClasses = 5;  // 1xx .. 5xx

  struct Named {
    bool is_counter;
    std::string help;
    std::atomic<std::uint64_t> counter{0};
    std::atomic<std::int64_t> gauge{0};
  };

  void count(std::string_view method, unsigned status, std::chrono::nanoseconds latency) noexcept;
  Named& named(std::string_view name, std::string_view help, bool is_counter);

  std::array<std::array<std::atomic<std::uint64_t>, kStatusClasses>, kMethods.size()> requests_{};
  std::atomic<std::int64_t> in_flight_{0};
  std::atomic<std::int64_t> connections_{0};
  std::array<std::atomic<std::uint64_t>, kLatencyBucketsSeconds.size() + 1> latency_buckets_{};  // not cumulative
  std::atomic<std::uint64_t> latency_sum_ns_{0};

  mutable std::mutex named_mutex_;  // guards the maps, not the values
  std::map<std::string, std::unique_ptr<Named>, std::less<>> named_;
  std::map<std::string, std::unique_ptr<RouteStats>, std::less<>> routes_;
};

}  // namespace yhteisaika::http
