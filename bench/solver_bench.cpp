// Solver latency: 10 required attendees over a 14-day window, from pre-expanded,
// sorted busy intervals (as the busy index holds them); then the same needing
// one of 3 rooms; then the worst case, where no slot fits and the whole window
// is scanned (each attendee free only where another is busy). Prints p50 and
// p99 of each.
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

namespace {

// About `percent`% (a multiple of 5) of working hours booked, in 30-90 minute blocks over 90 days
// from the week before `from`.
std::vector<time::Interval> random_busy(std::mt19937& random, time::Instant from, unsigned percent) {
  std::vector<time::Interval> raw;
  for (int day = -7; day < 90; ++day) {
    const time::Instant morning = from + days(day) - 1h;  // 08:00 local
    for (minutes t{0}; t < 8h;) {
      const minutes length{30 * (1 + static_cast<int>(random() % 3))};
      if (random() % 20 < percent / 5) raw.push_back({morning + t, morning + t + length});
      t += length;
    }
  }
  return time::merge_intervals(std::move(raw));
}

void measure(const char* what, const solve::SolveRequest& request, const time::Zone& zone, int iterations) {
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
  std::printf("solver: %s, 14-day window, %d runs (%zu found a slot): p50 %.2f us, p99 %.2f us\n", what, iterations,
              found, pct(0.50), pct(0.99));
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 200'000;
  const time::Zone zone = calendar::load_system_zone("Europe/Helsinki").value();
  const time::Instant from = sys_days{2026y / 11 / 23} + 7h;  // Monday 09:00 local

  // Busy calendars: about 20% of working hours booked, so that ten people
  // rarely share a free hour and the solver has to search. Rooms are busier (50%).
  std::mt19937 random(7);
  std::vector<std::vector<time::Interval>> busy(10);
  for (auto& person : busy) person = random_busy(random, from, 20);
  std::vector<std::vector<time::Interval>> room_busy(3);
  for (auto& room : room_busy) room = random_busy(random, from, 50);

  solve::SolveRequest request;
  for (std::size_t i = 0; i < busy.size(); ++i) {
    request.required.push_back({ParticipantId{"p" + std::to_string(i)}, busy[i]});
  }
  request.window = {from, from + days(14)};
  request.duration = 60min;
  measure("10 attendees", request, zone, iterations);

  request.rooms = solve::RoomNeed{};
  for (std::size_t i = 0; i < room_busy.size(); ++i) {
    request.rooms->rooms.push_back({RoomId{"room-" + std::to_string(i)}, 12, room_busy[i]});
  }
  measure("10 attendees and 3 rooms", request, zone, iterations);

  // Worst case: the working day is cut into 10 blocks and attendee i is busy in
  // every block but the i-th, so that every slot is someone's busy time and
  // the walk reaches the end of the window.
  request.rooms.reset();
  std::vector<std::vector<time::Interval>> cut(request.required.size());  // the spans below point here
  for (std::size_t i = 0; i < request.required.size(); ++i) {
    std::vector<time::Interval>& blocks = cut[i];
    for (int day = -7; day < 90; ++day) {
      const time::Instant morning = from + days(day) - 1h;  // 08:00 local
      for (std::size_t b = 0; b < 10; ++b) {
        if (b != i) blocks.push_back({morning + b * 48min, morning + (b + 1) * 48min});
      }
    }
    blocks = time::merge_intervals(std::move(blocks));
    request.required[i].busy = blocks;
  }
  measure("10 attendees, no common slot (worst case)", request, zone, iterations / 10);
  return 0;
}
