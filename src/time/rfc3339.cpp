#include <yhteisaika/time/rfc3339.hpp>
#include <yhteisaika/time/date.hpp>

#include "digits.hpp"

#include <system_error>

namespace yhteisaika::time {

namespace {

using namespace std::chrono;
using detail::digits;
using detail::put2;

Error invalid(std::string message) {
  return Error{std::make_error_code(std::errc::invalid_argument), std::move(message), {}};
}

}  // namespace

void append_rfc3339(std::string& out, Instant t, const Zone& zone) {
  const seconds offset = zone.utc_offset_at(t);
  const sys_seconds local{t.time_since_epoch() + offset};  // local wall time, on the sys_ calendar
  const sys_days day = floor<days>(local);
  const hh_mm_ss<seconds> hms{local - day};

  // "YYYY-MM-DD" then "THH:MM:SS+HH:MM": 25 characters.
  append_date(out, year_month_day{day});
  char buf[15];
  buf[0] = 'T';
  put2(buf + 1, static_cast<int>(hms.hours().count()));
  buf[3] = ':';
  put2(buf + 4, static_cast<int>(hms.minutes().count()));
  buf[6] = ':';
  put2(buf + 7, static_cast<int>(hms.seconds().count()));
  const long long off = offset.count();
  const long long abs_off = off < 0 ? -off : off;
  buf[9] = off < 0 ? '-' : '+';
  put2(buf + 10, static_cast<int>(abs_off / 3600));
  buf[12] = ':';
  put2(buf + 13, static_cast<int>(abs_off / 60 % 60));
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
  if (!detail::date_shaped(text)) return malformed();
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return date.error();
  const year_month_day ymd = *date;
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
