#include "rrule_expansion.hpp"

#include "ical_values.hpp"
#include "icaltime.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <libical/ical.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace yhteisaika::calendar::detail {

namespace {

using namespace std::chrono;
using time::Instant;
using time::LocalTime;

struct RecurDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

Error rule_error(const Property& rrule, std::string message, std::string_view source) {
  return Error{Errc::invalid_rule, std::move(message), Location::in(std::string(source), rrule.line)};
}

// A UTC UNTIL bounds the series as an instant (RFC 5545 §3.3.10): restate it in
// the series' local time, since we iterate over local times. A DATE UNTIL of a
// DATE-TIME series includes that whole day.
void restate_until(icalrecurrencetype& rule, std::string_view rrule_text, const SeriesStart& start) {
  if (icaltime_is_null_time(rule.until)) return;
  // Read from the text: libical's UTC zone is a lazily built global we leave alone.
  if (rrule_until_is_utc(rrule_text)) {
    const Instant u{from_icaltime(rule.until).time_since_epoch()};
    rule.until = to_icaltime(local_in(start.zone, u), start.is_date);
    if (start.is_date) rule.until = to_icaltime(floor<days>(local_in(start.zone, u)), true);
  } else if (rule.until.is_date && !start.is_date) {
    rule.until = to_icaltime(from_icaltime(rule.until) + days(1) - seconds(1), false);
  } else {
    rule.until = to_icaltime(from_icaltime(rule.until), start.is_date);
  }
}

bool by_empty(const short* array) { return array[0] == ICAL_RECURRENCE_ARRAY_MAX; }

// The fast path for DAILY and WEEKLY rules with plain BYDAY (RFC 5545 §3.3.10),
// which most calendars use: libical 3.0 expands through ICU, which costs
// microseconds per instance and more per iterator. Returns nullopt when the rule
// needs libical, else whether `each` let it finish.
std::optional<bool> expand_simple(const icalrecurrencetype& rule, const SeriesStart& start, Instant from, Instant end,
                                  const InstanceSink& each) {
  if (rule.freq != ICAL_DAILY_RECURRENCE && rule.freq != ICAL_WEEKLY_RECURRENCE) return std::nullopt;
  if (rule.rscale && rule.rscale[0]) return std::nullopt;
  if (!by_empty(rule.by_second) || !by_empty(rule.by_minute) || !by_empty(rule.by_hour) || !by_empty(rule.by_month_day) ||
      !by_empty(rule.by_year_day) || !by_empty(rule.by_week_no) || !by_empty(rule.by_month) || !by_empty(rule.by_set_pos))
    return std::nullopt;
  unsigned mask = 0;  // bit w for weekday w (0 = Sunday)
  for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    if (icalrecurrencetype_day_position(rule.by_day[i]) != 0) return std::nullopt;
    mask |= 1u << (int(icalrecurrencetype_day_day_of_week(rule.by_day[i])) - 1);
  }
  const bool weekly = rule.freq == ICAL_WEEKLY_RECURRENCE;
  const local_days start_day = floor<days>(start.local);
  const seconds time_of_day = start.local - start_day;
  if (weekly && mask == 0) mask = 1u << weekday{start_day}.c_encoding();
  const long interval = rule.interval > 0 ? rule.interval : 1;
  const unsigned wkst = rule.week_start >= ICAL_SUNDAY_WEEKDAY ? unsigned(rule.week_start - 1) : 1u;
  auto week_of = [&](local_days d) { return d - days((weekday{d}.c_encoding() + 7 - wkst) % 7); };
  const local_days first_week = week_of(start_day);
  std::optional<LocalTime> until;
  if (!icaltime_is_null_time(rule.until)) until = from_icaltime(rule.until);
  const long count = rule.count;

  auto matches = [&](local_days d) {
    if (mask && !(mask & (1u << weekday{d}.c_encoding()))) return false;
    if (weekly) return ((week_of(d) - first_week).count() / 7) % interval == 0;
    return (d - start_day).count() % interval == 0;
  };
  local_days d = start_day;
  long emitted = 0;
  if (count == 0) {
    // Without COUNT nothing before the window matters: jump there.
    local_days target = floor<days>(local_in(start.zone, from)) - days(1);
    if (target > start_day) {
      long period = weekly ? 7 * interval : interval;
      long base = weekly ? (target - first_week).count() : (target - start_day).count();
      d = (weekly ? first_week : start_day) + days(base / period * period);
      // DTSTART is before the window, so it is not an occurrence in it.
      emitted = 1;
    }
  }
  for (;; d += days(1)) {
    if (d < start_day || !matches(d)) continue;
    LocalTime l = d + time_of_day;
    if (until && l > *until) break;
    Instant s = instant_in(start.zone, l);
    if (s >= end) break;
    if (!each(s, l)) return false;
    if (count && ++emitted >= count) break;
  }
  return true;
}

// Every other rule, through libical's iterator.
Result<bool> expand_with_libical(const icalrecurrencetype& rule, const Property& rrule, const SeriesStart& start,
                                 Instant from, Instant end, std::string_view source, const InstanceSink& each) {
  std::unique_ptr<icalrecur_iterator, RecurDeleter> it(icalrecur_iterator_new(rule, to_icaltime(start.local, start.is_date)));
  icalerror_clear_errno();
  if (!it) return rule_error(rrule, "RRULE '" + std::string(rrule.value) + "' cannot be expanded", source);
  // Skip ahead to the window. libical 3.0 cannot do so for COUNT rules, and gets
  // the phase of sub-daily rules with INTERVAL > 1 wrong (checked against full
  // iteration), so those are iterated from DTSTART.
  const bool sub_daily = rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
                         rule.freq == ICAL_HOURLY_RECURRENCE;
  const LocalTime skip_to = floor<days>(local_in(start.zone, from)) - days(1);
  if (rule.count == 0 && (!sub_daily || rule.interval <= 1) && skip_to > start.local) {
    icalrecur_iterator_set_start(it.get(), to_icaltime(skip_to, start.is_date));
    icalerror_clear_errno();
  }
  std::size_t guard = 0;
  for (icaltimetype tt = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(tt); tt = icalrecur_iterator_next(it.get())) {
    LocalTime l = from_icaltime(tt);
    Instant s = instant_in(start.zone, l);
    if (s >= end) break;
    if (!each(s, l)) return false;
    // Iterations before the window are not occurrences in the horizon, but they still cost time.
    if (++guard > 10'000'000) return false;
  }
  icalerror_clear_errno();
  return true;
}

}  // namespace

Result<bool> expand_rrule(const Property& rrule, const SeriesStart& start, Instant from, Instant end,
                          std::string_view source, const InstanceSink& each) {
  icalrecurrencetype rule = icalrecurrencetype_from_string(std::string(rrule.value).c_str());
  if (rule.freq == ICAL_NO_RECURRENCE) {
    icalerror_clear_errno();
    return rule_error(rrule, "RRULE is invalid: '" + std::string(rrule.value) + "'", source);
  }
  icalerror_clear_errno();
  restate_until(rule, rrule.value, start);
  if (auto fast = expand_simple(rule, start, from, end, each)) return *fast;
  return expand_with_libical(rule, rrule, start, from, end, source, each);
}

}  // namespace yhteisaika::calendar::detail
