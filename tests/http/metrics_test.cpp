// Per-route figures in /metrics: counts by status class and a latency histogram.
#include <yhteisaika/http/metrics.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono_literals;

TEST_CASE("route stats are rendered with a route label", "[http][metrics]") {
  http::Metrics metrics;
  auto& solve = metrics.route("solve");
  solve.observe(200, 300us);
  solve.observe(422, 2ms);
  CHECK(&metrics.route("solve") == &solve);  // registered once
  const std::string text = metrics.render_prometheus();
  CHECK_THAT(text, Catch::Contains("# TYPE yhteisaika_route_requests_total counter"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_route_requests_total{route=\"solve\",status=\"2xx\"} 1"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_route_requests_total{route=\"solve\",status=\"4xx\"} 1"));
  // Cumulative buckets: 300 µs falls in le=0.0005, 2 ms in le=0.0025.
  CHECK_THAT(text, Catch::Contains("yhteisaika_route_request_duration_seconds_bucket{route=\"solve\",le=\"0.0005\"} 1"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_route_request_duration_seconds_bucket{route=\"solve\",le=\"0.0025\"} 2"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_route_request_duration_seconds_count{route=\"solve\"} 2"));
  CHECK_THROWS_AS(metrics.route("Solve Me"), std::invalid_argument);
}
