#include <yhteisaika/cases/follow_up.hpp>

#include <algorithm>

namespace yhteisaika::cases {

namespace {

using namespace std::chrono;

constexpr days kBookingSlack{7};

year_month_day plus(year_month_day date, days n) { return year_month_day{sys_days{date} + n}; }

time::Instant local_midnight(year_month_day date, const time::Zone& zone) {
  return zone.to_instant(local_days{sys_days{date}.time_since_epoch()});
}

}  // namespace

std::optional<year_month_day> next_follow_up_due(std::span<const MeetingDate> meetings, weeks follow_up) {
  std::optional<year_month_day> latest;
  for (const MeetingDate& m : meetings) {
    if (m.kind != MeetingKind::joint && m.kind != MeetingKind::plan_update) continue;
    if (!latest || m.date > *latest) latest = m.date;
  }
  if (!latest) return std::nullopt;
  return plus(*latest, follow_up);
}

DateRange follow_up_days(year_month_day due) { return {plus(due, -kBookingSlack), plus(due, kBookingSlack)}; }

time::Interval follow_up_window(year_month_day due, time::Instant now, const time::Zone& zone) {
  const DateRange range = follow_up_days(due);
  const time::Instant end = local_midnight(plus(range.last, days{1}), zone);
  return {std::min(std::max(local_midnight(range.first, zone), now), end), end};
}

bool is_stalled(const Case& c, std::span<const MeetingDate> meetings, weeks follow_up, year_month_day today) {
  if (c.stage == Stage::closed) return false;
  year_month_day latest = c.identified_on;
  for (const MeetingDate& m : meetings) latest = std::max(latest, m.date);
  return sys_days{today} >= sys_days{latest} + 2 * follow_up;
}

}  // namespace yhteisaika::cases
