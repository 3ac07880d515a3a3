#include <yhteisaika/http/metrics.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace yhteisaika::http {

namespace {

constexpr std::string_view kBuiltinPrefix = "yhteisaika_http_";

bool is_metric_name(std::string_view name) {
  auto first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; };
  auto rest = [&](char c) { return first(c) || (c >= '0' && c <= '9'); };
  return !name.empty() && first(name.front()) && std::all_of(name.begin() + 1, name.end(), rest);
}

// HELP text escaping, exposition format 0.0.4: backslash and line feed.
void append_help(std::string& out, std::string_view name, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '\n';
}

void append_header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  if (!help.empty()) append_help(out, name, help);
  out += "# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void append_number(std::string& out, double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  out += text;
}

// The histogram bucket (not cumulative) that `latency` falls in.
std::size_t latency_bucket(std::chrono::nanoseconds latency) {
  const auto& bounds = Metrics::kLatencyBucketsSeconds;
  const double seconds = std::chrono::duration<double>(latency).count();
  return std::size_t(std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
}

// The _bucket (cumulative), _sum and _count lines of one histogram; `labels`
// ("route=\"solve\"") go before le="...". Buckets are read one by one, so under
// load a scrape can be off by the requests finishing meanwhile, as with any
// lock-free exporter.
template <std::size_t N>
void append_histogram(std::string& out, std::string_view name, const std::string& labels,
                      const std::array<std::atomic<std::uint64_t>, N>& buckets, const std::atomic<std::uint64_t>& sum_ns) {
  static_assert(N == Metrics::kLatencyBucketsSeconds.size() + 1);
  const std::string prefix = labels.empty() ? std::string() : labels + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < N; ++b) {
    cumulative += buckets[b].load(std::memory_order_relaxed);
    out += name;
    out += "_bucket{" + prefix + "le=\"";
    if (b < Metrics::kLatencyBucketsSeconds.size()) {
      append_number(out, Metrics::kLatencyBucketsSeconds[b]);
    } else {
      out += "+Inf";
    }
    out += "\"} " + std::to_string(cumulative) + "\n";
  }
  const std::string braces = labels.empty() ? std::string() : "{" + labels + "}";
  out += name;
  out += "_sum" + braces + " ";
  append_number(out, double(sum_ns.load(std::memory_order_relaxed)) * 1e-9);
  out += '\n';
  out += name;
  out += "_count" + braces + " " + std::to_string(cumulative) + "\n";
}

}  // namespace

std::atomic<std::uint64_t>& Metrics::counter(std::string_view name, std::string_view help) {
  return named(name, help, true).counter;
}

std::atomic<std::int64_t>& Metrics::gauge(std::string_view name, std::string_view help) {
  return named(name, help, false).gauge;
}

Metrics::Named& Metrics::named(std::string_view name, std::string_view help, bool is_counter) {
  if (!is_metric_name(name)) throw std::invalid_argument("invalid metric name: " + std::string(name));
  if (name.starts_with(kBuiltinPrefix)) throw std::invalid_argument("reserved metric name: " + std::string(name));
  std::lock_guard lock(named_mutex_);
  auto it = named_.find(name);
  if (it == named_.end()) {
    auto entry = std::make_unique<Named>();
    entry->is_counter = is_counter;
    entry->help = help;
    it = named_.emplace(std::string(name), std::move(entry)).first;
  }
  if (it->second->is_counter != is_counter) {
    throw std::invalid_argument("metric " + std::string(name) + " is already registered as a " +
                                (is_counter ? "gauge" : "counter"));
  }
  return *it->second;
}

Metrics::RouteStats& Metrics::route(std::string_view name) {
  const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!valid) throw std::invalid_argument("invalid route name: " + std::string(name));
  std::lock_guard lock(named_mutex_);
  auto it = routes_.find(name);
  if (it == routes_.end()) it = routes_.emplace(std::string(name), std::make_unique<RouteStats>()).first;
  return *it->second;
}

void Metrics::RouteStats::observe(unsigned status, std::chrono::nanoseconds latency) noexcept {
  by_status_[std::clamp(status / 100, 1u, 5u) - 1].fetch_add(1, std::memory_order_relaxed);
  buckets_[latency_bucket(latency)].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(std::uint64_t(std::max<std::int64_t>(latency.count(), 0)), std::memory_order_relaxed);
}

void Metrics::request_started() noexcept { in_flight_.fetch_add(1, std::memory_order_relaxed); }

void Metrics::request_finished(std::string_view method, unsigned status, std::chrono::nanoseconds latency) noexcept {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  count(method, status, latency);
}

void Metrics::request_rejected(std::string_view method, unsigned status, std::chrono::nanoseconds latency) noexcept {
  count(method, status, latency);
}

void Metrics::connection_opened() noexcept { connections_.fetch_add(1, std::memory_order_relaxed); }
void Metrics::connection_closed() noexcept { connections_.fetch_sub(1, std::memory_order_relaxed); }

void Metrics::count(std::string_view method, unsigned status, std::chrono::nanoseconds latency) noexcept {
  auto m = std::size_t(std::find(kMethods.begin(), kMethods.end() - 1, method) - kMethods.begin());
  std::size_t status_class = std::clamp(status / 100, 1u, unsigned(kStatusClasses)) - 1;
  requests_[m][status_class].fetch_add(1, std::memory_order_relaxed);

  latency_buckets_[latency_bucket(latency)].fetch_add(1, std::memory_order_relaxed);
  latency_sum_ns_.fetch_add(std::uint64_t(std::max<std::int64_t>(latency.count(), 0)), std::memory_order_relaxed);
}

std::string Metrics::render_prometheus() const {
  std::string out;
  out.reserve(8192);

  append_header(out, "yhteisaika_http_requests_total", "HTTP requests answered, by method and status class.",
                "counter");
  for (std::size_t m = 0; m < kMethods.size(); ++m) {
    for (std::size_t c = 0; c < kStatusClasses; ++c) {
      out += "yhteisaika_http_requests_total{method=\"";
      out += kMethods[m];
      out += "\",status=\"";
      out += char('1' + c);
      out += "xx\"} ";
      out += std::to_string(requests_[m][c].load(std::memory_order_relaxed));
      out += '\n';
    }
  }

  append_header(out, "yhteisaika_http_requests_in_flight", "HTTP requests being handled now.", "gauge");
  out += "yhteisaika_http_requests_in_flight " + std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";

  append_header(out, "yhteisaika_http_connections_open", "Open client connections.", "gauge");
  out += "yhteisaika_http_connections_open " + std::to_string(connections_.load(std::memory_order_relaxed)) + "\n";

  // Buckets are cumulative in the exposition format; +Inf equals _count. The
  // counters are read one by one, so under load a scrape can be off by the
  // requests finishing meanwhile, as with any lock-free exporter.
  constexpr std::string_view kLatency = "yhteisaika_http_request_duration_seconds";
  append_header(out, kLatency, "Time from a request read completely to its response sent.", "histogram");
  append_histogram(out, kLatency, "", latency_buckets_, latency_sum_ns_);

  std::lock_guard lock(named_mutex_);
  if (!routes_.empty()) {
    append_header(out, "yhteisaika_route_requests_total", "API requests answered, by route and status class.",
                  "counter");
    for (const auto& [name, stats] : routes_) {
      for (std::size_t c = 0; c < stats->by_status_.size(); ++c) {
        out += "yhteisaika_route_requests_total{route=\"" + name + "\",status=\"";
        out += char('1' + c);
        out += "xx\"} " + std::to_string(stats->by_status_[c].load(std::memory_order_relaxed)) + "\n";
      }
    }
    constexpr std::string_view kRouteLatency = "yhteisaika_route_request_duration_seconds";
    append_header(out, kRouteLatency, "Time in the API handler, by route.", "histogram");
    for (const auto& [name, stats] : routes_) {
      append_histogram(out, kRouteLatency, "route=\"" + name + "\"", stats->buckets_, stats->sum_ns_);
    }
  }
  for (const auto& [name, entry] : named_) {
    append_header(out, name, entry->help, entry->is_counter ? "counter" : "gauge");
    out += name;
    out += ' ';
    out += entry->is_counter ? std::to_string(entry->counter.load(std::memory_order_relaxed))
                             : std::to_string(entry->gauge.load(std::memory_order_relaxed));
    out += '\n';
  }
  return out;
}

}  // namespace yhteisaika::http
