#include <yhteisaika/time/date.hpp>

#include "digits.hpp"

#include <array>
#include <system_error>

namespace yhteisaika::time {

namespace {

using namespace std::chrono;

constexpr std::array<const char*, 12> kMonthNames{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};

Error invalid(std::string message) {
  return Error{std::make_error_code(std::errc::invalid_argument), std::move(message), {}};
}

}  // namespace

Result<year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || !detail::date_shaped(text)) {
    return invalid("'" + std::string(text) + "' is not a date YYYY-MM-DD");
  }
  const int y = *detail::digits(text, 0, 4);
  const int m = *detail::digits(text, 5, 2);
  const int d = *detail::digits(text, 8, 2);
  const std::string shown(text);
  if (y == 0) return invalid("invalid date " + shown + ": year 0");
  if (m < 1 || m > 12) return invalid("invalid date " + shown + ": month " + std::to_string(m));
  const year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    const unsigned last = static_cast<unsigned>(year_month_day_last{year{y}, month_day_last{date.month()}}.day());
    return invalid("invalid date " + shown + ": " + kMonthNames[m - 1] + " " + std::to_string(y) + " has " +
                   std::to_string(last) + " days");
  }
  return date;
}

void append_date(std::string& out, year_month_day date) {
  char buf[10];
  const int y = static_cast<int>(date.year());
  detail::put2(buf, (y / 100) % 100);
  detail::put2(buf + 2, y % 100);
  buf[4] = '-';
  detail::put2(buf + 5, static_cast<int>(static_cast<unsigned>(date.month())));
  buf[7] = '-';
  detail::put2(buf + 8, static_cast<int>(static_cast<unsigned>(date.day())));
  out.append(buf, sizeof buf);
}

std::string format_date(year_month_day date) {
  std::string out;
  out.reserve(10);
  append_date(out, date);
  return out;
}

}  // namespace yhteisaika::time
