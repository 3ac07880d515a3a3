#include "ical_values.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/calendar/errc.hpp>

#include <algorithm>
#include <charconv>
#include <set>

namespace yhteisaika::calendar::detail {

namespace {

using namespace std::chrono;

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

bool is_weekday(std::string_view s) {
  static constexpr std::string_view names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  return std::find(std::begin(names), std::end(names), s) != std::end(names);
}

}  // namespace

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

std::string rrule_problem(std::string_view value) {
  bool freq = false, until = false, count = false;
  std::set<std::string> seen;
  for (std::string_view part : split(value, ';')) {
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) return "part '" + std::string(part) + "' is not NAME=VALUE";
    std::string name = ascii_upper(part.substr(0, eq));
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
      if (std::find(std::begin(freqs), std::end(freqs), ascii_upper(val)) == std::end(freqs)) return "FREQ=" + std::string(val) + " is unknown";
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
      if (!is_weekday(ascii_upper(val))) return "WKST=" + std::string(val) + " is not a weekday";
    } else if (name == "BYDAY") {
      for (std::string_view item : split(val, ',')) {
        std::string u = ascii_upper(item);
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
    if (ascii_upper(part.substr(0, 6)) == "UNTIL=") return !part.empty() && (part.back() == 'Z' || part.back() == 'z');
  return false;
}

Result<void> validate_values(const Component& c, std::string_view source) {
  auto fail = [&](Errc code, std::string message, int line) {
    return Error{code, std::move(message), Location::in(std::string(source), line)};
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
    } else if (n == "DURATION" || (n == "TRIGGER" && ascii_upper(p.param("VALUE")) != "DATE-TIME")) {
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

}  // namespace yhteisaika::calendar::detail
