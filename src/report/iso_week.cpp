#include <yhteisaika/report/iso_week.hpp>

namespace yhteisaika::report {

using namespace std::chrono;

IsoWeek iso_week_of(year_month_day day) {
  // The week belongs to the year of its Thursday (ISO 8601-1:2019 §5.2.4.2).
  const sys_days d{day};
  const sys_days thursday = d + days{4 - static_cast<int>(weekday{d}.iso_encoding())};
  const year y = year_month_day{thursday}.year();
  const auto week = (thursday - sys_days{y / January / 1}).count() / 7 + 1;
  return IsoWeek{y, static_cast<unsigned>(week)};
}

year_month_day monday_of(year_month_day day) {
  const sys_days d{day};
  return year_month_day{d - days{weekday{d}.iso_encoding() - 1}};
}

std::string to_string(IsoWeek week) {
  std::string year_text = std::to_string(static_cast<int>(week.year));
  while (year_text.size() < 4) year_text.insert(year_text.begin(), '0');
  std::string out = year_text + "-W";
  out += static_cast<char>('0' + week.week / 10);
  out += static_cast<char>('0' + week.week % 10);
  return out;
}

}  // namespace yhteisaika::report
