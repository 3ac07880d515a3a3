#include "ical_values.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/calendar/errc.hpp>

#include <algorithm>
#include <charconv>

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

// A weekday (RFC 5545 §3.3.10 "weekday"), letters in any case.
bool is_weekday(std::string_view s) {
  static constexpr std::string_view names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  return std::any_of(std::begin(names), std::end(names), [&](std::string_view n) { return ascii_iequals(n, s); });
}

// Every item of the list `val` a number in [lo, hi], or in [-hi, -lo] if allowed.
bool list_in(std::string_view val, long lo, long hi, bool allow_negative) {
  Parts items(val, ',');
  for (std::string_view item; items.next(item);) {
    long n;
    if (!parse_int(item, n)) return false;
    long a = n < 0 ? -n : n;
    if (n < 0 && !allow_negative) return false;
    if (a < lo || a > hi) return false;
  }
  return true;
}

// The parts of an RRULE value (RFC 5545 §3.3.10), in upper case.
enum Part { freq, until, count, interval, bysecond, byminute, byhour, bymonthday, byyearday, bysetpos, byweekno, bymonth, wkst, byday, unknown };
constexpr std::string_view part_names[] = {"FREQ",       "UNTIL",     "COUNT",    "INTERVAL", "BYSECOND",
                                           "BYMINUTE",   "BYHOUR",    "BYMONTHDAY", "BYYEARDAY", "BYSETPOS",
                                           "BYWEEKNO",   "BYMONTH",   "WKST",     "BYDAY"};

Part part_of(std::string_view name) {
  for (int i = 0; i < unknown; ++i)
    if (ascii_iequals(part_names[i], name)) return Part(i);
  return unknown;
}

// Why the value `val` of a known part is invalid, or empty.
std::string part_problem(Part part, std::string_view val) {
  const auto out_of_range = [&] { return std::string(part_names[part]) + "=" + std::string(val) + " is out of range"; };
  long n;
  switch (part) {
    case freq: {
      static constexpr std::string_view freqs[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
      if (std::none_of(std::begin(freqs), std::end(freqs), [&](std::string_view f) { return ascii_iequals(f, val); }))
        return "FREQ=" + std::string(val) + " is unknown";
      return {};
    }
    case until:
      if (!parse_date_time(val)) return "UNTIL=" + std::string(val) + " is not a valid date or date-time";
      return {};
    case count:
    case interval:
      if (!parse_uint(val, n) || n < 1) return std::string(part_names[part]) + "=" + std::string(val) + " is not a positive number";
      return {};
    case bysecond: return list_in(val, 0, 60, false) ? std::string() : out_of_range();
    case byminute: return list_in(val, 0, 59, false) ? std::string() : out_of_range();
    case byhour: return list_in(val, 0, 23, false) ? std::string() : out_of_range();
    case bymonthday: return list_in(val, 1, 31, true) ? std::string() : out_of_range();
    case byyearday:
    case bysetpos: return list_in(val, 1, 366, true) ? std::string() : out_of_range();
    case byweekno: return list_in(val, 1, 53, true) ? std::string() : out_of_range();
    case bymonth: return list_in(val, 1, 12, false) ? std::string() : out_of_range();
    case wkst: return is_weekday(val) ? std::string() : "WKST=" + std::string(val) + " is not a weekday";
    case byday: {
      Parts items(val, ',');
      for (std::string_view item; items.next(item);) {
        if (item.size() < 2 || !is_weekday(item.substr(item.size() - 2))) return "BYDAY=" + std::string(val) + " is invalid";
        std::string_view ord = item.substr(0, item.size() - 2);
        if (!ord.empty() && (!parse_int(ord, n) || n == 0 || n < -53 || n > 53)) return "BYDAY=" + std::string(val) + " is invalid";
      }
      return {};
    }
    case unknown: break;
  }
  return {};
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
  unsigned seen = 0;
  Parts parts(value, ';');
  for (std::string_view part; parts.next(part);) {
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) return "part '" + std::string(part) + "' is not NAME=VALUE";
    const Part which = part_of(part.substr(0, eq));
    if (which == unknown) return "part " + ascii_upper(part.substr(0, eq)) + " is unknown";
    if (seen & (1u << which)) return std::string(part_names[which]) + " appears twice";
    seen |= 1u << which;
    if (std::string why = part_problem(which, part.substr(eq + 1)); !why.empty()) return why;
  }
  if (!(seen & (1u << freq))) return "FREQ is missing";
  if ((seen & (1u << until)) && (seen & (1u << count))) return "UNTIL and COUNT may not both appear (RFC 5545 §3.3.10)";
  return {};
}

bool rrule_until_is_utc(std::string_view value) {
  Parts parts(value, ';');
  for (std::string_view part; parts.next(part);)
    if (ascii_istarts_with(part, "UNTIL=")) return part.back() == 'Z' || part.back() == 'z';
  return false;
}

namespace {

// Why the value of `p` is not valid, or empty (only the kinds validate_values checks).
std::string value_problem(const Property& p, Errc& code) {
  switch (p.kind) {
    case Name::dtstart: case Name::dtend: case Name::due: case Name::dtstamp: case Name::created:
    case Name::last_modified: case Name::completed: case Name::recurrence_id: case Name::exdate: case Name::rdate: {
      Parts values(p.value, ',');
      for (std::string_view v; values.next(v);) {
        if (!parse_date_time(v.substr(0, v.find('/'))))
          return std::string(p.name) + " value '" + std::string(v) + "' is not a valid date or date-time";
      }
      return {};
    }
    case Name::trigger:
      if (ascii_iequals(p.param("VALUE"), "DATE-TIME")) return {};
      [[fallthrough]];
    case Name::duration:
      if (!parse_duration(p.value)) return std::string(p.name) + " value '" + std::string(p.value) + "' is not a valid duration";
      return {};
    case Name::rrule:
    case Name::exrule:
      if (std::string why = rrule_problem(p.value); !why.empty()) {
        code = Errc::invalid_rule;
        return std::string(p.name) + " is invalid: " + why;
      }
      return {};
    default:
      return {};
  }
}

}  // namespace

Result<void> validate_values(const Component& c, std::string_view source) {
  for (const Property& p : c.props) {
    if (p.kind == Name::other) continue;
    Errc code = Errc::invalid_value;
    if (std::string why = value_problem(p, code); !why.empty())
      return Error{code, std::move(why), Location::in(std::string(source), p.line)};
  }
  for (const Component& child : c.children) {
    auto r = validate_values(child, source);
    if (!r) return r;
  }
  return {};
}

}  // namespace yhteisaika::calendar::detail
