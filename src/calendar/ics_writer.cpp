#include "ics_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

namespace yhteisaika::calendar::detail {

namespace {

using namespace std::chrono;
using time::Instant;
using time::LocalTime;

// RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."
constexpr std::size_t kMaxLineOctets = 75;

bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string two_digits(long v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02ld", v);
  return buf;
}

std::string date_time_digits(sys_seconds t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02ld%02ld%02ld", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                long(hms.seconds().count()));
  return buf;
}

}  // namespace

void IcsWriter::begin(std::string_view component) { emit("BEGIN:" + std::string(component)); }

void IcsWriter::end(std::string_view component) { emit("END:" + std::string(component)); }

void IcsWriter::raw(std::string_view name, std::string_view value, const std::vector<Param>& params) {
  std::string line(name);
  for (const Param& p : params) {
    line += ';';
    line += p.name;
    line += '=';
    line += param_value(p.value);
  }
  line += ':';
  for (char c : value) {
    if (!is_control(c)) line += c;
  }
  emit(line);
}

void IcsWriter::text(std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += escape_text(value);
  emit(line);
}

void IcsWriter::emit(const std::string& line) { append_folded(out_, line); }

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one newline
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      case '\t': out += c; break;
      default:
        if (!is_control(c)) out += c;  // TSAFE-CHAR excludes CTLs
    }
  }
  return out;
}

std::string param_value(std::string_view value) {
  std::string encoded;
  encoded.reserve(value.size());
  bool needs_quotes = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    switch (c) {
      // RFC 6868 §3: the only way to carry these in a parameter value.
      case '^': encoded += "^^"; break;
      case '"': encoded += "^'"; break;
      case '\r':
        if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
        encoded += "^n";
        break;
      case '\n': encoded += "^n"; break;
      case ';':
      case ':':
      case ',':
        needs_quotes = true;  // RFC 5545 §3.2: not SAFE-CHAR, fine in a quoted-string
        encoded += c;
        break;
      default:
        if (!is_control(c) || c == '\t') encoded += c;
    }
  }
  return needs_quotes ? '"' + encoded + '"' : encoded;
}

void append_folded(std::string& out, std::string_view line) {
  std::size_t limit = kMaxLineOctets;  // the first physical line; later ones lose one octet to the space
  while (line.size() > limit) {
    std::size_t cut = limit;
    // Back up to the start of a UTF-8 sequence; a run of stray continuation bytes is cut anyway.
    while (cut > 0 && is_utf8_continuation(line[cut])) --cut;
    if (cut == 0) cut = limit;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
}

std::string utc_date_time(Instant t) { return date_time_digits(t) + 'Z'; }

std::string local_date_time(LocalTime t) { return date_time_digits(sys_seconds{t.time_since_epoch()}); }

std::string duration_value(minutes d) {
  if (d <= minutes{0}) throw std::invalid_argument("duration must be positive");
  if (d % days{1} == minutes{0}) return "P" + std::to_string(d / days{1}) + "D";
  std::string out = "PT";
  if (d >= hours{1}) out += std::to_string(d / hours{1}) + "H";
  if (d % hours{1} != minutes{0}) out += std::to_string((d % hours{1}).count()) + "M";
  return out;
}

std::string utc_offset_value(seconds offset) {
  // "-0000" is not allowed (RFC 5545 §3.3.14), so zero is "+0000".
  std::string out = offset < seconds{0} ? "-" : "+";
  const seconds a = abs(offset);
  const hh_mm_ss hms{a};
  out += two_digits(hms.hours().count()) + two_digits(hms.minutes().count());
  if (hms.seconds().count() != 0) out += two_digits(hms.seconds().count());
  return out;
}

std::string_view weekday_value(weekday wd) {
  static constexpr std::string_view kNames[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  return kNames[wd.c_encoding()];
}

std::string cal_address(const Person& person) {
  if (person.email.empty()) throw std::invalid_argument("a person without a calendar address");
  if (person.email.find(':') != std::string::npos) return person.email;
  return "mailto:" + person.email;
}

void begin_calendar(IcsWriter& w, std::string_view method) {
  w.begin("VCALENDAR");
  w.raw("PRODID", "-//Yhteisaika//Yhteisaika//FI");
  w.raw("VERSION", "2.0");
  w.raw("CALSCALE", "GREGORIAN");
  w.raw("METHOD", method);
}

// ---- VTIMEZONE --------------------------------------------------------------

namespace {

// One change of UTC offset.
struct OffsetChange {
  Instant at;
  seconds from;
  seconds to;

  // RFC 5545 §3.6.5: an observance's DTSTART is its onset in local time before the change.
  LocalTime onset() const { return LocalTime{at.time_since_epoch() + from}; }
};

std::vector<OffsetChange> offset_changes(const time::Zone& zone) {
  std::vector<OffsetChange> changes;
  const auto& transitions = zone.transitions();
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    const seconds from = i == 0 ? zone.utc_offset_at(transitions[0].at - seconds{1}) : transitions[i - 1].offset;
    if (from != transitions[i].offset) changes.push_back({transitions[i].at, from, transitions[i].offset});
  }
  return changes;
}

// FREQ=YEARLY;BYMONTH=month;BYDAY=<nth><weekday>, at a fixed local time.
struct YearlyRule {
  month mon;
  weekday wd;
  int nth;  // 1..5 from the start of the month, -1..-5 from its end

  local_days in_year(year y) const {
    if (nth > 0) return local_days{y / mon / wd[static_cast<unsigned>(nth)]};
    return local_days{y / mon / wd[last]} - weeks{-nth - 1};
  }
};

// The yearly rule that gives exactly these changes, one a year in consecutive
// years, or nullopt. "Last" (-1) is preferred where it fits, as zone rules use it.
std::optional<YearlyRule> yearly_rule(const std::vector<OffsetChange>& group) {
  if (group.size() < 2) return std::nullopt;
  const LocalTime first = group.front().onset();
  const local_days first_day = floor<days>(first);
  const year_month_day first_ymd{sys_days{first_day.time_since_epoch()}};
  const seconds time_of_day = first - first_day;
  const weekday wd{first_day};
  bool last_fits = true;
  int positive = 0;  // the same n-th from the start in every year, else 0
  int negative = 0;  // the same n-th from the end in every year, else 0
  for (std::size_t i = 0; i < group.size(); ++i) {
    const LocalTime onset = group[i].onset();
    const local_days day = floor<days>(onset);
    const year_month_day ymd{sys_days{day.time_since_epoch()}};
    if (ymd.month() != first_ymd.month() || weekday{day} != wd || onset - day != time_of_day) return std::nullopt;
    if (ymd.year() != first_ymd.year() + years{static_cast<int>(i)}) return std::nullopt;
    const int d = static_cast<int>(unsigned(ymd.day()));
    const int month_length = static_cast<int>(unsigned((ymd.year() / ymd.month() / last).day()));
    const int pos = (d - 1) / 7 + 1;
    const int neg = -((month_length - d) / 7 + 1);
    last_fits = last_fits && neg == -1;
    positive = i == 0 || positive == pos ? pos : 0;
    negative = i == 0 || negative == neg ? neg : 0;
  }
  if (last_fits) return YearlyRule{first_ymd.month(), wd, -1};
  if (positive != 0 && positive <= 4) return YearlyRule{first_ymd.month(), wd, positive};
  if (negative != 0 && negative >= -4) return YearlyRule{first_ymd.month(), wd, negative};
  return std::nullopt;
}

bool is_daylight(const OffsetChange& change, const std::vector<OffsetChange>& all) {
  if (change.to <= change.from) return false;
  const auto next =
      std::upper_bound(all.begin(), all.end(), change.at, [](Instant t, const OffsetChange& c) { return t < c.at; });
  return next != all.end() && next->at - change.at <= days{366} && next->to == change.from;
}

}  // namespace

void write_vtimezone(IcsWriter& w, const time::Zone& zone, std::string_view tzid, time::Interval covered) {
  // A year either side: clients and converters see whole yearly cycles, which lets a
  // regular zone come out as the usual pair of RRULE observances.
  const Instant from = covered.start - days{366};
  const Instant to = covered.end + days{366};
  const std::vector<OffsetChange> all = offset_changes(zone);

  // The change in effect at `from`, and every change up to `to`.
  std::vector<OffsetChange> used;
  auto it = std::upper_bound(all.begin(), all.end(), from, [](Instant t, const OffsetChange& c) { return t < c.at; });
  if (it != all.begin()) --it;
  for (; it != all.end() && it->at <= to; ++it) used.push_back(*it);

  w.begin("VTIMEZONE");
  w.text("TZID", tzid);  // RFC 5545 §3.8.3.1: TEXT
  if (used.empty() || used.front().at > from) {
    // No change at or before `from`: the offset then has held since before the data begins.
    const seconds offset = zone.utc_offset_at(from);
    const Instant epoch = sys_days{year{1970} / 1 / 1};
    const LocalTime start = from >= epoch ? LocalTime{} : floor<days>(LocalTime{from.time_since_epoch() + offset});
    w.begin("STANDARD");
    w.raw("DTSTART", local_date_time(start));
    w.raw("TZOFFSETFROM", utc_offset_value(offset));
    w.raw("TZOFFSETTO", utc_offset_value(offset));
    w.end("STANDARD");
  }

  // One observance per (from, to) pair, in the order of their first change.
  std::vector<std::vector<OffsetChange>> groups;
  std::map<std::pair<seconds, seconds>, std::size_t> group_of;
  for (const OffsetChange& c : used) {
    auto [pos, inserted] = group_of.try_emplace({c.from, c.to}, groups.size());
    if (inserted) groups.emplace_back();
    groups[pos->second].push_back(c);
  }

  for (const auto& group : groups) {
    const OffsetChange& first = group.front();
    const std::string_view kind = is_daylight(first, all) ? "DAYLIGHT" : "STANDARD";
    w.begin(kind);
    w.raw("DTSTART", local_date_time(first.onset()));
    w.raw("TZOFFSETFROM", utc_offset_value(first.from));
    w.raw("TZOFFSETTO", utc_offset_value(first.to));
    if (const std::optional<YearlyRule> rule = yearly_rule(group)) {
      std::string recur = "FREQ=YEARLY;BYMONTH=" + std::to_string(unsigned(rule->mon)) +
                          ";BYDAY=" + std::to_string(rule->nth) + std::string(weekday_value(rule->wd));
      // Open-ended unless the rule would fire again before `to` where the zone has no
      // such change (the zone left the rule): then it ends at its last change.
      // RFC 5545 §3.6.5: UNTIL in an observance is UTC.
      const year last_year = year_month_day{sys_days{floor<days>(group.back().onset()).time_since_epoch()}}.year();
      const LocalTime next_onset =
          rule->in_year(last_year + years{1}) + (group.back().onset() - floor<days>(group.back().onset()));
      if (Instant{next_onset.time_since_epoch() - first.from} <= to)
        recur += ";UNTIL=" + utc_date_time(group.back().at);
      w.raw("RRULE", recur);
    } else {
      for (std::size_t i = 1; i < group.size(); ++i) w.raw("RDATE", local_date_time(group[i].onset()));
    }
    w.end(kind);
  }
  w.end("VTIMEZONE");
}

}  // namespace yhteisaika::calendar::detail
