#include "values.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/time/date.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>

namespace yhteisaika::config::detail {

namespace {

using namespace std::chrono;

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// A whole unsigned decimal number in [min, max], or nullopt (no sign, no spaces).
std::optional<long long> number_in(std::string_view s, long long min, long long max) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), ascii_is_digit)) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value < min || value > max) return std::nullopt;
  return value;
}

// "HH:MM" or "H:MM", 00:00-23:59, or 24:00 (midnight at the end of the day).
std::optional<minutes> clock_time(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3) return std::nullopt;
  const auto h = number_in(s.substr(0, colon), 0, 24);
  const auto m = number_in(s.substr(colon + 1), 0, 59);
  if (!h || !m || (*h == 24 && *m != 0)) return std::nullopt;
  return minutes{*h * 60 + *m};
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

bool valid_ipv4(std::string_view host) {
  int parts = 0;
  while (true) {
    const auto dot = host.find('.');
    const auto part = host.substr(0, dot);
    if (part.size() > 3 || !number_in(part, 0, 255)) return false;
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
    if (!std::all_of(label.begin(), label.end(), [](char c) { return ascii_is_alnum(c) || c == '-'; })) return false;
    if (dot == std::string_view::npos) return true;
    host.remove_prefix(dot + 1);
  }
}

// Loose: hex digits, ':' and '.' (an embedded IPv4), with at least two ':'.
bool valid_ipv6(std::string_view host) {
  if (std::count(host.begin(), host.end(), ':') < 2) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return ascii_is_digit(c) || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') || c == ':' || c == '.';
  });
}

// Empty (off), or SCHEME://HOST[:PORT][/PATH] with one of `schemes`; never
// credentials in the URL (they would be printed by --print-config and logged).
Result<std::string> mail_url(std::string_view key, std::string_view v, std::initializer_list<std::string_view> schemes) {
  if (v.empty()) return std::string();
  const auto colon = v.find("://");
  const std::string scheme = ascii_lower(v.substr(0, colon));
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

}  // namespace

Error bad(std::string message) { return Error{Errc::bad_value, std::move(message), {}}; }

std::string quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

Result<std::string> any_text(std::string_view, std::string_view value) { return std::string(value); }

Result<std::string> listen_address(std::string_view key, std::string_view s) {
  const std::string k(key);
  const std::string expected = " (expected HOST:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080)";
  std::string_view host;
  std::string_view port;
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != ':') {
      return bad(k + " " + quoted(s) + " is not [IPv6]:PORT" + expected);
    }
    host = s.substr(1, close - 1);
    port = s.substr(close + 2);
    if (!valid_ipv6(host)) return bad(k + ": " + quoted(host) + " is not an IPv6 address" + expected);
  } else {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return bad(k + " " + quoted(s) + " has no port" + expected);
    host = s.substr(0, colon);
    port = s.substr(colon + 1);
    if (host.empty()) return bad(k + " " + quoted(s) + " has no host" + expected);
    if (host.find(':') != std::string_view::npos) {
      return bad(k + ": an IPv6 address must be written in brackets, e.g. [::1]:8080");
    }
    const bool looks_numeric = std::all_of(host.begin(), host.end(), [](char c) { return ascii_is_digit(c) || c == '.'; });
    if (looks_numeric ? !valid_ipv4(host) : !valid_host_name(host)) {
      return bad(k + ": " + quoted(host) + " is not an IPv4 address or host name" + expected);
    }
  }
  if (!number_in(port, 0, 65535) || port.size() > 5) {
    return bad(k + ": port must be 0-65535 (0 = any free port), got " + quoted(port));
  }
  return std::string(s);
}

Result<std::string> path(std::string_view key, std::string_view s) {
  if (s.empty()) return bad(std::string(key) + " must not be empty (expected a file or folder path)");
  if (std::any_of(s.begin(), s.end(), is_control)) return bad(std::string(key) + " must not contain control characters");
  return std::string(s);
}

// An IANA zone name such as Europe/Helsinki, UTC or Etc/GMT-2: only its syntax is
// checked here; the app loads the zone data and reports an unknown name.
Result<std::string> zone_name(std::string_view key, std::string_view s) {
  const auto fail = [&] {
    return bad(std::string(key) + " " + quoted(s) + " is not an IANA time zone name (expected e.g. Europe/Helsinki)");
  };
  if (s.empty() || s.size() > 64) return fail();
  std::string_view rest = s;
  while (true) {
    const auto slash = rest.find('/');
    const auto part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return fail();
    if (!std::all_of(part.begin(), part.end(), [](char c) { return ascii_is_alnum(c) || c == '_' || c == '-' || c == '+'; })) {
      return fail();
    }
    if (slash == std::string_view::npos) return std::string(s);
    rest.remove_prefix(slash + 1);
  }
}

Result<std::string> http_url(std::string_view key, std::string_view s) {
  if (s.empty()) return std::string{};
  const auto fail = [&] {
    return bad(std::string(key) + " " + quoted(s) +
               " is not an http:// or https:// URL (expected e.g. https://yhteisaika.example.fi)");
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
Result<std::string> email_address(std::string_view key, std::string_view s) {
  if (!mail::is_plain_address(s)) {
    return bad(std::string(key) + " " + quoted(s) + " is not an e-mail address (expected e.g. yhteisaika@example.fi)");
  }
  return std::string(s);
}

Result<std::string> log_level(std::string_view key, std::string_view v) {
  const std::string level = ascii_lower(v);
  for (std::string_view known : {"trace", "debug", "info", "warn", "error"}) {
    if (level == known) return level;
  }
  return bad(std::string(key) + " must be trace, debug, info, warn or error, got " + quoted(v));
}

Result<std::string> display_name(std::string_view key, std::string_view v) {
  if (std::any_of(v.begin(), v.end(), is_control)) return bad(std::string(key) + " has a control character");
  return std::string(v);
}

Result<std::string> smtp_url(std::string_view key, std::string_view v) { return mail_url(key, v, {"smtp", "smtps"}); }
Result<std::string> imap_url(std::string_view key, std::string_view v) { return mail_url(key, v, {"imap", "imaps"}); }

Result<std::string> regular_expression(std::string_view, std::string_view v) {
  if (auto compiled = compile_case_ref_pattern(v); !compiled) return compiled.error();
  return std::string(v);
}

Result<long long> whole_number(std::string_view key, std::string_view s, long long min, long long max,
                               std::string_view unit) {
  if (auto n = number_in(s, min, max)) return *n;
  return bad(std::string(key) + " must be a whole number of " + std::string(unit) + " " + std::to_string(min) + "-" +
             std::to_string(max) + ", got " + quoted(s));
}

namespace {
constexpr long long kMsPerThousandth = 60;  // a thousandth of a minute
}  // namespace

Result<milliseconds> decimal_minutes(std::string_view key, std::string_view s, milliseconds min, milliseconds max) {
  const auto dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view decimals = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  const auto w = number_in(whole, 0, max.count() / 60'000);
  const auto d = decimals.empty() ? std::optional<long long>(0) : number_in(decimals, 0, 999);
  const bool shape = w && d && decimals.size() <= 3 && (dot == std::string_view::npos || !decimals.empty());
  if (shape) {
    long long thousandths = *d;
    for (std::size_t i = decimals.size(); i < 3; ++i) thousandths *= 10;
    const milliseconds value{*w * 60'000 + thousandths * kMsPerThousandth};
    if (min <= value && value <= max) return value;
  }
  return bad(std::string(key) + " must be minutes " + show_decimal_minutes(min) + "-" + show_decimal_minutes(max) +
             " with at most 3 decimals (0.5 = 30 seconds), got " + quoted(s));
}

std::string show_decimal_minutes(milliseconds value) {
  const long long thousandths = value.count() / kMsPerThousandth;
  std::string out = std::to_string(thousandths / 1000);
  if (const long long rest = thousandths % 1000; rest != 0) {
    std::string digits = std::to_string(1000 + rest).substr(1);  // three digits, leading zeros kept
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

Result<bool> yes_no(std::string_view key, std::string_view v) {
  const std::string word = ascii_lower(v);
  if (word == "yes" || word == "true" || word == "on" || word == "1") return true;
  if (word == "no" || word == "false" || word == "off" || word == "0") return false;
  return bad(std::string(key) + " is yes or no, got " + quoted(v));
}

std::string show_yes_no(bool value) { return value ? "yes" : "no"; }

Result<minutes> time_of_day(std::string_view key, std::string_view s) {
  if (auto t = clock_time(s)) return *t;
  return bad(std::string(key) + " " + quoted(s) + " is not a time of day (expected HH:MM, e.g. 08:00)");
}

std::string show_clock(minutes t) {
  std::string out(5, ':');
  const auto put = [&](std::size_t at, long long v) {
    out[at] = static_cast<char>('0' + v / 10);
    out[at + 1] = static_cast<char>('0' + v % 10);
  };
  put(0, t.count() / 60);
  put(3, t.count() % 60);
  return out;
}

std::optional<weekday> weekday_named(std::string_view s) {
  const std::string name = ascii_lower(s);
  for (const auto& w : kWeekdays) {
    if (name == w.english || name == w.finnish || name == w.english_short || name == w.finnish_short) return w.day;
  }
  return std::nullopt;
}

std::string show_weekday(weekday d) {
  for (const auto& w : kWeekdays) {
    if (w.day == d) return std::string(w.english);
  }
  return "?";
}

Result<std::optional<report::ReleaseRule>> release_rule(std::string_view key, std::string_view v) {
  const std::string text = ascii_lower(v);
  if (text == "off" || text == "none" || text == "ei") return std::optional<report::ReleaseRule>{};
  const std::string k(key);
  const std::string expected = " (expected WEEKDAY HH:MM, e.g. tuesday 12:00 or tiistai 12:00, or off)";
  const auto space = v.find(' ');
  if (space == std::string_view::npos) return bad(k + " " + quoted(v) + " is not a weekday and time" + expected);
  const auto day = weekday_named(v.substr(0, space));
  const auto at = clock_time(ascii_trim(v.substr(space + 1)));
  if (!day) return bad(k + " " + quoted(v) + " does not start with a weekday" + expected);
  if (!at || *at >= minutes{24 * 60}) return bad(k + " " + quoted(v) + " has no time of day HH:MM" + expected);
  return std::optional<report::ReleaseRule>{report::ReleaseRule{*day, *at}};
}

std::string show_release_rule(const std::optional<report::ReleaseRule>& rule) {
  if (!rule) return "off";
  return show_weekday(rule->day) + " " + show_clock(rule->time_of_day);
}

Result<minutes> grid_step(std::string_view key, std::string_view v) {
  const auto n = number_in(v, 1, 60);
  if (!n || 60 % *n != 0) {
    return bad(std::string(key) +
               " must divide an hour evenly (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " + quoted(v));
  }
  return minutes{*n};
}

std::string show_minutes(minutes m) { return std::to_string(m.count()); }

Result<std::vector<year_month_day>> date_list(std::string_view key, std::string_view s) {
  std::vector<year_month_day> dates;
  std::string_view rest = s;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = ascii_trim(rest.substr(0, comma));
    if (!item.empty()) {
      const auto date = time::parse_date(item);
      if (!date) {
        return bad(std::string(key) + ": " + quoted(item) +
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

std::string show_date_list(const std::vector<year_month_day>& dates) {
  std::string out;
  for (const auto& d : dates) out += (out.empty() ? "" : ", ") + time::format_date(d);
  return out;
}

}  // namespace yhteisaika::config::detail
