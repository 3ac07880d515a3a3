#include <yhteisaika/report/hole_release.hpp>

#include <algorithm>

namespace yhteisaika::report {

using namespace std::chrono;

time::Instant last_release_at_or_before(time::Instant now, const ReleaseRule& rule, const time::Zone& zone) {
  // Compared in local time: the rule is a wall-clock one.
  const time::LocalTime local = zone.to_local(now);
  const local_days day = floor<days>(local);
  const days back = weekday{sys_days{day.time_since_epoch()}} - rule.day;  // 0..6
  local_seconds candidate = day - back + rule.time_of_day;
  if (candidate > local) candidate -= weeks{1};
  return zone.to_instant(candidate);
}

time::Instant release_deadline(time::Instant hole_start, const ReleaseRule& rule, const time::Zone& zone) {
  return last_release_at_or_before(hole_start, rule, zone);
}

bool hole_used(time::Interval hole, std::span<const time::Interval> scheduled) {
  return std::any_of(scheduled.begin(), scheduled.end(), [&](const time::Interval& m) { return hole.contains(m); });
}

std::vector<time::Interval> released_holes(time::Interval span, std::span<const time::Interval> scheduled,
                                           time::Instant now, const std::optional<ReleaseRule>& rule,
                                           const time::WorkRules& rules, const time::Zone& zone) {
  std::vector<time::Interval> out;
  if (!rule) return out;
  for (const time::Interval& hole : time::whole_holes(span, rules, zone)) {
    if (release_deadline(hole.start, *rule, zone) > now) break;  // later holes' deadlines are later still
    if (!hole_used(hole, scheduled)) out.push_back(hole);
  }
  return out;
}

}  // namespace yhteisaika::report
