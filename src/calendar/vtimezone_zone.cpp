#include "vtimezone_zone.hpp"

#include "icaltime.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <libical/ical.h>

#include <chrono>
#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <ranges>
#include <string>

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

std::string upper(std::string_view v) {
  std::string out(v);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "+0200", "-0530", "+023000" (RFC 5545 §3.3.14).
std::optional<std::chrono::seconds> parse_utc_offset(std::string_view v) {
  if (v.size() != 5 && v.size() != 7) return std::nullopt;
  if (v[0] != '+' && v[0] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  for (std::size_t i = 1, k = 0; i < v.size(); i += 2, ++k) {
    if (!std::isdigit(static_cast<unsigned char>(v[i])) || !std::isdigit(static_cast<unsigned char>(v[i + 1]))) return std::nullopt;
    parts[k] = (v[i] - '0') * 10 + (v[i + 1] - '0');
  }
  std::chrono::seconds s = std::chrono::hours(parts[0]) + std::chrono::minutes(parts[1]) + std::chrono::seconds(parts[2]);
  return v[0] == '-' ? -s : s;
}

std::optional<time::LocalTime> parse_local(std::string_view v) {
  using namespace std::chrono;
  if (v.size() != 15 || v[8] != 'T') return std::nullopt;
  for (std::size_t i = 0; i < 15; ++i)
    if (i != 8 && !std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) { return std::stoi(std::string(v.substr(at, n))); };
  year_month_day ymd{year{num(0, 4)}, month{unsigned(num(4, 2))}, day{unsigned(num(6, 2))}};
  if (!ymd.ok()) return std::nullopt;
  return local_days{ymd} + hours(num(9, 2)) + minutes(num(11, 2)) + seconds(num(13, 2));
}

// The fast path for the observances every real VTIMEZONE uses (RFC 5545 §3.6.5):
// a single DTSTART, or FREQ=YEARLY;BYMONTH=m;BYDAY=nDD with an optional UNTIL.
// libical expands observances from their DTSTART (often 1601) through ICU, which
// costs milliseconds per zone. Returns nullopt for anything else.
std::optional<time::Zone> fast_zone(const Component& vtimezone, const std::string& name, time::Interval span) {
  using namespace std::chrono;
  struct Change {
    time::Instant at;
    seconds offset;
  };
  std::vector<Change> changes;
  seconds earliest_from{0};
  time::Instant earliest_at = time::Instant::max();
  const int first_year = int(year_month_day{floor<days>(span.start)}.year()) - 1;
  const int last_year = int(year_month_day{floor<days>(span.end)}.year()) + 1;
  for (const Component& obs : vtimezone.children) {
    if (obs.name != "STANDARD" && obs.name != "DAYLIGHT") continue;
    const Property* dtstart = obs.find("DTSTART");
    const Property* from_p = obs.find("TZOFFSETFROM");
    const Property* to_p = obs.find("TZOFFSETTO");
    if (!dtstart || !from_p || !to_p || obs.find("RDATE")) return std::nullopt;
    auto start = parse_local(dtstart->value);
    auto from = parse_utc_offset(from_p->value);
    auto to = parse_utc_offset(to_p->value);
    if (!start || !from || !to) return std::nullopt;
    time::Instant first{start->time_since_epoch() - *from};
    if (first < earliest_at) {
      earliest_at = first;
      earliest_from = *from;
    }
    const Property* rrule = obs.find("RRULE");
    if (!rrule) {
      changes.push_back({first, *to});
      continue;
    }
    int bymonth = 0, ordinal = 0;
    std::optional<weekday> wd;
    std::optional<time::Instant> until;
    for (std::string_view part : std::views::split(std::string_view(rrule->value), ';') |
                                     std::views::transform([](auto r) { return std::string_view(r.begin(), r.end()); })) {
      auto eq = part.find('=');
      if (eq == std::string_view::npos) return std::nullopt;
      std::string key = upper(part.substr(0, eq));
      std::string val = upper(part.substr(eq + 1));
      if (key == "FREQ") {
        if (val != "YEARLY") return std::nullopt;
      } else if (key == "BYMONTH") {
        if (val.size() > 2 || val.empty() || !std::isdigit(static_cast<unsigned char>(val[0]))) return std::nullopt;
        bymonth = std::stoi(val);
        if (bymonth < 1 || bymonth > 12) return std::nullopt;
      } else if (key == "BYDAY") {
        static constexpr std::string_view names[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
        if (val.size() < 3) return std::nullopt;
        std::string_view d = std::string_view(val).substr(val.size() - 2);
        auto it = std::find(std::begin(names), std::end(names), d);
        if (it == std::end(names)) return std::nullopt;
        wd = weekday{unsigned(it - std::begin(names))};
        std::string ord = val.substr(0, val.size() - 2);
        if (ord == "-1") ordinal = -1;
        else if (ord == "1" || ord == "+1") ordinal = 1;
        else if (ord == "2" || ord == "+2") ordinal = 2;
        else if (ord == "3" || ord == "+3") ordinal = 3;
        else if (ord == "4" || ord == "+4") ordinal = 4;
        else return std::nullopt;
      } else if (key == "UNTIL") {
        if (val.size() != 16 || val.back() != 'Z') return std::nullopt;
        auto u = parse_local(std::string_view(val).substr(0, 15));
        if (!u) return std::nullopt;
        until = time::Instant{u->time_since_epoch()};
      } else if (key == "WKST") {
      } else if (key == "INTERVAL") {
        if (val != "1") return std::nullopt;
      } else {
        return std::nullopt;
      }
    }
    if (!bymonth || !wd) return std::nullopt;
    const seconds time_of_day = *start - floor<days>(*start);
    const int start_year = int(year_month_day{floor<days>(*start)}.year());
    for (int y = std::max(first_year, start_year); y <= last_year; ++y) {
      year_month ym{year{y}, month{unsigned(bymonth)}};
      local_days d = ordinal > 0 ? local_days{year_month_weekday{ym / (*wd)[unsigned(ordinal)]}}
                                 : local_days{year_month_weekday_last{ym / (*wd)[last]}};
      time::Instant at{(d + time_of_day).time_since_epoch() - *from};
      if (at < first) continue;
      if (until && at > *until) break;
      changes.push_back({at, *to});
    }
  }
  if (changes.empty()) return std::nullopt;
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.at < b.at; });
  seconds initial = earliest_from;
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
  std::string where = std::string(source) + ":" + std::to_string(vtimezone.line);
  if (!tzid) return Error{Errc::invalid_value, "VTIMEZONE without TZID", where};
  if (auto fast = fast_zone(vtimezone, tzid->value, span)) return std::move(*fast);
  std::string text = serialize(vtimezone);
  std::unique_ptr<icalcomponent, ComponentDeleter> comp(icalparser_parse_string(text.c_str()));
  icalerror_clear_errno();
  if (!comp || icalcomponent_isa(comp.get()) != ICAL_VTIMEZONE_COMPONENT)
    return Error{Errc::invalid_value, "VTIMEZONE " + tzid->value + " cannot be read", where};
  std::unique_ptr<icaltimezone, ZoneDeleter> zone(icaltimezone_new());
  // icaltimezone_set_component takes ownership of the component.
  if (!icaltimezone_set_component(zone.get(), comp.get())) {
    icalerror_clear_errno();
    return Error{Errc::invalid_value, "VTIMEZONE " + tzid->value + " cannot be read", where};
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
  return time::Zone(tzid->value, initial, std::move(transitions));
}

}  // namespace yhteisaika::calendar::detail
