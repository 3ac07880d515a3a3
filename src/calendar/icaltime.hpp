#pragma once
// Private to calendar/: our wall-clock values as libical's icaltimetype, for the
// recurrence iterator and zone sampling. No zone is attached on purpose: libical's
// zones (lazily built globals) are left alone; we convert through time::Zone.

#include <yhteisaika/time/interval.hpp>

#include <libical/ical.h>

#include <chrono>

namespace yhteisaika::calendar::detail {

inline icaltimetype to_icaltime(time::LocalTime t, bool is_date) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  icaltimetype tt = icaltime_null_time();
  tt.year = int(ymd.year());
  tt.month = int(unsigned(ymd.month()));
  tt.day = int(unsigned(ymd.day()));
  if (is_date) {
    tt.is_date = 1;
  } else {
    tt.hour = int(hms.hours().count());
    tt.minute = int(hms.minutes().count());
    tt.second = int(hms.seconds().count());
  }
  return tt;
}

inline time::LocalTime from_icaltime(const icaltimetype& tt) {
  using namespace std::chrono;
  const year_month_day ymd{year{tt.year}, month{unsigned(tt.month)}, day{unsigned(tt.day)}};
  time::LocalTime out = local_days{ymd};
  if (!tt.is_date) out += hours(tt.hour) + minutes(tt.minute) + seconds(tt.second);
  return out;
}

}  // namespace yhteisaika::calendar::detail
