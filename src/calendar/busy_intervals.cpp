// From iCalendar text to busy time, by docs/scheduling-rules.md "From a calendar
// to busy time". Steps: scan the text (our own, for line numbers), validate every
// value we use, resolve zones, expand each series (RRULE + RDATE - EXDATE, RFC 5545
// §3.8.5), apply RECURRENCE-ID overrides (§3.8.4.4), keep the busy instances, and
// merge.
#include <yhteisaika/calendar/busy_intervals.hpp>

#include "ical_scan.hpp"
#include "icaltime.hpp"
#include "vtimezone_zone.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace yhteisaika::calendar {
namespace {

using namespace std::chrono;
using detail::Component;
using detail::Property;
using time::Instant;
using time::LocalTime;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t i = s.find(sep, start);
    out.push_back(s.substr(start, i == std::string_view::npos ? std::string_view::npos : i - start));
    if (i == std::string_view::npos) break;
    start = i + 1;
  }
  return out;
}

bool parse_uint(std::string_view s, long& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && out >= 0 && s[0] != '-' && s[0] != '+';
}

bool parse_int(std::string_view s, long& out) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (!parse_uint(s, out)) return false;
  if (neg) out = -out;
  return true;
}

// A DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5), as written.
struct DateTime {
  LocalTime local{};
  bool is_date = false;
  bool utc = false;
};

std::optional<DateTime> parse_date_time(std::string_view v) {
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= v.size() || v[i] < '0' || v[i] > '9') return false;
      out = out * 10 + (v[i] - '0');
    }
    return true;
  };
  int y, mo, d;
  if (v.size() < 8 || !digits(0, 4, y) || !digits(4, 2, mo) || !digits(6, 2, d)) return std::nullopt;
  year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  DateTime out;
  out.local = local_days{ymd};
  if (v.size() == 8) {
    out.is_date = true;
    return out;
  }
  int h, mi, s;
  if (v[8] != 'T' || !digits(9, 2, h) || !digits(11, 2, mi) || !digits(13, 2, s)) return std::nullopt;
  if (v.size() == 16 && v[15] == 'Z') out.utc = true;
  else if (v.size() != 15) return std::nullopt;
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  out.local += hours(h) + minutes(mi) + seconds(std::min(s, 59));
  return out;
}

// A DURATION value (RFC 5545 §3.3.6): days and weeks are nominal (local days),
// the time part is exact.
struct Duration {
  days nominal{0};
  seconds exact{0};
};

std::optional<Duration> parse_duration(std::string_view v) {
  int sign = 1;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
    sign = v[0] == '-' ? -1 : 1;
    v.remove_prefix(1);
  }
  if (v.empty() || v[0] != 'P') return std::nullopt;
  v.remove_prefix(1);
  auto number = [&](long& n) {
    std::size_t i = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == 0 || i > 9) return false;
    std::from_chars(v.data(), v.data() + i, n);
    v.remove_prefix(i);
    return true;
  };
  Duration out;
  long n = 0;
  bool any = false;
  if (!v.empty() && v[0] != 'T') {
    if (!number(n) || v.empty()) return std::nullopt;
    if (v[0] == 'W') {
      v.remove_prefix(1);
      if (!v.empty()) return std::nullopt;
      out.nominal = days(7 * n * sign);
      return out;
    }
    if (v[0] != 'D') return std::nullopt;
    v.remove_prefix(1);
    out.nominal = days(n * sign);
    any = true;
  }
  if (!v.empty()) {
    if (v[0] != 'T') return std::nullopt;
    v.remove_prefix(1);
    bool any_time = false;
    for (char unit : {'H', 'M', 'S'}) {
      if (v.empty()) break;
      std::string_view save = v;
      if (!number(n)) return std::nullopt;
      if (v.empty()) return std::nullopt;
      if (v[0] != unit) {
        v = save;
        continue;
      }
      v.remove_prefix(1);
      out.exact += seconds(n * (unit == 'H' ? 3600 : unit == 'M' ? 60 : 1) * sign);
      any_time = true;
    }
    if (!v.empty() || !any_time) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return out;
}

bool is_weekday(std::string_view s) {
  static constexpr std::string_view names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  return std::find(std::begin(names), std::end(names), s) != std::end(names);
}

// Validates an RRULE value (RFC 5545 §3.3.10) beyond what libical checks: every
// part known, every number in range. Returns a reason, or empty when valid.
std::string rrule_problem(std::string_view value) {
  bool freq = false, until = false, count = false;
  std::set<std::string> seen;
  for (std::string_view part : split(value, ';')) {
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) return "part '" + std::string(part) + "' is not NAME=VALUE";
    std::string name = upper(part.substr(0, eq));
    std::string_view val = part.substr(eq + 1);
    if (!seen.insert(name).second) return name + " appears twice";
    auto list_in = [&](long lo, long hi, bool allow_negative) -> bool {
      for (std::string_view item : split(val, ',')) {
        long n;
        if (!parse_int(item, n)) return false;
        long a = n < 0 ? -n : n;
        if (n < 0 && !allow_negative) return false;
        if (a < lo || a > hi) return false;
      }
      return true;
    };
    long n;
    if (name == "FREQ") {
      static constexpr std::string_view freqs[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
      if (std::find(std::begin(freqs), std::end(freqs), upper(val)) == std::end(freqs)) return "FREQ=" + std::string(val) + " is unknown";
      freq = true;
    } else if (name == "UNTIL") {
      if (!parse_date_time(val)) return "UNTIL=" + std::string(val) + " is not a valid date or date-time";
      until = true;
    } else if (name == "COUNT") {
      if (!parse_uint(val, n) || n < 1) return "COUNT=" + std::string(val) + " is not a positive number";
      count = true;
    } else if (name == "INTERVAL") {
      if (!parse_uint(val, n) || n < 1) return "INTERVAL=" + std::string(val) + " is not a positive number";
    } else if (name == "BYSECOND") {
      if (!list_in(0, 60, false)) return "BYSECOND=" + std::string(val) + " is out of range";
    } else if (name == "BYMINUTE") {
      if (!list_in(0, 59, false)) return "BYMINUTE=" + std::string(val) + " is out of range";
    } else if (name == "BYHOUR") {
      if (!list_in(0, 23, false)) return "BYHOUR=" + std::string(val) + " is out of range";
    } else if (name == "BYMONTHDAY") {
      if (!list_in(1, 31, true)) return "BYMONTHDAY=" + std::string(val) + " is out of range";
    } else if (name == "BYYEARDAY" || name == "BYSETPOS") {
      if (!list_in(1, 366, true)) return name + "=" + std::string(val) + " is out of range";
    } else if (name == "BYWEEKNO") {
      if (!list_in(1, 53, true)) return "BYWEEKNO=" + std::string(val) + " is out of range";
    } else if (name == "BYMONTH") {
      if (!list_in(1, 12, false)) return "BYMONTH=" + std::string(val) + " is out of range";
    } else if (name == "WKST") {
      if (!is_weekday(upper(val))) return "WKST=" + std::string(val) + " is not a weekday";
    } else if (name == "BYDAY") {
      for (std::string_view item : split(val, ',')) {
        std::string u = upper(item);
        if (u.size() < 2 || !is_weekday(std::string_view(u).substr(u.size() - 2))) return "BYDAY=" + std::string(val) + " is invalid";
        std::string_view ord = std::string_view(u).substr(0, u.size() - 2);
        if (!ord.empty() && (!parse_int(ord, n) || n == 0 || n < -53 || n > 53)) return "BYDAY=" + std::string(val) + " is invalid";
      }
    } else {
      return "part " + name + " is unknown";
    }
  }
  if (!freq) return "FREQ is missing";
  if (until && count) return "UNTIL and COUNT may not both appear (RFC 5545 §3.3.10)";
  return {};
}

bool rrule_until_is_utc(std::string_view value) {
  for (std::string_view part : split(value, ';'))
    if (upper(part.substr(0, 6)) == "UNTIL=") return !part.empty() && (part.back() == 'Z' || part.back() == 'z');
  return false;
}

struct RecurDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

using detail::to_icaltime;

LocalTime from_icaltime(const icaltimetype& tt) {
  year_month_day ymd{year{tt.year}, month{unsigned(tt.month)}, day{unsigned(tt.day)}};
  LocalTime out = local_days{ymd};
  if (!tt.is_date) out += hours(tt.hour) + minutes(tt.minute) + seconds(tt.second);
  return out;
}

// The state of one call: its source, options, and zones resolved so far.
class Expander {
 public:
  Expander(std::string_view source, const ExpandOptions& options) : source_(source), options_(options) {}

  Result<std::vector<time::Interval>> run(const Component& calendar);

 private:
  // A value's zone: nullptr means UTC.
  struct Zoned {
    DateTime dt;
    const time::Zone* zone = nullptr;
  };

  Error error(Errc code, std::string message, int line) const {
    return Error{code, std::move(message), std::string(source_) + ":" + std::to_string(line)};
  }

  Instant instant(const time::Zone* zone, LocalTime local) const {
    return zone ? zone->to_instant(local) : Instant{local.time_since_epoch()};
  }
  LocalTime local_of(const time::Zone* zone, Instant t) const {
    return zone ? zone->to_local(t) : LocalTime{t.time_since_epoch()};
  }

  Result<const time::Zone*> zone_for(const Property& p, const DateTime& dt);
  Result<Zoned> read_value(const Property& p, std::string_view value);
  Result<Zoned> read(const Property& p) { return read_value(p, p.value); }
  Result<void> add_event(const Component& ev, bool is_override);
  template <class Consider>
  std::optional<bool> expand_simple(const icalrecurrencetype& rule, LocalTime start_local, const time::Zone* zone,
                                    Instant window_start, Consider& consider) const;
  Result<void> add_freebusy(const Component& fb);

  std::string_view source_;
  const ExpandOptions& options_;
  time::Interval horizon_;
  std::map<std::string, const Component*, std::less<>> vtimezones_;
  std::map<std::string, std::shared_ptr<const time::Zone>, std::less<>> zones_;
  // Overridden instances by UID, keyed by the instant of their RECURRENCE-ID.
  std::unordered_map<std::string, std::set<Instant>> overridden_;
  // Busy instances of series, kept until every override is known (step 2).
  struct Pending {
    std::string uid;
    Instant start, end;
  };
  std::vector<Pending> pending_;
  std::vector<time::Interval> busy_;
};

Result<const time::Zone*> Expander::zone_for(const Property& p, const DateTime& dt) {
  if (dt.utc) return static_cast<const time::Zone*>(nullptr);
  std::string_view tzid = p.param("TZID");
  // RFC 5545 §3.2.19: floating times and DATE values carry no zone; ours is the deployment zone.
  if (tzid.empty() || dt.is_date) return options_.local_zone;
  if (auto it = zones_.find(tzid); it != zones_.end()) return it->second.get();
  std::shared_ptr<const time::Zone> zone;
  if (auto vt = vtimezones_.find(tzid); vt != vtimezones_.end()) {
    // RFC 5545 §3.6.5: a VTIMEZONE in the file wins over the system database.
    time::Interval span{horizon_.start - days(366), horizon_.end + days(366)};
    auto built = detail::zone_from_vtimezone(*vt->second, span, source_);
    if (!built) return built.error();
    zone = std::make_shared<const time::Zone>(std::move(*built));
  } else {
    auto found = options_.zones->find(tzid);
    if (!found) return error(Errc::unknown_timezone, "unknown time zone TZID=" + std::string(tzid), p.line);
    zone = *found;
  }
  const time::Zone* raw = zone.get();
  zones_.emplace(std::string(tzid), std::move(zone));
  return raw;
}

Result<Expander::Zoned> Expander::read_value(const Property& p, std::string_view value) {
  auto dt = parse_date_time(value);
  if (!dt) return error(Errc::invalid_value, p.name + " value '" + std::string(value) + "' is not a valid date or date-time", p.line);
  std::string vtype = upper(p.param("VALUE"));
  if ((vtype == "DATE" && !dt->is_date) || (vtype == "DATE-TIME" && dt->is_date))
    return error(Errc::invalid_value, p.name + " value '" + std::string(value) + "' does not match VALUE=" + vtype, p.line);
  auto zone = zone_for(p, *dt);
  if (!zone) return zone.error();
  return Zoned{*dt, *zone};
}

Result<void> Expander::add_event(const Component& ev, bool is_override) {
  const Property* dtstart_p = ev.find("DTSTART");
  if (!dtstart_p) return error(Errc::invalid_value, "VEVENT has no DTSTART", ev.line);
  auto start = read(*dtstart_p);
  if (!start) return start.error();
  const time::Zone* zone = start->zone;
  const LocalTime start_local = start->dt.local;
  const Instant start_instant = instant(zone, start_local);

  // End (RFC 5545 §3.6.1): DTEND, else DURATION, else one day for a DATE start
  // and zero time for a DATE-TIME start.
  std::optional<Duration> length;
  if (const Property* dtend_p = ev.find("DTEND")) {
    auto end = read(*dtend_p);
    if (!end) return end.error();
    if (start->dt.is_date) {
      length = Duration{floor<days>(end->dt.local - start_local), seconds(0)};
    } else {
      length = Duration{days(0), instant(end->zone, end->dt.local) - start_instant};
    }
  } else if (const Property* dur_p = ev.find("DURATION")) {
    length = parse_duration(dur_p->value);
    if (!length) return error(Errc::invalid_value, "DURATION value '" + dur_p->value + "' is not a valid duration", dur_p->line);
  } else {
    length = start->dt.is_date ? Duration{days(1), seconds(0)} : Duration{};
  }
  auto end_of = [&](LocalTime local, Instant at) {
    Instant e = length->nominal.count() ? instant(zone, local + length->nominal) : at;
    return e + length->exact;
  };

  std::string uid;
  if (const Property* u = ev.find("UID")) uid = u->value;
  bool busy = true;
  if (const Property* t = ev.find("TRANSP"); t && upper(t->value) == "TRANSPARENT") busy = false;
  if (const Property* s = ev.find("STATUS"); s && upper(s->value) == "CANCELLED") busy = false;
  if (const Property* h = ev.find("X-YHTEISAIKA-HOLE"); h && upper(h->value) == "TRUE") busy = false;

  // Validate everything we would use, busy or not, so a broken file is never "free".
  std::vector<Instant> exdates;
  std::vector<std::pair<Instant, Instant>> rdates;
  const Property* rrule_p = nullptr;
  for (const Property& p : ev.props) {
    if (p.name == "EXDATE") {
      for (std::string_view v : split(p.value, ',')) {
        auto x = read_value(p, v);
        if (!x) return x.error();
        exdates.push_back(instant(x->zone, x->dt.local));
      }
    } else if (p.name == "RDATE") {
      for (std::string_view v : split(p.value, ',')) {
        std::size_t slash = v.find('/');
        auto x = read_value(p, v.substr(0, slash));
        if (!x) return x.error();
        Instant s = instant(x->zone, x->dt.local);
        Instant e;
        if (slash != std::string_view::npos) {
          // RFC 5545 §3.3.9: a PERIOD is start/end or start/duration.
          std::string_view rest = v.substr(slash + 1);
          if (auto d = parse_duration(rest)) {
            e = (d->nominal.count() ? instant(x->zone, x->dt.local + d->nominal) : s) + d->exact;
          } else {
            auto y = read_value(p, rest);
            if (!y) return y.error();
            e = instant(y->zone, y->dt.local);
          }
        } else {
          e = end_of(x->dt.local, s);
        }
        rdates.emplace_back(s, e);
      }
    } else if (p.name == "RRULE") {
      if (std::string why = rrule_problem(p.value); !why.empty())
        return error(Errc::invalid_rule, "RRULE is invalid: " + why, p.line);
      rrule_p = &p;
    }
  }

  if (is_override) {
    const Property* rid_p = ev.find("RECURRENCE-ID");
    auto rid = read(*rid_p);
    if (!rid) return rid.error();
    // RFC 5545 §3.8.4.4: matched by instant, so a UTC value matches a local series.
    overridden_[uid].insert(instant(rid->zone, rid->dt.local));
    // The override replaces the instance whole; it is not itself a series.
    if (busy) busy_.push_back({start_instant, end_of(start_local, start_instant)});
    return {};
  }

  // Step 1 (style 7): RRULE + RDATE - EXDATE, within the horizon widened by the duration.
  const Instant window_start =
      horizon_.start - (length->nominal.count() > 0 ? duration_cast<seconds>(length->nominal) + days(1) : seconds(0)) -
      (length->exact.count() > 0 ? length->exact : seconds(0));
  struct Instance {
    Instant start, end;
  };
  std::vector<Instance> instances;
  std::size_t in_window = 0;
  auto consider = [&](Instant s, Instant e) -> bool {
    if (s >= window_start && s < horizon_.end) {
      instances.push_back({s, e});
      ++in_window;
    }
    return in_window <= options_.max_occurrences_per_series;
  };
  auto cap_error = [&] {
    return error(Errc::too_many_occurrences,
                 "series UID " + uid + " has more than " + std::to_string(options_.max_occurrences_per_series) +
                     " occurrences in the horizon",
                 ev.line);
  };

  if (rrule_p) {
    icalrecurrencetype rule = icalrecurrencetype_from_string(rrule_p->value.c_str());
    if (rule.freq == ICAL_NO_RECURRENCE) {
      icalerror_clear_errno();
      return error(Errc::invalid_rule, "RRULE is invalid: '" + rrule_p->value + "'", rrule_p->line);
    }
    icalerror_clear_errno();
    if (!icaltime_is_null_time(rule.until)) {
      // A UTC UNTIL bounds the series as an instant (RFC 5545 §3.3.10): restate it in
      // the series' local time, since we iterate over local times.
      // Read from the text: libical's UTC zone is a lazily built global we leave alone.
      const bool until_utc = rrule_until_is_utc(rrule_p->value);
      if (until_utc) {
        Instant u{from_icaltime(rule.until).time_since_epoch()};
        rule.until = to_icaltime(local_of(zone, u), start->dt.is_date);
        if (start->dt.is_date) rule.until = to_icaltime(floor<days>(local_of(zone, u)), true);
      } else if (rule.until.is_date && !start->dt.is_date) {
        rule.until = to_icaltime(from_icaltime(rule.until) + days(1) - seconds(1), false);
      } else {
        rule.until = to_icaltime(from_icaltime(rule.until), start->dt.is_date);
      }
    }
    auto consider_local = [&](Instant s, LocalTime l) { return consider(s, end_of(l, s)); };
    if (auto fast = expand_simple(rule, start_local, zone, window_start, consider_local)) {
      if (!*fast) return cap_error();
    } else {
    std::unique_ptr<icalrecur_iterator, RecurDeleter> it(icalrecur_iterator_new(rule, to_icaltime(start_local, start->dt.is_date)));
    icalerror_clear_errno();
    if (!it) return error(Errc::invalid_rule, "RRULE '" + rrule_p->value + "' cannot be expanded", rrule_p->line);
    // Skip ahead to the window. libical 3.0 cannot do so for COUNT rules, and gets
    // the phase of sub-daily rules with INTERVAL > 1 wrong (checked against full
    // iteration), so those are iterated from DTSTART.
    const bool sub_daily = rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
                           rule.freq == ICAL_HOURLY_RECURRENCE;
    const LocalTime skip_to = floor<days>(local_of(zone, window_start)) - days(1);
    if (rule.count == 0 && (!sub_daily || rule.interval <= 1) && skip_to > start_local) {
      icalrecur_iterator_set_start(it.get(), to_icaltime(skip_to, start->dt.is_date));
      icalerror_clear_errno();
    }
    std::size_t guard = 0;
    for (icaltimetype tt = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(tt); tt = icalrecur_iterator_next(it.get())) {
      LocalTime l = from_icaltime(tt);
      Instant s = instant(zone, l);
      if (s >= horizon_.end) break;
      if (!consider(s, end_of(l, s))) return cap_error();
      // Iterations before the window are not occurrences in the horizon, but they still cost time.
      if (++guard > 10'000'000) return cap_error();
    }
    icalerror_clear_errno();
    }
  } else {
    consider(start_instant, end_of(start_local, start_instant));
  }
  for (auto [s, e] : rdates)
    if (!consider(s, e)) return cap_error();

  std::sort(exdates.begin(), exdates.end());
  for (const Instance& i : instances) {
    if (std::binary_search(exdates.begin(), exdates.end(), i.start)) continue;
    if (busy) pending_.push_back({uid, i.start, i.end});
  }
  return {};
}

bool by_empty(const short* array) { return array[0] == ICAL_RECURRENCE_ARRAY_MAX; }

// The fast path for DAILY and WEEKLY rules with plain BYDAY (RFC 5545 §3.3.10),
// which most calendars use: libical 3.0 expands through ICU, which costs
// microseconds per instance and more per iterator. Returns nullopt when the rule
// needs libical, else whether the cap held. Calls consider(start, end) per instance.
template <class Consider>
std::optional<bool> Expander::expand_simple(const icalrecurrencetype& rule, LocalTime start_local, const time::Zone* zone,
                                            Instant window_start, Consider& consider) const {
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
  const local_days start_day = floor<days>(start_local);
  const seconds time_of_day = start_local - start_day;
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
    local_days target = floor<days>(local_of(zone, window_start)) - days(1);
    if (target > start_day) {
      long period = weekly ? 7 * interval : interval;
      long base = weekly ? (target - first_week).count() : (target - start_day).count();
      d = (weekly ? first_week : start_day) + days(base / period * period);
      // DTSTART is before the window, so it is not an occurrence in it.
      emitted = 1;
    }
  }
  for (;; d += days(1)) {
    // A DTSTART that the rule does not match is no occurrence, as in libical
    // (RFC 5545 §3.8.5.3 leaves that recurrence set undefined).
    if (d < start_day || !matches(d)) continue;
    LocalTime l = d + time_of_day;
    if (until && l > *until) break;
    Instant s = instant(zone, l);
    if (s >= horizon_.end) break;
    if (!consider(s, l)) return false;
    if (count && ++emitted >= count) break;
  }
  return true;
}

Result<void> Expander::add_freebusy(const Component& fb) {
  for (const Property& p : fb.props) {
    if (p.name != "FREEBUSY") continue;
    // RFC 5545 §3.2.9: FBTYPE defaults to BUSY; only FREE is not busy.
    bool busy = upper(p.param("FBTYPE")) != "FREE";
    for (std::string_view v : split(p.value, ',')) {
      std::size_t slash = v.find('/');
      if (slash == std::string_view::npos)
        return error(Errc::invalid_value, "FREEBUSY value '" + std::string(v) + "' is not a period", p.line);
      auto x = read_value(p, v.substr(0, slash));
      if (!x) return x.error();
      if (x->dt.is_date) return error(Errc::invalid_value, "FREEBUSY period '" + std::string(v) + "' must use date-times", p.line);
      Instant s = instant(x->zone, x->dt.local);
      Instant e;
      std::string_view rest = v.substr(slash + 1);
      if (!rest.empty() && (rest[0] == 'P' || rest[0] == '+' || rest[0] == '-')) {
        auto d = parse_duration(rest);
        if (!d) return error(Errc::invalid_value, "FREEBUSY period '" + std::string(v) + "' has an invalid duration", p.line);
        e = s + d->nominal + d->exact;
      } else {
        auto y = read_value(p, rest);
        if (!y) return y.error();
        e = instant(y->zone, y->dt.local);
      }
      if (busy) busy_.push_back({s, e});
    }
  }
  return {};
}

// Every date, time, duration and rule in the file must be valid, also in parts we
// do not expand (VTODO, VALARM, DTSTAMP): a broken file is never read as "free".
Result<void> validate_values(const Component& c, std::string_view source) {
  auto fail = [&](Errc code, std::string message, int line) {
    return Error{code, std::move(message), std::string(source) + ":" + std::to_string(line)};
  };
  for (const Property& p : c.props) {
    const std::string& n = p.name;
    if (n == "DTSTART" || n == "DTEND" || n == "DUE" || n == "DTSTAMP" || n == "CREATED" || n == "LAST-MODIFIED" ||
        n == "COMPLETED" || n == "RECURRENCE-ID" || n == "EXDATE" || n == "RDATE") {
      for (std::string_view v : split(p.value, ',')) {
        std::string_view first = v.substr(0, v.find('/'));
        if (!parse_date_time(first))
          return fail(Errc::invalid_value, n + " value '" + std::string(v) + "' is not a valid date or date-time", p.line);
      }
    } else if (n == "DURATION" || (n == "TRIGGER" && upper(p.param("VALUE")) != "DATE-TIME")) {
      if (!parse_duration(p.value)) return fail(Errc::invalid_value, n + " value '" + p.value + "' is not a valid duration", p.line);
    } else if (n == "RRULE" || n == "EXRULE") {
      if (std::string why = rrule_problem(p.value); !why.empty())
        return fail(Errc::invalid_rule, n + " is invalid: " + why, p.line);
    }
  }
  for (const Component& child : c.children) {
    auto r = validate_values(child, source);
    if (!r) return r;
  }
  return {};
}

Result<std::vector<time::Interval>> Expander::run(const Component& calendar) {
  horizon_ = options_.horizon;
  if (auto valid = validate_values(calendar, source_); !valid) return valid.error();
  for (const Component& c : calendar.children) {
    if (c.name != "VTIMEZONE") continue;
    if (const Property* tzid = c.find("TZID")) vtimezones_.emplace(tzid->value, &c);
  }
  for (const Component& c : calendar.children) {
    if (c.name == "VEVENT") {
      auto r = add_event(c, c.find("RECURRENCE-ID") != nullptr);
      if (!r) return r.error();
    } else if (c.name == "VFREEBUSY") {
      auto r = add_freebusy(c);
      if (!r) return r.error();
    }
    // VTODO, VJOURNAL (and VALARM inside events) are not busy time.
  }
  // Step 2 (style 7): an overridden instance is replaced whole by its override.
  for (const Pending& p : pending_) {
    if (auto it = overridden_.find(p.uid); it != overridden_.end() && it->second.contains(p.start)) continue;
    busy_.push_back({p.start, p.end});
  }
  std::vector<time::Interval> clipped;
  clipped.reserve(busy_.size());
  for (time::Interval i : busy_) {
    i.start = std::max(i.start, horizon_.start);
    i.end = std::min(i.end, horizon_.end);
    if (!i.empty()) clipped.push_back(i);
  }
  return time::merge_intervals(std::move(clipped));
}

}  // namespace

Result<std::vector<time::Interval>> busy_intervals(std::string_view ics_text, std::string_view source_name,
                                                   const ExpandOptions& options) {
  auto calendar = detail::scan_calendar(ics_text, source_name);
  if (!calendar) return calendar.error();
  Expander expander(source_name, options);
  return expander.run(*calendar);
}

}  // namespace yhteisaika::calendar
