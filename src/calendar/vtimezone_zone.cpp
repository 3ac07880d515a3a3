#include "vtimezone_zone.hpp"

#include "ical_values.hpp"
#include "icaltime.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/calendar/errc.hpp>

#include <libical/ical.h>

#include <chrono>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace yhteisaika::calendar::detail {
namespace {

struct ZoneDeleter {
  void operator()(icaltimezone* z) const { icaltimezone_free(z, 1); }
};
struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

// libical reads a zone-less time as UTC in icaltimezone_get_utc_offset_of_utc_time.
icaltimetype utc_icaltime(time::Instant t) { return to_icaltime(time::LocalTime{t.time_since_epoch()}, false); }

// "+0200", "-0530", "+023000" (RFC 5545 §3.3.14).
std::optional<std::chrono::seconds> parse_utc_offset(std::string_view v) {
  if (v.size() != 5 && v.size() != 7) return std::nullopt;
  if (v[0] != '+' && v[0] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  for (std::size_t i = 1, k = 0; i < v.size(); i += 2, ++k) {
    if (!ascii_is_digit(v[i]) || !ascii_is_digit(v[i + 1])) return std::nullopt;
    parts[k] = (v[i] - '0') * 10 + (v[i + 1] - '0');
  }
  std::chrono::seconds s = std::chrono::hours(parts[0]) + std::chrono::minutes(parts[1]) + std::chrono::seconds(parts[2]);
  return v[0] == '-' ? -s : s;
}

// A DATE-TIME in local time (no 'Z'), as VTIMEZONE observances start (RFC 5545 §3.6.5).
std::optional<time::LocalTime> local_date_time(std::string_view v) {
  auto dt = parse_date_time(v);
  if (!dt || dt->is_date || dt->utc) return std::nullopt;
  return dt->local;
}

// The one shape of yearly rule the fast path reads: FREQ=YEARLY;BYMONTH=m;BYDAY=nDD
// (n 1-4 or -1), with an optional UTC UNTIL, WKST and INTERVAL=1.
struct YearlyRule {
  int month = 0;
  std::chrono::weekday day;
  int ordinal = 0;
  std::optional<time::Instant> until;
};

// The ordinal of a BYDAY value ("-1SU", "2MO", "+1SA") and its weekday, or nullopt.
std::optional<std::pair<int, std::chrono::weekday>> nth_weekday(std::string_view val) {
  static constexpr std::string_view names[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  if (val.size() < 3) return std::nullopt;
  auto it = std::find(std::begin(names), std::end(names), val.substr(val.size() - 2));
  if (it == std::end(names)) return std::nullopt;
  const std::chrono::weekday wd{unsigned(it - std::begin(names))};
  const std::string_view ord = val.substr(0, val.size() - 2);
  if (ord == "-1") return std::pair{-1, wd};
  for (int n = 1; n <= 4; ++n) {
    const std::string plain = std::to_string(n);
    if (ord == plain || ord == "+" + plain) return std::pair{n, wd};
  }
  return std::nullopt;
}

std::optional<YearlyRule> yearly_rule(std::string_view value) {
  YearlyRule rule;
  bool has_day = false;
  for (std::string_view part : split(value, ';')) {
    auto eq = part.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string key = ascii_upper(part.substr(0, eq));
    const std::string val = ascii_upper(part.substr(eq + 1));
    if (key == "FREQ") {
      if (val != "YEARLY") return std::nullopt;
    } else if (key == "BYMONTH") {
      if (val.size() > 2 || val.empty() || !ascii_is_digit(val[0])) return std::nullopt;
      rule.month = std::stoi(val);
      if (rule.month < 1 || rule.month > 12) return std::nullopt;
    } else if (key == "BYDAY") {
      const auto nth = nth_weekday(val);
      if (!nth) return std::nullopt;
      std::tie(rule.ordinal, rule.day) = *nth;
      has_day = true;
    } else if (key == "UNTIL") {
      const auto u = parse_date_time(val);
      if (!u || !u->utc) return std::nullopt;
      rule.until = time::Instant{u->local.time_since_epoch()};
    } else if (key == "INTERVAL") {
      if (val != "1") return std::nullopt;
    } else if (key != "WKST") {
      return std::nullopt;
    }
  }
  if (!rule.month || !has_day) return std::nullopt;
  return rule;
}

// A change of the zone's offset: from `at` on, local time is UTC + `offset`.
struct Change {
  time::Instant at;
  std::chrono::seconds offset;
};

// The onsets of one STANDARD or DAYLIGHT observance in [first_year, last_year],
// or false when it is not of the shape the fast path reads.
bool add_onsets(const Component& obs, int first_year, int last_year, std::vector<Change>& changes, Change& earliest) {
  using namespace std::chrono;
  const Property* dtstart = obs.find("DTSTART");
  const Property* from_p = obs.find("TZOFFSETFROM");
  const Property* to_p = obs.find("TZOFFSETTO");
  if (!dtstart || !from_p || !to_p || obs.find("RDATE")) return false;
  const auto start = local_date_time(dtstart->value);
  const auto from = parse_utc_offset(from_p->value);
  const auto to = parse_utc_offset(to_p->value);
  if (!start || !from || !to) return false;
  // Before the earliest onset, the zone keeps that observance's TZOFFSETFROM.
  const time::Instant first{start->time_since_epoch() - *from};
  if (first < earliest.at) earliest = {first, *from};
  const Property* rrule = obs.find("RRULE");
  if (!rrule) {
    changes.push_back({first, *to});
    return true;
  }
  const auto rule = yearly_rule(rrule->value);
  if (!rule) return false;
  const seconds time_of_day = *start - floor<days>(*start);
  const int start_year = int(year_month_day{floor<days>(*start)}.year());
  for (int y = std::max(first_year, start_year); y <= last_year; ++y) {
    const year_month ym{year{y}, month{unsigned(rule->month)}};
    const local_days d = rule->ordinal > 0 ? local_days{year_month_weekday{ym / rule->day[unsigned(rule->ordinal)]}}
                                           : local_days{year_month_weekday_last{ym / rule->day[last]}};
    const time::Instant at{(d + time_of_day).time_since_epoch() - *from};
    if (at < first) continue;
    if (rule->until && at > *rule->until) break;
    changes.push_back({at, *to});
  }
  return true;
}

// The fast path for the observances every real VTIMEZONE uses (RFC 5545 §3.6.5):
// a single DTSTART, or FREQ=YEARLY;BYMONTH=m;BYDAY=nDD with an optional UNTIL.
// libical expands observances from their DTSTART (often 1601) through ICU, which
// costs milliseconds per zone. Returns nullopt for anything else.
std::optional<time::Zone> fast_zone(const Component& vtimezone, const std::string& name, time::Interval span) {
  using namespace std::chrono;
  std::vector<Change> changes;
  Change earliest{time::Instant::max(), seconds{0}};
  const int first_year = int(year_month_day{floor<days>(span.start)}.year()) - 1;
  const int last_year = int(year_month_day{floor<days>(span.end)}.year()) + 1;
  for (const Component& obs : vtimezone.children) {
    if (obs.name != "STANDARD" && obs.name != "DAYLIGHT") continue;
    if (!add_onsets(obs, first_year, last_year, changes, earliest)) return std::nullopt;
  }
  if (changes.empty()) return std::nullopt;
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.at < b.at; });
  seconds initial = earliest.offset;
  std::vector<time::ZoneTransition> transitions;
  for (const Change& c : changes) {
    if (c.at < span.start) {
      initial = c.offset;
      continue;
    }
    seconds current = transitions.empty() ? initial : transitions.back().offset;
    if (c.offset == current) continue;
    if (!transitions.empty() && transitions.back().at == c.at) return std::nullopt;
    transitions.push_back({c.at, c.offset});
  }
  return time::Zone(name, initial, std::move(transitions));
}

}  // namespace

Result<time::Zone> zone_from_vtimezone(const Component& vtimezone, time::Interval span, std::string_view source) {
  const Property* tzid = vtimezone.find("TZID");
  const Location where = Location::in(std::string(source), vtimezone.line);
  if (!tzid) return Error{Errc::invalid_value, "VTIMEZONE without TZID", where};
  if (auto fast = fast_zone(vtimezone, std::string(tzid->value), span)) return std::move(*fast);
  std::string text = serialize(vtimezone);
  std::unique_ptr<icalcomponent, ComponentDeleter> comp(icalparser_parse_string(text.c_str()));
  icalerror_clear_errno();
  if (!comp || icalcomponent_isa(comp.get()) != ICAL_VTIMEZONE_COMPONENT)
    return Error{Errc::invalid_value, "VTIMEZONE " + std::string(tzid->value) + " cannot be read", where};
  std::unique_ptr<icaltimezone, ZoneDeleter> zone(icaltimezone_new());
  // icaltimezone_set_component takes ownership of the component.
  if (!icaltimezone_set_component(zone.get(), comp.get())) {
    icalerror_clear_errno();
    return Error{Errc::invalid_value, "VTIMEZONE " + std::string(tzid->value) + " cannot be read", where};
  }
  comp.release();

  auto offset_at = [&](time::Instant t) {
    icaltimetype tt = utc_icaltime(t);
    int is_daylight = 0;
    int off = icaltimezone_get_utc_offset_of_utc_time(zone.get(), &tt, &is_daylight);
    icalerror_clear_errno();
    return std::chrono::seconds(off);
  };

  using namespace std::chrono;
  const seconds step = days(1);
  time::Instant t = span.start;
  seconds initial = offset_at(t);
  seconds current = initial;
  std::vector<time::ZoneTransition> transitions;
  for (time::Instant next = t + step; t < span.end; t = next, next += step) {
    seconds o = offset_at(next);
    if (o == current) continue;
    // Bisect (t, next] for the first second with the new offset.
    time::Instant lo = t, hi = next;
    while (hi - lo > seconds(1)) {
      time::Instant mid = lo + (hi - lo) / 2;
      if (offset_at(mid) == current) lo = mid; else hi = mid;
    }
    transitions.push_back({hi, o});
    current = o;
  }
  return time::Zone(std::string(tzid->value), initial, std::move(transitions));
}

}  // namespace yhteisaika::calendar::detail
