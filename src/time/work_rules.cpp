#include <yhteisaika/time/work_rules.hpp>

#include <algorithm>

// Every rule is computed per local day (a handful of arithmetic per day, no loops over
// minutes): the solver asks for a 14-day window on every solve. Wall-clock times
// become instants through Zone::to_instant, so the rules hold across DST changes.

namespace yhteisaika::time {

namespace {

using namespace std::chrono;

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
year_month_day easter_sunday(year y) {
  const int Y = static_cast<int>(y);
  const int a = Y % 19;
  const int b = Y / 100;
  const int c = Y % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_ = (h + l - 7 * m + 114) / 31;
  const int day_ = (h + l - 7 * m + 114) % 31 + 1;
  return year_month_day{y, month{static_cast<unsigned>(month_)}, day{static_cast<unsigned>(day_)}};
}

year_month_day to_ymd(local_days d) { return year_month_day{sys_days{d.time_since_epoch()}}; }

// The local days [first, last] that an instant window touches.
struct DayRange {
  local_days first;
  local_days last;
};
DayRange days_of(Interval window, const Zone& zone) {
  return {floor<days>(zone.to_local(window.start)), floor<days>(zone.to_local(window.end - seconds{1}))};
}

bool is_hole_day(local_days d, const WorkRules& rules) {
  return weekday{d} == rules.hole_day && is_working_day(to_ymd(d), rules);
}

Interval hole_of(local_days d, const WorkRules& rules, const Zone& zone) {
  return {zone.to_instant(d + rules.hole_start), zone.to_instant(d + rules.hole_end)};
}

// Appends the daily spans [day_from, day_to) of days passing `keep`, clipped to window.
template <class Keep>
std::vector<Interval> daily_spans(Interval window, minutes day_from, minutes day_to, const Zone& zone, Keep keep) {
  std::vector<Interval> spans;
  if (window.empty()) return spans;
  const DayRange range = days_of(window, zone);
  spans.reserve(static_cast<std::size_t>((range.last - range.first).count() + 1));
  for (local_days d = range.first; d <= range.last; d += days{1}) {
    if (!keep(d)) continue;
    const Interval span{std::max(zone.to_instant(d + day_from), window.start),
                        std::min(zone.to_instant(d + day_to), window.end)};
    if (!span.empty()) spans.push_back(span);
  }
  return spans;
}

}  // namespace

std::optional<std::string_view> finnish_holiday(year_month_day ymd) {
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  // Fixed dates.
  if (m == 1 && d == 1) return "Uudenvuodenpäivä";
  if (m == 1 && d == 6) return "Loppiainen";
  if (m == 5 && d == 1) return "Vappu";
  if (m == 12 && d == 6) return "Itsenäisyyspäivä";
  if (m == 12 && d == 24) return "Jouluaatto";
  if (m == 12 && d == 25) return "Joulupäivä";
  if (m == 12 && d == 26) return "Tapaninpäivä";
  // Midsummer Eve: the Friday of 19-25 June.
  if (m == 6 && d >= 19 && d <= 25 && weekday{sys_days{ymd}} == Friday) return "Juhannusaatto";
  // Easter-based: Easter falls 22 March - 25 April, Ascension at latest 3 June.
  if (m >= 3 && m <= 6) {
    const auto from_easter = (sys_days{ymd} - sys_days{easter_sunday(ymd.year())}).count();
    if (from_easter == -2) return "Pitkäperjantai";
    if (from_easter == 1) return "2. pääsiäispäivä";
    if (from_easter == 39) return "Helatorstai";
  }
  return std::nullopt;
}

bool is_working_day(year_month_day day, const WorkRules& rules) {
  const weekday wd{sys_days{day}};
  if (std::find(rules.working_days.begin(), rules.working_days.end(), wd) == rules.working_days.end()) return false;
  if (finnish_holiday(day)) return false;
  return std::find(rules.closures.begin(), rules.closures.end(), day) == rules.closures.end();
}

std::vector<Interval> working_spans(Interval window, const WorkRules& rules, const Zone& zone) {
  return daily_spans(window, rules.day_start, rules.day_end, zone,
                     [&](local_days d) { return is_working_day(to_ymd(d), rules); });
}

std::vector<Interval> hole_spans(Interval window, const WorkRules& rules, const Zone& zone) {
  return daily_spans(window, rules.hole_start, rules.hole_end, zone,
                     [&](local_days d) { return is_hole_day(d, rules); });
}

std::vector<Interval> whole_holes(Interval window, const WorkRules& rules, const Zone& zone) {
  std::vector<Interval> holes;
  if (window.empty()) return holes;
  const DayRange range = days_of(window, zone);
  for (local_days d = range.first; d <= range.last; d += days{1}) {
    if (!is_hole_day(d, rules)) continue;
    const Interval hole = hole_of(d, rules, zone);
    if (!hole.empty() && window.contains(hole)) holes.push_back(hole);
  }
  return holes;
}

bool in_hole(Interval slot, const WorkRules& rules, const Zone& zone) {
  const local_days d = floor<days>(zone.to_local(slot.start));
  if (!is_hole_day(d, rules)) return false;
  const Interval hole = hole_of(d, rules, zone);
  return !hole.empty() && hole.contains(slot);
}

Instant align_up_to_grid(Instant t, const WorkRules& rules, const Zone& zone) {
  const long long grid = duration_cast<seconds>(rules.grid).count();
  if (grid <= 0) return t;
  const auto& transitions = zone.transitions();
  for (;;) {
    const long long local = zone.to_local(t).time_since_epoch().count();
    const long long rem = ((local % grid) + grid) % grid;
    if (rem == 0) return t;
    const Instant candidate = t + seconds{grid - rem};
    // If the offset changes before the candidate, the local grid moves with it:
    // start again from the transition.
    auto next = std::upper_bound(transitions.begin(), transitions.end(), t,
                                 [](Instant x, const ZoneTransition& tr) { return x < tr.at; });
    if (next != transitions.end() && next->at < candidate) {
      t = next->at;
      continue;
    }
    return candidate;
  }
}

year_month_day local_date(Instant t, const Zone& zone) { return to_ymd(floor<days>(zone.to_local(t))); }

}  // namespace yhteisaika::time
