#include "vtimezone_zone.hpp"

#include <yhteisaika/calendar/errc.hpp>

#include <libical/ical.h>

#include <chrono>
#include <memory>

namespace yhteisaika::calendar::detail {
namespace {

struct ZoneDeleter {
  void operator()(icaltimezone* z) const { icaltimezone_free(z, 1); }
};
struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

icaltimetype utc_icaltime(time::Instant t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  icaltimetype tt = icaltime_null_time();
  tt.year = int(ymd.year());
  tt.month = int(unsigned(ymd.month()));
  tt.day = int(unsigned(ymd.day()));
  tt.hour = int(hms.hours().count());
  tt.minute = int(hms.minutes().count());
  tt.second = int(hms.seconds().count());
  tt.zone = icaltimezone_get_utc_timezone();
  return tt;
}

}  // namespace

Result<time::Zone> zone_from_vtimezone(const Component& vtimezone, time::Interval span, std::string_view source) {
  const Property* tzid = vtimezone.find("TZID");
  std::string where = std::string(source) + ":" + std::to_string(vtimezone.line);
  if (!tzid) return Error{Errc::invalid_value, "VTIMEZONE without TZID", where};
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
