// From iCalendar text to busy time, by docs/scheduling-rules.md "From a calendar
// to busy time". Steps: scan the text (our own, for line numbers), validate every
// value we use, resolve zones, expand each series (RRULE + RDATE - EXDATE, RFC 5545
// §3.8.5), apply RECURRENCE-ID overrides (§3.8.4.4), keep the busy instances, and
// merge.
#include <yhteisaika/calendar/busy_intervals.hpp>

#include "ical_scan.hpp"
#include "ical_values.hpp"
#include "rrule_expansion.hpp"
#include "vtimezone_zone.hpp"

#include <yhteisaika/ascii.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace yhteisaika::calendar {
namespace {

using namespace std::chrono;
using detail::Component;
using detail::DateTime;
using detail::Duration;
using detail::instant_in;
using detail::parse_duration;
using detail::Property;
using detail::Parts;
using time::Instant;
using time::LocalTime;

// A DATE or DATE-TIME value with its zone resolved: nullptr means UTC.
struct Zoned {
  DateTime dt;
  const time::Zone* zone = nullptr;

  Instant at() const { return instant_in(zone, dt.local); }
};

// What a VEVENT says about its time (RFC 5545 §3.6.1): its first instance, how
// long each instance lasts, and whether that time is busy.
struct Event {
  std::string_view uid;  // §3.8.4.7; empty when missing
  Zoned start;      // DTSTART, §3.8.2.4
  Duration length;  // from DTEND (§3.8.2.2) or DURATION (§3.8.2.5)
  bool busy = true;

  // The end of the instance starting at `local` (the instant `at`): nominal days
  // on the wall clock of the event's zone, then exact time.
  Instant end_of(LocalTime local, Instant at) const {
    const Instant e = length.nominal.count() ? instant_in(start.zone, local + length.nominal) : at;
    return e + length.exact;
  }
};

// The recurrence properties of a VEVENT (RFC 5545 §3.8.5).
struct Recurrence {
  std::vector<Instant> exdates;                      // EXDATE, §3.8.5.1
  std::vector<std::pair<Instant, Instant>> rdates;   // RDATE, §3.8.5.2, as [start, end)
  const Property* rrule = nullptr;                   // RRULE, §3.8.5.3 (the last one)
};

// The instances of one series kept for the horizon: those starting in
// [from, to), at most `cap` of them (style 7: a named error, not a silent cut).
class Instances {
 public:
  Instances(Instant from, Instant to, std::size_t cap) : from_(from), to_(to), cap_(cap) {}

  // Keeps [start, end) when it starts in the window; false once over the cap.
  bool add(Instant start, Instant end) {
    if (start >= from_ && start < to_) kept_.push_back({start, end});
    return kept_.size() <= cap_;
  }

  const std::vector<time::Interval>& kept() const { return kept_; }

 private:
  Instant from_, to_;
  std::size_t cap_;
  std::vector<time::Interval> kept_;
};

// The state of one call: its source, options, and zones resolved so far.
class Expander {
 public:
  Expander(std::string_view source, const ExpandOptions& options) : source_(source), options_(options) {}

  Result<std::vector<time::Interval>> run(const Component& calendar);

 private:
  Error error(Errc code, std::string message, int line) const {
    return Error{code, std::move(message), Location::in(std::string(source_), line)};
  }

  Result<const time::Zone*> zone_for(const Property& p, const DateTime& dt);
  Result<Zoned> read_value(const Property& p, std::string_view value);
  Result<Zoned> read(const Property& p) { return read_value(p, p.value); }

  Result<void> add_event(const Component& ev);
  Result<Event> read_event(const Component& ev);
  Result<Duration> read_length(const Component& ev, const Zoned& start);
  Result<Recurrence> read_recurrence(const Component& ev, const Event& event);
  Result<std::pair<Instant, Instant>> read_rdate(const Property& p, std::string_view value, const Event& event);
  Result<void> add_override(const Component& ev, const Event& event);
  Result<void> add_series(const Component& ev, const Event& event, Recurrence recurrence);
  Result<void> add_freebusy(const Component& fb);
  Result<Instant> read_freebusy_end(const Property& p, std::string_view period, Instant start);

  std::string_view source_;
  const ExpandOptions& options_;
  time::Interval horizon_;
  std::map<std::string_view, const Component*, std::less<>> vtimezones_;
  std::map<std::string, std::shared_ptr<const time::Zone>, std::less<>> zones_;
  // Overridden instances by UID, keyed by the instant of their RECURRENCE-ID.
  std::unordered_map<std::string_view, std::set<Instant>> overridden_;
  // Busy instances of series, kept until every override is known (step 2).
  struct Pending {
    std::string_view uid;
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

Result<Zoned> Expander::read_value(const Property& p, std::string_view value) {
  auto dt = detail::parse_date_time(value);
  if (!dt)
    return error(Errc::invalid_value, std::string(p.name) + " value '" + std::string(value) + "' is not a valid date or date-time", p.line);
  const std::string_view vtype = p.param("VALUE");
  if ((ascii_iequals(vtype, "DATE") && !dt->is_date) || (ascii_iequals(vtype, "DATE-TIME") && dt->is_date))
    return error(Errc::invalid_value,
                 std::string(p.name) + " value '" + std::string(value) + "' does not match VALUE=" + ascii_upper(vtype), p.line);
  auto zone = zone_for(p, *dt);
  if (!zone) return zone.error();
  return Zoned{*dt, *zone};
}

// A VEVENT (RFC 5545 §3.6.1) is either an override of one instance of a series
// (it has a RECURRENCE-ID) or a series of its own (one instance, or a rule).
// Everything it holds is read first, busy or not, so that a broken file is never "free".
Result<void> Expander::add_event(const Component& ev) {
  auto event = read_event(ev);
  if (!event) return event.error();
  auto recurrence = read_recurrence(ev, *event);
  if (!recurrence) return recurrence.error();
  if (ev.find(detail::Name::recurrence_id)) return add_override(ev, *event);
  return add_series(ev, *event, std::move(*recurrence));
}

Result<Event> Expander::read_event(const Component& ev) {
  const Property* dtstart_p = ev.find(detail::Name::dtstart);
  if (!dtstart_p) return error(Errc::invalid_value, "VEVENT has no DTSTART", ev.line);
  auto start = read(*dtstart_p);
  if (!start) return start.error();
  auto length = read_length(ev, *start);
  if (!length) return length.error();
  Event event{{}, *start, *length, true};
  if (const Property* u = ev.find("UID")) event.uid = u->value;
  // Not busy: TRANSP:TRANSPARENT (§3.8.2.7), STATUS:CANCELLED (§3.8.1.11), and
  // our own marker of the hole reservation, which only keeps the time.
  if (const Property* t = ev.find("TRANSP"); t && ascii_iequals(t->value, "TRANSPARENT")) event.busy = false;
  if (const Property* s = ev.find("STATUS"); s && ascii_iequals(s->value, "CANCELLED")) event.busy = false;
  if (const Property* h = ev.find("X-YHTEISAIKA-HOLE"); h && ascii_iequals(h->value, "TRUE")) event.busy = false;
  return event;
}

// The length of each instance (RFC 5545 §3.6.1): DTEND, else DURATION, else one
// day for a DATE start and zero time for a DATE-TIME start. A DATE event's length
// is whole local days.
Result<Duration> Expander::read_length(const Component& ev, const Zoned& start) {
  if (const Property* dtend_p = ev.find(detail::Name::dtend)) {
    auto end = read(*dtend_p);
    if (!end) return end.error();
    if (start.dt.is_date) return Duration{floor<days>(end->dt.local - start.dt.local), seconds(0)};
    return Duration{days(0), end->at() - start.at()};
  }
  if (const Property* dur_p = ev.find(detail::Name::duration)) {
    auto length = parse_duration(dur_p->value);
    if (!length) return error(Errc::invalid_value, "DURATION value '" + std::string(dur_p->value) + "' is not a valid duration", dur_p->line);
    return *length;
  }
  return start.dt.is_date ? Duration{days(1), seconds(0)} : Duration{};
}

Result<Recurrence> Expander::read_recurrence(const Component& ev, const Event& event) {
  Recurrence out;
  for (const Property& p : ev.props) {
    if (p.kind == detail::Name::exdate) {
      Parts values(p.value, ',');
      for (std::string_view v; values.next(v);) {
        auto x = read_value(p, v);
        if (!x) return x.error();
        out.exdates.push_back(x->at());
      }
    } else if (p.kind == detail::Name::rdate) {
      Parts values(p.value, ',');
      for (std::string_view v; values.next(v);) {
        auto instance = read_rdate(p, v, event);
        if (!instance) return instance.error();
        out.rdates.push_back(*instance);
      }
    } else if (p.kind == detail::Name::rrule) {
      if (std::string why = detail::rrule_problem(p.value); !why.empty())
        return error(Errc::invalid_rule, "RRULE is invalid: " + why, p.line);
      out.rrule = &p;
    }
  }
  return out;
}

// One RDATE value (RFC 5545 §3.8.5.2): a date or date-time, whose instance lasts
// as long as the event's, or a PERIOD (§3.3.9) of start/end or start/duration.
Result<std::pair<Instant, Instant>> Expander::read_rdate(const Property& p, std::string_view value, const Event& event) {
  const std::size_t slash = value.find('/');
  auto x = read_value(p, value.substr(0, slash));
  if (!x) return x.error();
  const Instant s = x->at();
  if (slash == std::string_view::npos) return std::pair{s, event.end_of(x->dt.local, s)};
  const std::string_view rest = value.substr(slash + 1);
  if (auto d = parse_duration(rest)) {
    return std::pair{s, (d->nominal.count() ? instant_in(x->zone, x->dt.local + d->nominal) : s) + d->exact};
  }
  auto y = read_value(p, rest);
  if (!y) return y.error();
  return std::pair{s, y->at()};
}

// Step 2's input (RFC 5545 §3.8.4.4): the override replaces the instance of its
// series that starts at its RECURRENCE-ID, matched by instant (so a UTC value
// matches a local series); it is not itself a series.
Result<void> Expander::add_override(const Component& ev, const Event& event) {
  auto rid = read(*ev.find(detail::Name::recurrence_id));
  if (!rid) return rid.error();
  overridden_[event.uid].insert(rid->at());
  const Instant start = event.start.at();
  if (event.busy) busy_.push_back({start, event.end_of(event.start.dt.local, start)});
  return {};
}

// Step 1 (style 7): the instances of the series, RRULE + RDATE - EXDATE (RFC 5545
// §3.8.5), inside the horizon widened by the event's length (an instance that
// starts before the horizon may reach into it).
Result<void> Expander::add_series(const Component& ev, const Event& event, Recurrence recurrence) {
  const Duration& length = event.length;
  const Instant from = horizon_.start -
                       (length.nominal.count() > 0 ? duration_cast<seconds>(length.nominal) + days(1) : seconds(0)) -
                       (length.exact.count() > 0 ? length.exact : seconds(0));
  Instances instances(from, horizon_.end, options_.max_occurrences_per_series);
  const auto over_cap = [&] {
    return error(Errc::too_many_occurrences,
                 "series UID " + std::string(event.uid) + " has more than " + std::to_string(options_.max_occurrences_per_series) +
                     " occurrences in the horizon",
                 ev.line);
  };

  if (recurrence.rrule) {
    const detail::SeriesStart start{event.start.dt.local, event.start.dt.is_date, event.start.zone};
    auto done = detail::expand_rrule(*recurrence.rrule, start, from, horizon_.end, source_,
                                     [&](Instant s, LocalTime l) { return instances.add(s, event.end_of(l, s)); });
    if (!done) return done.error();
    if (!*done) return over_cap();
  } else {
    // Without a rule DTSTART is the one instance (with a rule, only if the rule matches it).
    const Instant s = event.start.at();
    instances.add(s, event.end_of(event.start.dt.local, s));
  }
  for (auto [s, e] : recurrence.rdates)
    if (!instances.add(s, e)) return over_cap();

  std::sort(recurrence.exdates.begin(), recurrence.exdates.end());
  for (const time::Interval& i : instances.kept()) {
    if (std::binary_search(recurrence.exdates.begin(), recurrence.exdates.end(), i.start)) continue;
    if (event.busy) pending_.push_back({event.uid, i.start, i.end});
  }
  return {};
}

// A VFREEBUSY (RFC 5545 §3.6.4): each FREEBUSY period (§3.8.2.6) is busy unless
// its FBTYPE (§3.2.9, default BUSY) is FREE.
Result<void> Expander::add_freebusy(const Component& fb) {
  for (const Property& p : fb.props) {
    if (p.kind != detail::Name::freebusy) continue;
    const bool busy = !ascii_iequals(p.param("FBTYPE"), "FREE");
    Parts values(p.value, ',');
    for (std::string_view v; values.next(v);) {
      std::size_t slash = v.find('/');
      if (slash == std::string_view::npos)
        return error(Errc::invalid_value, "FREEBUSY value '" + std::string(v) + "' is not a period", p.line);
      auto x = read_value(p, v.substr(0, slash));
      if (!x) return x.error();
      if (x->dt.is_date) return error(Errc::invalid_value, "FREEBUSY period '" + std::string(v) + "' must use date-times", p.line);
      const Instant s = x->at();
      auto e = read_freebusy_end(p, v, s);
      if (!e) return e.error();
      if (busy) busy_.push_back({s, *e});
    }
  }
  return {};
}

// The end of a FREEBUSY PERIOD (RFC 5545 §3.3.9): a date-time, or a duration of
// exact time after its start.
Result<Instant> Expander::read_freebusy_end(const Property& p, std::string_view period, Instant start) {
  const std::string_view rest = period.substr(period.find('/') + 1);
  if (!rest.empty() && (rest[0] == 'P' || rest[0] == '+' || rest[0] == '-')) {
    auto d = parse_duration(rest);
    if (!d) return error(Errc::invalid_value, "FREEBUSY period '" + std::string(period) + "' has an invalid duration", p.line);
    return start + d->nominal + d->exact;
  }
  auto y = read_value(p, rest);
  if (!y) return y.error();
  return y->at();
}

Result<std::vector<time::Interval>> Expander::run(const Component& calendar) {
  horizon_ = options_.horizon;
  if (auto valid = detail::validate_values(calendar, source_); !valid) return valid.error();
  for (const Component& c : calendar.children) {
    if (c.name != "VTIMEZONE") continue;
    if (const Property* tzid = c.find("TZID")) vtimezones_.emplace(tzid->value, &c);
  }
  for (const Component& c : calendar.children) {
    if (c.name == "VEVENT") {
      auto r = add_event(c);
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
