#include <yhteisaika/time/interval.hpp>

#include <catch2/catch.hpp>

namespace {

using namespace std::chrono;
using yhteisaika::time::Instant;
using yhteisaika::time::Interval;

// Minutes after an arbitrary epoch day, to keep the tables readable.
Instant at(int minute) { return Instant{sys_days{2026y / 11 / 25}} + minutes{minute}; }
Interval iv(int from, int to) { return {at(from), at(to)}; }

}  // namespace

TEST_CASE("Intervals are half-open, so back-to-back intervals do not overlap", "[time][interval]") {
  CHECK_FALSE(iv(0, 60).overlaps(iv(60, 120)));
  CHECK(iv(0, 61).overlaps(iv(60, 120)));
  CHECK(iv(0, 60).contains(at(0)));
  CHECK_FALSE(iv(0, 60).contains(at(60)));
  CHECK(iv(0, 60).contains(iv(0, 60)));
  CHECK(iv(10, 10).empty());
  CHECK(iv(10, 5).empty());
}

TEST_CASE("merge_intervals sorts, merges overlapping and touching intervals and drops empty ones",
          "[time][interval]") {
  using V = std::vector<Interval>;
  CHECK(yhteisaika::time::merge_intervals({}).empty());
  // Touching intervals merge (half-open: [0,60) and [60,90) cover [0,90) without a gap).
  CHECK(yhteisaika::time::merge_intervals(V{iv(0, 60), iv(60, 90)}) == V{iv(0, 90)});
  // Overlapping, contained and unsorted input.
  CHECK(yhteisaika::time::merge_intervals(V{iv(200, 300), iv(0, 60), iv(30, 45), iv(50, 100)}) ==
        V{iv(0, 100), iv(200, 300)});
  // Empty and inverted intervals are dropped, even inside a gap.
  CHECK(yhteisaika::time::merge_intervals(V{iv(0, 10), iv(15, 15), iv(30, 20), iv(40, 50)}) ==
        V{iv(0, 10), iv(40, 50)});
  // A one-minute gap keeps intervals apart.
  CHECK(yhteisaika::time::merge_intervals(V{iv(0, 10), iv(11, 20)}) == V{iv(0, 10), iv(11, 20)});
}

TEST_CASE("clip_intervals keeps the parts of busy time inside the window", "[time][interval]") {
  using V = std::vector<Interval>;
  const V busy{iv(0, 60), iv(100, 200), iv(300, 400), iv(500, 600)};
  CHECK(yhteisaika::time::clip_intervals(busy, iv(150, 350)) == V{iv(150, 200), iv(300, 350)});
  // Intervals that only touch the window's edges are outside it.
  CHECK(yhteisaika::time::clip_intervals(busy, iv(200, 300)).empty());
  CHECK(yhteisaika::time::clip_intervals(busy, iv(60, 500)) == V{iv(100, 200), iv(300, 400)});
  CHECK(yhteisaika::time::clip_intervals(busy, iv(-100, 1000)) == busy);
  CHECK(yhteisaika::time::clip_intervals(busy, iv(50, 50)).empty());
  CHECK(yhteisaika::time::clip_intervals({}, iv(0, 100)).empty());
}

TEST_CASE("cut_interval takes a span out of busy time, splitting what it lies inside", "[time][interval]") {
  using yhteisaika::time::cut_interval;
  const std::vector<Interval> busy{{at(0), at(60)}, {at(90), at(120)}, {at(200), at(210)}};
  CHECK(cut_interval(busy, {at(30), at(100)}) ==
        std::vector<Interval>{{at(0), at(30)}, {at(100), at(120)}, {at(200), at(210)}});
  CHECK(cut_interval(busy, {at(10), at(20)}) ==
        std::vector<Interval>{{at(0), at(10)}, {at(20), at(60)}, {at(90), at(120)}, {at(200), at(210)}});
  CHECK(cut_interval(busy, {at(60), at(90)}) == busy);
  CHECK(cut_interval(busy, {at(0), at(300)}).empty());
}
