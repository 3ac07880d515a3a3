#include <yhteisaika/config/config.hpp>
#include <yhteisaika/mail/calendar_mail.hpp>

#include <yhteisaika/solve/limits.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string_view>
#include <tuple>

// One table of keys drives every layer: each key knows how to read its value into
// a Config and how to print it back. Rules between keys (the hole inside working
// hours, ...) are checked once, after the last layer.

namespace yhteisaika::config {

namespace {

using namespace std::chrono;

// ---------------------------------------------------------------- text helpers

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// '-' and '_' are the same in keys: `--base-url` and `base_url` name one key.
std::string normalise_key(std::string_view key) {
  std::string out(key);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::string quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

// A whole unsigned decimal number in [min, max], or nullopt (no sign, no spaces).
std::optional<long long> whole_number(std::string_view s, long long min, long long max) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value < min || value > max) return std::nullopt;
  return value;
}

// "HH:MM" or "H:MM", 00:00-23:59, or 24:00 (midnight at the end of the day).
std::optional<minutes> clock_time(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3) return std::nullopt;
  const auto h = whole_number(s.substr(0, colon), 0, 24);
  const auto m = whole_number(s.substr(colon + 1), 0, 59);
  if (!h || !m || (*h == 24 && *m != 0)) return std::nullopt;
  return minutes{*h * 60 + *m};
}

std::string show_clock(minutes t) {
  const auto h = t.count() / 60;
  const auto m = t.count() % 60;
  std::string out;
  out += static_cast<char>('0' + h / 10);
  out += static_cast<char>('0' + h % 10);
  out += ':';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  return out;
}

// "YYYY-MM-DD", a real calendar date.
std::optional<year_month_day> calendar_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = whole_number(s.substr(0, 4), 1, 9999);
  const auto m = whole_number(s.substr(5, 2), 1, 12);
  const auto d = whole_number(s.substr(8, 2), 1, 31);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day date{year{static_cast<int>(*y)}, month{static_cast<unsigned>(*m)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string show_date(year_month_day d) {
  std::string out = std::to_string(static_cast<int>(d.year()));
  for (unsigned part : {static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day())}) {
    out += '-';
    out += static_cast<char>('0' + part / 10);
    out += static_cast<char>('0' + part % 10);
  }
  return out;
}

struct WeekdayName {
  std::string_view english;
  std::string_view finnish;
  std::string_view english_short;
  std::string_view finnish_short;
  weekday day;
};
constexpr std::array<WeekdayName, 7> kWeekdays{{
    {"monday", "maanantai", "mon", "ma", Monday},
    {"tuesday", "tiistai", "tue", "ti", Tuesday},
    {"wednesday", "keskiviikko", "wed", "ke", Wednesday},
    {"thursday", "torstai", "thu", "to", Thursday},
    {"friday", "perjantai", "fri", "pe", Friday},
    {"saturday", "lauantai", "sat", "la", Saturday},
    {"sunday", "sunnuntai", "sun", "su", Sunday},
}};

std::optional<weekday> weekday_named(std::string_view s) {
  const std::string name = lowercase(s);
  for (const auto& w : kWeekdays) {
    if (name == w.english || name == w.finnish || name == w.english_short || name == w.finnish_short) return w.day;
  }
  return std::nullopt;
}

std::string_view weekday_name(weekday d) {
  for (const auto& w : kWeekdays) {
    if (w.day == d) return w.english;
  }
  return "?";
}

// ---------------------------------------------------------------- values

Error bad(std::string message) { return Error{Errc::bad_value, std::move(message), {}}; }

bool valid_ipv4(std::string_view host) {
  int parts = 0;
  while (true) {
    const auto dot = host.find('.');
    const auto part = host.substr(0, dot);
    if (part.size() > 3 || !whole_number(part, 0, 255)) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return parts == 4;
}

// RFC 1123 §2.1 host names: dot-separated labels of letters, digits and '-',
// 1-63 characters each, not starting or ending with '-'.
bool valid_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  while (true) {
    const auto dot = host.find('.');
    const auto label = host.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    host.remove_prefix(dot + 1);
  }
}

// Loose: hex digits, ':' and '.' (an embedded IPv4), with at least two ':'.
bool valid_ipv6(std::string_view host) {
  if (std::count(host.begin(), host.end(), ':') < 2) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f') || c == ':' || c == '.';
  });
}

Result<void> check_listen(std::string_view s) {
  const std::string expected = " (expected HOST:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080)";
  std::string_view host;
  std::string_view port;
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != ':') {
      return bad("listen " + quoted(s) + " is not [IPv6]:PORT" + expected);
    }
    host = s.substr(1, close - 1);
    port = s.substr(close + 2);
    if (!valid_ipv6(host)) return bad("listen: " + quoted(host) + " is not an IPv6 address" + expected);
  } else {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return bad("listen " + quoted(s) + " has no port" + expected);
    host = s.substr(0, colon);
    port = s.substr(colon + 1);
    if (host.empty()) return bad("listen " + quoted(s) + " has no host" + expected);
    if (host.find(':') != std::string_view::npos) {
      return bad("listen: an IPv6 address must be written in brackets, e.g. [::1]:8080");
    }
    const bool looks_numeric =
        std::all_of(host.begin(), host.end(), [](char c) { return is_digit(c) || c == '.'; });
    if (looks_numeric ? !valid_ipv4(host) : !valid_host_name(host)) {
      return bad("listen: " + quoted(host) + " is not an IPv4 address or host name" + expected);
    }
  }
  if (!whole_number(port, 0, 65535) || port.size() > 5) {
    return bad("listen: port must be 0-65535 (0 = any free port), got " + quoted(port));
  }
  return {};
}

Result<void> check_path(std::string_view key, std::string_view s) {
  if (s.empty()) return bad(std::string(key) + " must not be empty (expected a file or folder path)");
  if (std::any_of(s.begin(), s.end(), is_control)) return bad(std::string(key) + " must not contain control characters");
  return {};
}

// An IANA zone name such as Europe/Helsinki, UTC or Etc/GMT-2: only its syntax is
// checked here; the app loads the zone data and reports an unknown name.
Result<void> check_zone(std::string_view s) {
  const auto fail = [&] {
    return bad("zone " + quoted(s) + " is not an IANA time zone name (expected e.g. Europe/Helsinki)");
  };
  if (s.empty() || s.size() > 64) return fail();
  std::string_view rest = s;
  while (true) {
    const auto slash = rest.find('/');
    const auto part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return fail();
    for (char c : part) {
      if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-' && c != '+') return fail();
    }
    if (slash == std::string_view::npos) return {};
    rest.remove_prefix(slash + 1);
  }
}

Result<std::string> parse_base_url(std::string_view s) {
  if (s.empty()) return std::string{};
  const auto fail = [&] {
    return bad("base_url " + quoted(s) + " is not an http:// or https:// URL (expected e.g. https://yhteisaika.example.fi)");
  };
  std::string_view rest;
  if (s.substr(0, 7) == "http://") rest = s.substr(7);
  else if (s.substr(0, 8) == "https://") rest = s.substr(8);
  else return fail();
  if (rest.empty() || rest.front() == '/') return fail();
  if (std::any_of(s.begin(), s.end(), [](char c) { return is_control(c) || c == ' ' || c == '?' || c == '#'; })) {
    return fail();
  }
  while (s.back() == '/') s.remove_suffix(1);
  return std::string(s);
}

// An address safe to put into ORGANIZER:mailto:... (RFC 5545 §3.3.3) and into
// mail headers: the one rule of mail/ (a plain local@domain), so that a
// configured address never makes a message impossible to build.
Result<void> check_email(std::string_view s) {
  if (!mail::is_plain_address(s)) {
    return bad("organizer_email " + quoted(s) + " is not an e-mail address (expected e.g. yhteisaika@example.fi)");
  }
  return {};
}

Result<minutes> parse_clock(std::string_view key, std::string_view s) {
  if (auto t = clock_time(s)) return *t;
  return bad(std::string(key) + " " + quoted(s) + " is not a time of day (expected HH:MM, e.g. 08:00)");
}

Result<long long> parse_number(std::string_view key, std::string_view s, long long min, long long max,
                               std::string_view unit) {
  if (auto n = whole_number(s, min, max)) return *n;
  return bad(std::string(key) + " must be a whole number of " + std::string(unit) + " " + std::to_string(min) +
             "-" + std::to_string(max) + ", got " + quoted(s));
}

Result<std::vector<year_month_day>> parse_closures(std::string_view s) {
  std::vector<year_month_day> dates;
  std::string_view rest = s;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = trim(rest.substr(0, comma));
    if (!item.empty()) {
      const auto date = calendar_date(item);
      if (!date) {
        return bad("closures: " + quoted(item) +
                   " is not a date (expected YYYY-MM-DD dates separated by commas, e.g. 2026-12-31, 2027-01-02)");
      }
      dates.push_back(*date);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

// ---------------------------------------------------------------- the keys

// yes/no (also true/false, on/off, 1/0).
Result<bool> parse_yes_no(std::string_view key, std::string_view v) {
  const std::string word = lowercase(v);
  if (word == "yes" || word == "true" || word == "on" || word == "1") return true;
  if (word == "no" || word == "false" || word == "off" || word == "0") return false;
  return bad(std::string(key) + " is yes or no, got " + quoted(v));
}

// Empty (off), or SCHEME://HOST[:PORT][/PATH] with one of `schemes`; never
// credentials in the URL (they would be printed by --print-config and logged).
Result<std::string> parse_mail_url(std::string_view v, std::string_view key,
                                   std::initializer_list<std::string_view> schemes) {
  if (v.empty()) return std::string();
  const auto colon = v.find("://");
  const std::string scheme = lowercase(v.substr(0, colon));
  const bool known = colon != std::string_view::npos &&
                     std::any_of(schemes.begin(), schemes.end(), [&](std::string_view s) { return s == scheme; });
  std::string names;
  for (std::string_view s : schemes) names += (names.empty() ? "" : " or ") + std::string(s) + "://";
  if (!known) return bad(std::string(key) + " starts with " + names + ", got " + quoted(v));
  const std::string_view rest = v.substr(colon + 3);
  const std::string_view host = rest.substr(0, rest.find('/'));
  if (host.empty()) return bad(std::string(key) + " names no host: " + quoted(v));
  if (host.find('@') != std::string_view::npos) {
    return bad(std::string(key) + " must not hold credentials; use " + std::string(key.substr(0, 4)) +
               "_user and the password file or variable");
  }
  if (std::any_of(v.begin(), v.end(), [](char c) { return is_control(c) || c == ' '; })) {
    return bad(std::string(key) + " has a space or control character");
  }
  return std::string(v);
}

struct Key {
  std::string_view name;
  Result<void> (*apply)(Config&, std::string_view value);
  std::string (*show)(const Config&);
};

template <class T>
Result<void> assign(T& field, Result<T> value) {
  if (!value) return value.error();
  field = std::move(*value);
  return {};
}

const std::array<Key, 44> kKeys{{
    {"listen",
     [](Config& c, std::string_view v) -> Result<void> {
       if (auto r = check_listen(v); !r) return r;
       c.listen = v;
       return {};
     },
     [](const Config& c) { return c.listen; }},
    {"db",
     [](Config& c, std::string_view v) -> Result<void> {
       if (auto r = check_path("db", v); !r) return r;
       c.db_path = v;
       return {};
     },
     [](const Config& c) { return c.db_path; }},
    {"calendars",
     [](Config& c, std::string_view v) -> Result<void> {
       if (auto r = check_path("calendars", v); !r) return r;
       c.calendars_dir = v;
       return {};
     },
     [](const Config& c) { return c.calendars_dir; }},
    {"zone",
     [](Config& c, std::string_view v) -> Result<void> {
       if (auto r = check_zone(v); !r) return r;
       c.zone = v;
       return {};
     },
     [](const Config& c) { return c.zone; }},
    {"base_url", [](Config& c, std::string_view v) { return assign(c.base_url, parse_base_url(v)); },
     [](const Config& c) { return c.base_url; }},
    {"organizer_email",
     [](Config& c, std::string_view v) -> Result<void> {
       if (auto r = check_email(v); !r) return r;
       c.organizer_email = v;
       return {};
     },
     [](const Config& c) { return c.organizer_email; }},
    {"day_start", [](Config& c, std::string_view v) { return assign(c.rules.day_start, parse_clock("day_start", v)); },
     [](const Config& c) { return show_clock(c.rules.day_start); }},
    {"day_end", [](Config& c, std::string_view v) { return assign(c.rules.day_end, parse_clock("day_end", v)); },
     [](const Config& c) { return show_clock(c.rules.day_end); }},
    {"hole_day",
     [](Config& c, std::string_view v) -> Result<void> {
       const auto day = weekday_named(v);
       if (!day) {
         return bad("hole_day " + quoted(v) + " is not a weekday (expected e.g. wednesday or keskiviikko)");
       }
       const auto& working = c.rules.working_days;
       if (std::find(working.begin(), working.end(), *day) == working.end()) {
         return bad("hole_day must be a working day, monday-friday, got " + quoted(v));
       }
       c.rules.hole_day = *day;
       return {};
     },
     [](const Config& c) { return std::string(weekday_name(c.rules.hole_day)); }},
    {"hole_start",
     [](Config& c, std::string_view v) { return assign(c.rules.hole_start, parse_clock("hole_start", v)); },
     [](const Config& c) { return show_clock(c.rules.hole_start); }},
    {"hole_end", [](Config& c, std::string_view v) { return assign(c.rules.hole_end, parse_clock("hole_end", v)); },
     [](const Config& c) { return show_clock(c.rules.hole_end); }},
    {"hole_release",
     [](Config& c, std::string_view v) -> Result<void> {
       const std::string text = lowercase(v);
       if (text == "off" || text == "none" || text == "ei") {
         c.hole_release = std::nullopt;
         return {};
       }
       const std::string expected = " (expected WEEKDAY HH:MM, e.g. tuesday 12:00 or tiistai 12:00, or off)";
       const auto space = v.find(' ');
       if (space == std::string_view::npos) return bad("hole_release " + quoted(v) + " is not a weekday and time" + expected);
       const auto day = weekday_named(v.substr(0, space));
       const auto at = clock_time(trim(v.substr(space + 1)));
       if (!day) return bad("hole_release " + quoted(v) + " does not start with a weekday" + expected);
       if (!at || *at >= minutes{24 * 60}) return bad("hole_release " + quoted(v) + " has no time of day HH:MM" + expected);
       c.hole_release = report::ReleaseRule{*day, *at};
       return {};
     },
     [](const Config& c) {
       if (!c.hole_release) return std::string("off");
       return std::string(weekday_name(c.hole_release->day)) + " " + show_clock(c.hole_release->time_of_day);
     }},
    {"grid_minutes",
     [](Config& c, std::string_view v) -> Result<void> {
       const auto n = whole_number(v, 1, 60);
       if (!n || 60 % *n != 0) {
         return bad("grid_minutes must divide an hour evenly (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " +
                    quoted(v));
       }
       c.rules.grid = minutes{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.rules.grid.count()); }},
    {"closures", [](Config& c, std::string_view v) { return assign(c.rules.closures, parse_closures(v)); },
     [](const Config& c) {
       std::string out;
       for (const auto& d : c.rules.closures) out += (out.empty() ? "" : ", ") + show_date(d);
       return out;
     }},
    {"default_days",
     [](Config& c, std::string_view v) -> Result<void> {
       // The longest window a solve takes (solve/limits.hpp): a longer default fails every solve.
       auto n = parse_number("default_days", v, 1, solve::kMaxWindowDays, "days");
       if (!n) return n.error();
       c.default_days = static_cast<int>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.default_days); }},
    {"horizon_days",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("horizon_days", v, 1, 3660, "days");
       if (!n) return n.error();
       c.horizon_days = static_cast<int>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.horizon_days); }},
    {"io_threads",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("io_threads", v, 1, 256, "threads");
       if (!n) return n.error();
       c.io_threads = static_cast<unsigned>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.io_threads); }},
    {"worker_threads",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("worker_threads", v, 1, 256, "threads");
       if (!n) return n.error();
       c.worker_threads = static_cast<unsigned>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.worker_threads); }},
    {"busy_timeout_ms",
     [](Config& c, std::string_view v) -> Result<void> {
       // 0 is allowed: a write fails at once when another process holds the lock.
       auto n = parse_number("busy_timeout_ms", v, 0, 10 * 60 * 1000, "milliseconds");
       if (!n) return n.error();
       c.busy_timeout = std::chrono::milliseconds{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.busy_timeout.count()); }},
    {"body_limit_bytes",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("body_limit_bytes", v, 1, 1LL << 30, "bytes");
       if (!n) return n.error();
       c.body_limit = static_cast<std::size_t>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.body_limit); }},
    {"feed_refresh_minutes",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("feed_refresh_minutes", v, 1, 7 * 24 * 60, "minutes");
       if (!n) return n.error();
       c.feed_refresh = minutes{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.feed_refresh.count()); }},
    {"cancelled_visible_days",
     [](Config& c, std::string_view v) -> Result<void> {
       // 0 is allowed: a cancelled meeting leaves the feeds at once.
       auto n = parse_number("cancelled_visible_days", v, 0, 3660, "days");
       if (!n) return n.error();
       c.cancelled_visible_days = static_cast<int>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.cancelled_visible_days); }},
    {"log_level",
     [](Config& c, std::string_view v) -> Result<void> {
       const std::string level = lowercase(v);
       for (std::string_view known : {"trace", "debug", "info", "warn", "error"}) {
         if (level == known) {
           c.log_level = level;
           return {};
         }
       }
       return bad("log_level must be trace, debug, info, warn or error, got " + quoted(v));
     },
     [](const Config& c) { return c.log_level; }},
    {"refresh_minutes",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("refresh_minutes", v, 1, 24 * 60, "minutes");
       if (!n) return n.error();
       c.refresh = minutes{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.refresh.count()); }},
    {"max_age_minutes",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("max_age_minutes", v, 1, 7 * 24 * 60, "minutes");
       if (!n) return n.error();
       c.max_age = minutes{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.max_age.count()); }},
    {"fetch_concurrency",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("fetch_concurrency", v, 1, 256, "fetches");
       if (!n) return n.error();
       c.fetch_concurrency = static_cast<unsigned>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.fetch_concurrency); }},
    {"ca_file",
     [](Config& c, std::string_view v) -> Result<void> {
       c.ca_file = std::string(v);
       return {};
     },
     [](const Config& c) { return c.ca_file; }},
    {"connect_timeout_seconds",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("connect_timeout_seconds", v, 1, 600, "seconds");
       if (!n) return n.error();
       c.connect_timeout = std::chrono::seconds{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.connect_timeout.count()); }},
    {"read_timeout_seconds",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("read_timeout_seconds", v, 1, 3600, "seconds");
       if (!n) return n.error();
       c.read_timeout = std::chrono::seconds{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.read_timeout.count()); }},
    {"max_calendar_bytes",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("max_calendar_bytes", v, 1024, 1LL << 30, "bytes");
       if (!n) return n.error();
       c.max_calendar_bytes = static_cast<std::size_t>(*n);
       return {};
     },
     [](const Config& c) { return std::to_string(c.max_calendar_bytes); }},
    {"source_credentials_file",
     [](Config& c, std::string_view v) -> Result<void> {
       c.source_credentials_file = std::string(v);
       return {};
     },
     [](const Config& c) { return c.source_credentials_file; }},
    {"mail_from_name",
     [](Config& c, std::string_view v) -> Result<void> {
       if (std::any_of(v.begin(), v.end(), is_control)) return bad("mail_from_name has a control character");
       c.mail_from_name = std::string(v);
       return {};
     },
     [](const Config& c) { return c.mail_from_name; }},
    {"smtp_url",
     [](Config& c, std::string_view v) { return assign(c.smtp.url, parse_mail_url(v, "smtp_url", {"smtp", "smtps"})); },
     [](const Config& c) { return c.smtp.url; }},
    {"smtp_starttls", [](Config& c, std::string_view v) { return assign(c.smtp.starttls, parse_yes_no("smtp_starttls", v)); },
     [](const Config& c) { return std::string(c.smtp.starttls ? "yes" : "no"); }},
    {"smtp_user",
     [](Config& c, std::string_view v) -> Result<void> {
       c.smtp.user = std::string(v);
       return {};
     },
     [](const Config& c) { return c.smtp.user; }},
    {"smtp_password_file",
     [](Config& c, std::string_view v) -> Result<void> {
       c.smtp.password_file = std::string(v);
       return {};
     },
     [](const Config& c) { return c.smtp.password_file; }},
    {"imap_url",
     [](Config& c, std::string_view v) { return assign(c.imap.url, parse_mail_url(v, "imap_url", {"imap", "imaps"})); },
     [](const Config& c) { return c.imap.url; }},
    {"imap_starttls", [](Config& c, std::string_view v) { return assign(c.imap.starttls, parse_yes_no("imap_starttls", v)); },
     [](const Config& c) { return std::string(c.imap.starttls ? "yes" : "no"); }},
    {"imap_user",
     [](Config& c, std::string_view v) -> Result<void> {
       c.imap.user = std::string(v);
       return {};
     },
     [](const Config& c) { return c.imap.user; }},
    {"imap_password_file",
     [](Config& c, std::string_view v) -> Result<void> {
       c.imap.password_file = std::string(v);
       return {};
     },
     [](const Config& c) { return c.imap.password_file; }},
    {"imap_poll_seconds",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("imap_poll_seconds", v, 1, 24 * 3600, "seconds");
       if (!n) return n.error();
       c.imap_poll = std::chrono::seconds{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.imap_poll.count()); }},
    {"mail_retry_seconds",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("mail_retry_seconds", v, 1, 24 * 3600, "seconds");
       if (!n) return n.error();
       c.mail_retry = std::chrono::seconds{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.mail_retry.count()); }},
    {"mail_give_up_hours",
     [](Config& c, std::string_view v) -> Result<void> {
       auto n = parse_number("mail_give_up_hours", v, 1, 30 * 24, "hours");
       if (!n) return n.error();
       c.mail_give_up = std::chrono::hours{*n};
       return {};
     },
     [](const Config& c) { return std::to_string(c.mail_give_up.count()); }},
    {"case_ref_pattern",
     [](Config& c, std::string_view v) -> Result<void> {
       if (auto compiled = compile_case_ref_pattern(v); !compiled) return compiled.error();
       c.case_ref_pattern = std::string(v);
       return {};
     },
     [](const Config& c) { return c.case_ref_pattern; }},
}};

const Key* find_key(std::string_view name) {
  for (const auto& key : kKeys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::string known_keys(std::string_view prefix) {
  std::string out;
  for (const auto& key : kKeys) out += (out.empty() ? "" : ", ") + std::string(prefix) + std::string(key.name);
  return out;
}

std::string env_name(std::string_view key) {
  std::string out = "YHTEISAIKA_";
  for (char c : key) out += upper(c);
  return out;
}

// YHTEISAIKA_* variables that are no key (see the header): secrets, and the
// switches of deploy/install-deps.sh.
constexpr std::array<std::string_view, 2> kSecretVariables{"YHTEISAIKA_SMTP_PASSWORD", "YHTEISAIKA_IMAP_PASSWORD"};
constexpr std::string_view kCredentialsPrefix = "YHTEISAIKA_SOURCE_CREDENTIALS_";
constexpr std::string_view kInstallSwitchPrefix = "YHTEISAIKA_WITH_";

bool known_variable(std::string_view name) {
  const auto prefixed = [&](std::string_view prefix) {
    return name.size() > prefix.size() && name.starts_with(prefix);
  };
  if (prefixed(kCredentialsPrefix) || prefixed(kInstallSwitchPrefix)) return true;
  if (std::find(kSecretVariables.begin(), kSecretVariables.end(), name) != kSecretVariables.end()) return true;
  return std::any_of(kKeys.begin(), kKeys.end(), [&](const Key& key) { return env_name(key.name) == name; });
}

// Levenshtein distance, for "did you mean" (names are short).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The known variable nearest to a mistyped `name`, if one is near enough to be a typo.
std::optional<std::string> nearest_variable(std::string_view name) {
  std::vector<std::string> known(kSecretVariables.begin(), kSecretVariables.end());
  for (const auto& key : kKeys) known.push_back(env_name(key.name));
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : known) {
    const std::size_t d = edit_distance(name, candidate);
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  const std::size_t suffix = name.size() - std::string_view("YHTEISAIKA_").size();
  if (best && best_distance <= std::max<std::size_t>(2, suffix / 3)) return best;
  return std::nullopt;
}

// ---------------------------------------------------------------- layering

// Where each key got its value; `order` grows with each value applied, so the
// largest order is the last-layered place.
struct Origin {
  std::string where;
  long order = 0;
};

class Layering {
 public:
  Result<void> set(const Key& key, std::string_view value, std::string where) {
    if (auto applied = key.apply(config_, value); !applied) {
      Error error = applied.error();
      error.where = std::move(where);
      return error;
    }
    origins_[key.name] = Origin{std::move(where), ++order_};
    return {};
  }

  // The rules between keys. An error names the last-layered place of the keys involved.
  Result<void> check_rules() const {
    const auto& r = config_.rules;
    const std::string working = "working hours " + show_clock(r.day_start) + "-" + show_clock(r.day_end);
    if (r.day_end <= r.day_start) {
      return fail({"day_start", "day_end"}, "day_end must be after day_start (" + working + ")");
    }
    if (r.hole_end <= r.hole_start) {
      return fail({"hole_start", "hole_end"}, "hole_end must be after hole_start (hole " + show_clock(r.hole_start) +
                                                  "-" + show_clock(r.hole_end) + ")");
    }
    if (r.hole_start < r.day_start || r.hole_end > r.day_end) {
      return fail({"hole_start", "hole_end", "day_start", "day_end"},
                  "the hole " + show_clock(r.hole_start) + "-" + show_clock(r.hole_end) +
                      " must lie inside " + working);
    }
    if (config_.default_days > config_.horizon_days) {
      return fail({"default_days", "horizon_days"}, "default_days (" + std::to_string(config_.default_days) +
                                                        ") must not exceed horizon_days (" +
                                                        std::to_string(config_.horizon_days) + ")");
    }
    return {};
  }

  const Config& config() const { return config_; }

  std::string origin(std::string_view key) const {
    const auto it = origins_.find(key);
    return it == origins_.end() ? "the defaults" : it->second.where;
  }

 private:
  Error fail(std::initializer_list<std::string_view> keys, std::string message) const {
    const Origin* last = nullptr;
    for (auto key : keys) {
      const auto it = origins_.find(key);
      if (it != origins_.end() && (!last || it->second.order > last->order)) last = &it->second;
    }
    return Error{Errc::bad_value, std::move(message), last ? last->where : "defaults"};
  }

  Config config_;
  std::map<std::string_view, Origin> origins_;
  long order_ = 0;
};

// `key = value` lines; see the header for the grammar.
Result<void> apply_file(Layering& layers, std::string_view file_name, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  std::map<std::string, int> seen;  // key -> line
  int line_no = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view line = trim(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_no;
    const std::string where = std::string(file_name) + ":" + std::to_string(line_no);
    if (line.empty() || line.front() == '#') continue;

    const auto eq = line.find('=');
    const auto raw_key = eq == std::string_view::npos ? std::string_view{} : trim(line.substr(0, eq));
    if (raw_key.empty()) {
      return Error{Errc::bad_syntax, "expected `key = value`, a `# comment` or a blank line", where};
    }
    std::string_view raw = trim(line.substr(eq + 1));
    std::string_view value;
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      const auto close = raw.find(raw.front(), 1);
      if (close == std::string_view::npos) return Error{Errc::bad_syntax, "the quoted value has no closing quote", where};
      value = raw.substr(1, close - 1);
      const auto after = trim(raw.substr(close + 1));
      if (!after.empty() && after.front() != '#') {
        return Error{Errc::bad_syntax, "unexpected text after the closing quote", where};
      }
    } else {
      std::size_t comment = 0;
      while (comment < raw.size() && !(raw[comment] == '#' && (comment == 0 || is_space(raw[comment - 1])))) ++comment;
      value = trim(raw.substr(0, comment));
    }

    const std::string name = normalise_key(raw_key);
    const Key* key = find_key(name);
    if (!key) {
      return Error{Errc::unknown_key, "unknown key " + quoted(raw_key) + " (known keys: " + known_keys("") + ")", where};
    }
    if (const auto [it, fresh] = seen.emplace(name, line_no); !fresh) {
      return Error{Errc::duplicate_key,
                   "key " + quoted(name) + " is already set on line " + std::to_string(it->second), where};
    }
    if (auto set = layers.set(*key, value, where); !set) return set;
  }
  return {};
}

Result<void> apply_env(Layering& layers, const std::map<std::string, std::string>& env) {
  for (const auto& [name, value] : env) {
    if (!name.starts_with("YHTEISAIKA_") || known_variable(name)) continue;
    const auto nearest = nearest_variable(name);
    return Error{Errc::unknown_key,
                 "unknown variable " + name + (nearest ? " (did you mean " + *nearest + "?)" : "") +
                     "; known: YHTEISAIKA_<KEY> for each configuration key (" + known_keys("") +
                     "), YHTEISAIKA_SMTP_PASSWORD, YHTEISAIKA_IMAP_PASSWORD, YHTEISAIKA_SOURCE_CREDENTIALS_<KEY> "
                     "and YHTEISAIKA_WITH_* (switches of deploy/install-deps.sh)",
                 "environment " + name};
  }
  for (const auto& key : kKeys) {
    const std::string name = env_name(key.name);
    const auto it = env.find(name);
    if (it == env.end()) continue;
    if (auto set = layers.set(key, trim(it->second), "environment " + name); !set) return set;
  }
  return {};
}

Result<void> apply_flags(Layering& layers, const std::vector<std::pair<std::string, std::string>>& flags) {
  for (const auto& [flag, value] : flags) {
    std::string_view name = flag;
    if (name.substr(0, 2) == "--") name.remove_prefix(2);
    const std::string where = "flag --" + std::string(name);
    const Key* key = find_key(normalise_key(name));
    if (!key) {
      return Error{Errc::unknown_key, "unknown flag --" + std::string(name) + " (known: " + known_keys("--") + ")",
                   where};
    }
    if (auto set = layers.set(*key, trim(value), where); !set) return set;
  }
  return {};
}

// A value that load_config reads back unchanged: quoted when it is empty, holds a
// '#' or quote, or has spaces at its edges.
std::string file_value(const std::string& value) {
  const bool plain = !value.empty() && value.find_first_of("#\"'") == std::string::npos &&
                     !is_space(value.front()) && !is_space(value.back());
  if (plain) return value;
  return value.find('"') == std::string::npos ? "\"" + value + "\"" : "'" + value + "'";
}

Result<Layering> layered(const Sources& sources) {
  Layering layers;
  if (!sources.file_name.empty()) {
    if (auto r = apply_file(layers, sources.file_name, sources.file_text); !r) return r.error();
  }
  if (auto r = apply_env(layers, sources.env); !r) return r.error();
  if (auto r = apply_flags(layers, sources.flags); !r) return r.error();
  if (auto r = layers.check_rules(); !r) return r.error();
  return layers;
}

}  // namespace

bool operator==(const Config& a, const Config& b) {
  const auto rules = [](const Config& c) {
    const auto& r = c.rules;
    return std::tie(r.working_days, r.day_start, r.day_end, r.hole_day, r.hole_start, r.hole_end, r.grid, r.closures);
  };
  const auto fields = [](const Config& c) {
    return std::tie(c.listen, c.db_path, c.calendars_dir, c.zone, c.base_url, c.organizer_email, c.default_days,
                    c.horizon_days, c.io_threads, c.worker_threads, c.busy_timeout, c.body_limit, c.feed_refresh,
                    c.cancelled_visible_days, c.log_level, c.hole_release, c.refresh, c.max_age,
                    c.fetch_concurrency, c.ca_file, c.connect_timeout, c.read_timeout, c.max_calendar_bytes,
                    c.source_credentials_file, c.mail_from_name, c.smtp.url, c.smtp.starttls, c.smtp.user,
                    c.smtp.password_file, c.imap.url, c.imap.starttls, c.imap.user, c.imap.password_file,
                    c.imap_poll, c.mail_retry, c.mail_give_up, c.case_ref_pattern);
  };
  return fields(a) == fields(b) && rules(a) == rules(b);
}

Result<Config> load_config(const Sources& sources) {
  auto layers = layered(sources);
  if (!layers) return layers.error();
  Config config = layers->config();
  // Secrets of remote calendars: YHTEISAIKA_SOURCE_CREDENTIALS_<KEY> (not _FILE, a key above).
  for (const auto& [name, value] : sources.env) {
    if (name.size() > kCredentialsPrefix.size() && name.starts_with(kCredentialsPrefix) &&
        name != "YHTEISAIKA_SOURCE_CREDENTIALS_FILE") {
      config.source_credentials[name.substr(kCredentialsPrefix.size())] = value;
    }
  }
  // Mail passwords: a variable wins over the file named by *_password_file.
  if (auto it = sources.env.find("YHTEISAIKA_SMTP_PASSWORD"); it != sources.env.end()) config.smtp.password = it->second;
  if (auto it = sources.env.find("YHTEISAIKA_IMAP_PASSWORD"); it != sources.env.end()) config.imap.password = it->second;
  return config;
}

std::string origin_of(const Sources& sources, std::string_view key) {
  auto layers = layered(sources);
  return layers ? layers->origin(normalise_key(key)) : "the defaults";
}

std::string describe(const Config& config) {
  std::string out = "# Yhteisaika effective configuration (defaults < file < environment < flags)\n";
  for (const auto& key : kKeys) {
    out += std::string(key.name) + " = " + file_value(key.show(config));
    if (key.name == "base_url" && config.base_url.empty()) out += "  # empty: links use " + base_url_or_default(config);
    out += '\n';
  }
  return out;
}

Result<std::regex> compile_case_ref_pattern(std::string_view pattern) {
  if (pattern.empty()) return bad("case_ref_pattern cannot be empty (it would refuse every case reference)");
  try {
    return std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return bad("case_ref_pattern " + quoted(pattern) + " is not a regular expression (ECMAScript): " + e.what());
  }
}

std::string base_url_or_default(const Config& config) {
  return config.base_url.empty() ? "http://" + config.listen : config.base_url;
}

}  // namespace yhteisaika::config
