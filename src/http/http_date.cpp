#include <yhteisaika/http/http_date.hpp>

#include <yhteisaika/ascii.hpp>

#include <array>
#include <cstdio>

namespace yhteisaika::http {

namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A cursor over the date text; every reader returns false on a mismatch.
struct Reader {
  std::string_view rest;

  bool literal(std::string_view s) {
    if (!rest.starts_with(s)) return false;
    rest.remove_prefix(s.size());
    return true;
  }
  // Exactly `n` digits (n > 0); with `pad_space`, a leading space may stand for a zero (asctime's day).
  bool digits(std::size_t n, int& value, bool pad_space = false) {
    if (rest.size() < n) return false;
    value = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = rest[i];
      if (c == ' ' && pad_space && i == 0) continue;
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    rest.remove_prefix(n);
    return true;
  }
  bool month(unsigned& m) {
    const std::string name = ascii_lower(rest.substr(0, 3));
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
      if (ascii_lower(kMonths[i]) == name) {
        m = unsigned(i + 1);
        rest.remove_prefix(3);
        return true;
      }
    }
    return false;
  }
  // A day name, short ("Sun") or long ("Sunday"), in any case.
  bool day_name(bool long_form) {
    static constexpr std::array<std::string_view, 7> kLong = {"sunday",   "monday", "tuesday", "wednesday",
                                                              "thursday", "friday", "saturday"};
    static constexpr std::array<std::string_view, 7> kShort = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    for (std::string_view name : long_form ? kLong : kShort) {
      if (ascii_lower(rest.substr(0, name.size())) == name) {
        rest.remove_prefix(name.size());
        return true;
      }
    }
    return false;
  }
  bool time_of_day(seconds& out) {
    int h = 0, m = 0, s = 0;
    if (!digits(2, h) || !literal(":") || !digits(2, m) || !literal(":") || !digits(2, s)) return false;
    if (h > 23 || m > 59 || s > 60) return false;  // 60: a leap second
    out = hours{h} + minutes{m} + seconds{std::min(s, 59)};
    return true;
  }
  bool gmt() {
    const bool ok = ascii_lower(rest.substr(0, 3)) == "gmt";
    if (ok) rest.remove_prefix(3);
    return ok;
  }
};

std::optional<sys_seconds> instant(int y, unsigned m, int d, seconds time_of_day) {
  const year_month_day date{year{y}, month{m}, day{unsigned(d)}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date} + time_of_day;
}

}  // namespace

std::string http_date(sys_seconds t) {
  const auto day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{t - day};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d GMT", kDays[weekday{day}.c_encoding()].data(),
                unsigned(date.day()), kMonths[unsigned(date.month()) - 1].data(), int(date.year()),
                int(time.hours().count()), int(time.minutes().count()), int(time.seconds().count()));
  return text;
}

std::optional<sys_seconds> parse_http_date(std::string_view text, sys_seconds now) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  int y = 0, d = 0;
  unsigned m = 0;
  seconds tod{};
  {
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    Reader r{text};
    if (r.day_name(false) && r.literal(", ") && r.digits(2, d) && r.literal(" ") && r.month(m) && r.literal(" ") &&
        r.digits(4, y) && r.literal(" ") && r.time_of_day(tod) && r.literal(" ") && r.gmt() && r.rest.empty()) {
      return instant(y, m, d, tod);
    }
  }
  {
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    Reader r{text};
    if (r.day_name(true) && r.literal(", ") && r.digits(2, d) && r.literal("-") && r.month(m) && r.literal("-") &&
        r.digits(2, y) && r.literal(" ") && r.time_of_day(tod) && r.literal(" ") && r.gmt() && r.rest.empty()) {
      // RFC 9110 §5.6.7: a year more than 50 years in the future is in the past century.
      const int this_year = int(year_month_day{floor<days>(now)}.year());
      y += this_year / 100 * 100;
      if (y > this_year + 50) y -= 100;
      return instant(y, m, d, tod);
    }
  }
  {
    // asctime: "Sun Nov  6 08:49:37 1994"
    Reader r{text};
    if (r.day_name(false) && r.literal(" ") && r.month(m) && r.literal(" ") && r.digits(2, d, true) &&
        r.literal(" ") && r.time_of_day(tod) && r.literal(" ") && r.digits(4, y) && r.rest.empty()) {
      return instant(y, m, d, tod);
    }
  }
  return std::nullopt;
}

}  // namespace yhteisaika::http
