#include <yhteisaika/time/rfc3339.hpp>

#include <array>
#include <optional>
#include <system_error>

namespace yhteisaika::time {

namespace {

using namespace std::chrono;

void put2(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

Error invalid(std::string message) {
  return Error{std::make_error_code(std::errc::invalid_argument), std::move(message), {}};
}

// Reads exactly `n` digits at `pos`; nullopt when they are not all digits.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

constexpr std::array<const char*, 12> kMonthNames{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};

}  // namespace

void append_rfc3339(std::string& out, Instant t, const Zone& zone) {
  const seconds offset = zone.utc_offset_at(t);
  const sys_seconds local{t.time_since_epoch() + offset};  // local wall time, on the sys_ calendar
  const sys_days day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{local - day};

  // "YYYY-MM-DDTHH:MM:SS+HH:MM": 25 characters.
  char buf[25];
  const int y = static_cast<int>(ymd.year());
  put2(buf, (y / 100) % 100);
  put2(buf + 2, y % 100);
  buf[4] = '-';
  put2(buf + 5, static_cast<int>(static_cast<unsigned>(ymd.month())));
  buf[7] = '-';
  put2(buf + 8, static_cast<int>(static_cast<unsigned>(ymd.day())));
  buf[10] = 'T';
  put2(buf + 11, static_cast<int>(hms.hours().count()));
  buf[13] = ':';
  put2(buf + 14, static_cast<int>(hms.minutes().count()));
  buf[16] = ':';
  put2(buf + 17, static_cast<int>(hms.seconds().count()));
  const long long off = offset.count();
  const long long abs_off = off < 0 ? -off : off;
  buf[19] = off < 0 ? '-' : '+';
  put2(buf + 20, static_cast<int>(abs_off / 3600));
  buf[22] = ':';
  put2(buf + 23, static_cast<int>(abs_off / 60 % 60));
  out.append(buf, sizeof buf);
}

std::string format_rfc3339(Instant t, const Zone& zone) {
  std::string out;
  out.reserve(25);
  append_rfc3339(out, t, zone);
  return out;
}

Result<Instant> parse_user_time(std::string_view text, const Zone& zone) {
  const std::string shown(text);
  const auto malformed = [&] {
    return invalid("invalid time '" + shown +
                   "': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], optionally ending in Z or +HH:MM");
  };

  // Date: YYYY-MM-DD.
  const auto y = digits(text, 0, 4);
  const auto mo = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  if (!y || !mo || !d || text[4] != '-' || text[7] != '-') return malformed();
  const std::string date_text(text.substr(0, 10));
  if (*mo < 1 || *mo > 12) return invalid("invalid date " + date_text + ": month " + std::to_string(*mo));
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) {
    const unsigned last = static_cast<unsigned>(year_month_day_last{year{*y}, month_day_last{ymd.month()}}.day());
    return invalid("invalid date " + date_text + ": " + kMonthNames[*mo - 1] + " " + std::to_string(*y) + " has " +
                   std::to_string(last) + " days");
  }
  if (text.size() == 10) return zone.to_instant(local_days{ymd});

  // Time: THH:MM or THH:MM:SS.
  std::size_t pos = 10;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return malformed();
  ++pos;
  const auto h = digits(text, pos, 2);
  const auto mi = digits(text, pos + 3, 2);
  if (!h || !mi || text[pos + 2] != ':') return malformed();
  int s = 0;
  std::size_t end = pos + 5;
  if (end < text.size() && text[end] == ':') {
    const auto sec = digits(text, end + 1, 2);
    if (!sec) return malformed();
    s = *sec;
    end += 3;
  }
  const std::string time_text(text.substr(pos, end - pos));
  if (*h > 23) return invalid("invalid time " + time_text + ": hour " + std::to_string(*h));
  if (*mi > 59) return invalid("invalid time " + time_text + ": minute " + std::to_string(*mi));
  if (s > 59) return invalid("invalid time " + time_text + ": second " + std::to_string(s));
  const seconds time_of_day = hours{*h} + minutes{*mi} + seconds{s};

  // Optional offset: Z or +HH:MM / -HH:MM.
  if (end == text.size()) return zone.to_instant(local_days{ymd} + time_of_day);
  const sys_seconds as_utc = sys_days{ymd} + time_of_day;
  if ((text[end] == 'Z' || text[end] == 'z') && end + 1 == text.size()) return as_utc;
  if (text[end] == '+' || text[end] == '-') {
    const auto oh = digits(text, end + 1, 2);
    const auto om = digits(text, end + 4, 2);
    if (!oh || !om || text[end + 3] != ':' || end + 6 != text.size()) return malformed();
    if (*oh > 23 || *om > 59) return invalid("invalid time '" + shown + "': offset " + std::string(text.substr(end)));
    const seconds offset = hours{*oh} + minutes{*om};
    return text[end] == '+' ? as_utc - offset : as_utc + offset;
  }
  return malformed();
}

}  // namespace yhteisaika::time
