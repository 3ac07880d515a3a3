#pragma once
// Start here for time/: instants and intervals.
//
// An Interval is HALF-OPEN: [start, end). It contains `start` and not `end`, so
// two meetings 09:00-10:00 and 10:00-11:00 do not overlap. This holds everywhere
// in Yhteisaika; nothing contradicts it.

#include <chrono>
#include <compare>
#include <vector>

namespace yhteisaika::time {

using Instant = std::chrono::sys_seconds;  // UTC
using LocalTime = std::chrono::local_seconds;  // wall clock in some zone

struct Interval {
  Instant start;
  Instant end;

  auto operator<=>(const Interval&) const = default;

  bool empty() const { return end <= start; }
  std::chrono::seconds length() const { return end - start; }
  bool overlaps(const Interval& other) const { return start < other.end && other.start < end; }
  bool contains(const Interval& other) const { return start <= other.start && other.end <= end; }
  bool contains(Instant t) const { return start <= t && t < end; }
};

// Sorts and merges overlapping or touching intervals and drops empty ones.
// The result is sorted by start, disjoint and non-adjacent.
std::vector<Interval> merge_intervals(std::vector<Interval> intervals);

// The parts of sorted, merged `busy` that overlap `window`, clipped to it.
// REQUIRES: busy is sorted and merged (as merge_intervals returns).
std::vector<Interval> clip_intervals(const std::vector<Interval>& busy, Interval window);

// `busy` less `cut`: what lies outside it, an interval split where cut lies inside.
std::vector<Interval> cut_interval(const std::vector<Interval>& busy, Interval cut);

}  // namespace yhteisaika::time
