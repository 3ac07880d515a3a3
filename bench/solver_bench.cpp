// Solver latency: 10 required attendees over a 14-day window, from pre-expanded,
// sorted busy intervals (as the busy index holds them). Prints p50 and p99.
//   build/bench/solver_bench [iterations]

#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/solve/solver.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace yhteisaika;
using namespace std::chrono;

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 200'000;
  const time::Zone zone = calendar::load_system_zone("Europe/Helsinki").value();
  const time::Instant from = sys_days{2026y / 11 / 23} + 7h;  // Monday 09:00 local

  // Busy calendars: about 20% of working hours booked, in 30-90 minute blocks over
  // 90 days, so that ten people rarely share a free hour and the solver has to search.
  std::mt19937 random(7);
  std::vector<std::vector<time::Interval>> busy(10);
  for (auto& person : busy) {
    std::vector<time::Interval> raw;
    for (int day = -7; day < 90; ++day) {
      const time::Instant morning = from + days(day) - 1h;  // 08:00 local
      for (minutes t{0}; t < 8h;) {
        const minutes length{30 * (1 + static_cast<int>(random() % 3))};
        if (random() % 20 < 4) raw.push_back({morning + t, morning + t + length});
        t += length;
      }
    }
    person = time::merge_intervals(std::move(raw));
  }

  solve::SolveRequest request;
  for (std::size_t i = 0; i < busy.size(); ++i) {
    request.required.push_back({ParticipantId{"p" + std::to_string(i)}, busy[i]});
  }
  request.window = {from, from + days(14)};
  request.duration = 60min;

  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(iterations));
  std::size_t found = 0;
  for (int i = 0; i < iterations; ++i) {
    const auto start = steady_clock::now();
    const auto answer = solve::solve(request, time::WorkRules{}, zone);
    const auto stop = steady_clock::now();
    found += answer.chosen.has_value();
    micros.push_back(duration<double, std::micro>(stop - start).count());
  }
  std::sort(micros.begin(), micros.end());
  const auto pct = [&](double p) { return micros[static_cast<std::size_t>(p * (micros.size() - 1))]; };
  std::printf("solver: 10 attendees, 14-day window, %d runs (%zu found a slot): p50 %.2f us, p99 %.2f us\n",
              iterations, found, pct(0.50), pct(0.99));
  return 0;
}
