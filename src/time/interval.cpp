#include <yhteisaika/time/interval.hpp>

#include <algorithm>

namespace yhteisaika::time {

std::vector<Interval> merge_intervals(std::vector<Interval> intervals) {
  std::erase_if(intervals, [](const Interval& i) { return i.empty(); });
  std::sort(intervals.begin(), intervals.end());
  std::vector<Interval> merged;
  merged.reserve(intervals.size());
  for (const Interval& i : intervals) {
    // Half-open: [a, b) and [b, c) touch, and merge into [a, c).
    if (!merged.empty() && i.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, i.end);
    } else {
      merged.push_back(i);
    }
  }
  return merged;
}

std::vector<Interval> clip_intervals(const std::vector<Interval>& busy, Interval window) {
  std::vector<Interval> clipped;
  if (window.empty()) return clipped;
  // The first interval that ends after the window starts; busy is sorted and disjoint,
  // so ends increase too.
  auto it = std::partition_point(busy.begin(), busy.end(),
                                 [&](const Interval& i) { return i.end <= window.start; });
  for (; it != busy.end() && it->start < window.end; ++it) {
    Interval part{std::max(it->start, window.start), std::min(it->end, window.end)};
    if (!part.empty()) clipped.push_back(part);
  }
  return clipped;
}

std::vector<Interval> cut_interval(const std::vector<Interval>& busy, Interval cut) {
  std::vector<Interval> out;
  for (const Interval& i : busy) {
    if (i.end <= cut.start || cut.end <= i.start) {
      out.push_back(i);
      continue;
    }
    if (i.start < cut.start) out.push_back({i.start, cut.start});
    if (cut.end < i.end) out.push_back({cut.end, i.end});
  }
  return out;
}

}  // namespace yhteisaika::time
