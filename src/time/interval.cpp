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

}  // namespace yhteisaika::time
