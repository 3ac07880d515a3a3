#include "keys.hpp"

#include "values.hpp"

#include <yhteisaika/solve/limits.hpp>

#include <algorithm>
#include <type_traits>
#include <utility>
#include <vector>

namespace yhteisaika::config::detail {

namespace {

using namespace std::chrono_literals;
using time::WorkRules;
using MailServer = Config::MailServer;

// The member that the path of pointers to members names: &Config::listen, or
// &Config::rules, &WorkRules::day_start for a member of a member.
template <auto... Member>
auto& field(Config& c) {
  return (c .* ... .* Member);
}
template <auto... Member>
const auto& field(const Config& c) {
  return (c .* ... .* Member);
}
template <auto... Member>
using FieldType = std::remove_cvref_t<decltype(field<Member...>(std::declval<Config&>()))>;

// The kinds of key. Each binds a key's name to its member with a reader
// (Result<T>(key, text)) and a printer (std::string(T)).
template <auto... Member, class Read, class Show>
Key value(std::string_view name, Read read, Show show) {
  return {name,
          [name, read](Config& c, std::string_view text) -> Result<void> {
            auto parsed = read(name, text);
            if (!parsed) return parsed.error();
            field<Member...>(c) = std::move(*parsed);
            return {};
          },
          [show](const Config& c) { return show(field<Member...>(c)); }};
}

std::string same_text(const std::string& text) { return text; }

// Text, checked (and where said normalised) by `read`.
template <auto... Member>
Key text(std::string_view name, TextReader read = any_text) {
  return value<Member...>(name, read, same_text);
}

// A whole number of `unit` in [min, max], into an integer or a std::chrono::duration.
template <auto... Member>
Key number(std::string_view name, long long min, long long max, std::string_view unit) {
  using T = FieldType<Member...>;
  const auto read = [min, max, unit](std::string_view key, std::string_view text) -> Result<T> {
    auto n = whole_number(key, text, min, max, unit);
    if (!n) return n.error();
    return T(*n);
  };
  const auto show = [](const T& v) {
    if constexpr (std::is_arithmetic_v<T>) return std::to_string(v);
    else return std::to_string(v.count());
  };
  return value<Member...>(name, read, show);
}

// Minutes, decimals allowed, in [min, max] (config/values.hpp decimal_minutes).
template <auto... Member>
Key decimal_minutes_key(std::string_view name, std::chrono::milliseconds min, std::chrono::milliseconds max) {
  const auto read = [min, max](std::string_view key, std::string_view text) {
    return decimal_minutes(key, text, min, max);
  };
  return value<Member...>(name, read, show_decimal_minutes);
}

// A time of day HH:MM.
template <auto... Member>
Key clock(std::string_view name) {
  return value<Member...>(name, time_of_day, show_clock);
}

template <auto... Member>
Key switch_key(std::string_view name) {
  return value<Member...>(name, yes_no, show_yes_no);
}

// A weekday that is one of the configured working days.
template <auto... Member>
Key working_day(std::string_view name) {
  const auto apply = [name](Config& c, std::string_view text) -> Result<void> {
    const auto day = weekday_named(text);
    if (!day) {
      return bad(std::string(name) + " " + quoted(text) + " is not a weekday (expected e.g. wednesday or keskiviikko)");
    }
    const auto& working = c.rules.working_days;
    if (std::find(working.begin(), working.end(), *day) == working.end()) {
      return bad(std::string(name) + " must be a working day, monday-friday, got " + quoted(text));
    }
    field<Member...>(c) = *day;
    return {};
  };
  return {name, apply, [](const Config& c) { return show_weekday(field<Member...>(c)); }};
}

// One line a key, in the order of the table in config.hpp (the order of describe()).
const std::vector<Key>& table() {
  static const std::vector<Key> keys{
      text<&Config::listen>("listen", listen_address),
      text<&Config::db_path>("db", path),
      text<&Config::calendars_dir>("calendars", path),
      text<&Config::zone>("zone", zone_name),
      text<&Config::base_url>("base_url", http_url),
      text<&Config::organizer_email>("organizer_email", email_address),
      clock<&Config::rules, &WorkRules::day_start>("day_start"),
      clock<&Config::rules, &WorkRules::day_end>("day_end"),
      working_day<&Config::rules, &WorkRules::hole_day>("hole_day"),
      clock<&Config::rules, &WorkRules::hole_start>("hole_start"),
      clock<&Config::rules, &WorkRules::hole_end>("hole_end"),
      value<&Config::hole_release>("hole_release", release_rule, show_release_rule),
      value<&Config::rules, &WorkRules::grid>("grid_minutes", grid_step, show_minutes),
      value<&Config::rules, &WorkRules::closures>("closures", date_list, show_date_list),
      // The longest window a solve takes (solve/limits.hpp): a longer default fails every solve.
      number<&Config::default_days>("default_days", 1, solve::kMaxWindowDays, "days"),
      number<&Config::horizon_days>("horizon_days", 1, 3660, "days"),
      number<&Config::io_threads>("io_threads", 1, 256, "threads"),
      number<&Config::worker_threads>("worker_threads", 1, 256, "threads"),
      // 0 is allowed: a write fails at once when another process holds the lock.
      number<&Config::busy_timeout>("busy_timeout_ms", 0, 10 * 60 * 1000, "milliseconds"),
      number<&Config::body_limit>("body_limit_bytes", 1, 1LL << 30, "bytes"),
      number<&Config::feed_refresh>("feed_refresh_minutes", 1, 7 * 24 * 60, "minutes"),
      // 0 is allowed: a cancelled meeting leaves the feeds at once.
      number<&Config::cancelled_visible_days>("cancelled_visible_days", 0, 3660, "days"),
      text<&Config::log_level>("log_level", log_level),
      // Below a minute only for tests (a real server is not asked every few seconds): 0.01 = 0.6 s.
      decimal_minutes_key<&Config::refresh>("refresh_minutes", 600ms, 24h),
      decimal_minutes_key<&Config::max_age>("max_age_minutes", 600ms, 7 * 24h),
      number<&Config::fetch_concurrency>("fetch_concurrency", 1, 256, "fetches"),
      text<&Config::ca_file>("ca_file"),
      number<&Config::connect_timeout>("connect_timeout_seconds", 1, 600, "seconds"),
      number<&Config::read_timeout>("read_timeout_seconds", 1, 3600, "seconds"),
      number<&Config::max_calendar_bytes>("max_calendar_bytes", 1024, 1LL << 30, "bytes"),
      text<&Config::source_credentials_file>("source_credentials_file"),
      text<&Config::mail_from_name>("mail_from_name", display_name),
      text<&Config::smtp, &MailServer::url>("smtp_url", smtp_url),
      switch_key<&Config::smtp, &MailServer::starttls>("smtp_starttls"),
      text<&Config::smtp, &MailServer::user>("smtp_user"),
      text<&Config::smtp, &MailServer::password_file>("smtp_password_file"),
      text<&Config::imap, &MailServer::url>("imap_url", imap_url),
      switch_key<&Config::imap, &MailServer::starttls>("imap_starttls"),
      text<&Config::imap, &MailServer::user>("imap_user"),
      text<&Config::imap, &MailServer::password_file>("imap_password_file"),
      number<&Config::imap_poll>("imap_poll_seconds", 1, 24 * 3600, "seconds"),
      number<&Config::mail_retry>("mail_retry_seconds", 1, 24 * 3600, "seconds"),
      number<&Config::mail_give_up>("mail_give_up_hours", 1, 30 * 24, "hours"),
      text<&Config::case_ref_pattern>("case_ref_pattern", regular_expression),
      number<&Config::housekeeping_interval>("housekeeping_interval_seconds", 1, 10, "seconds"),
      number<&Config::participant_retention_days>("participant_retention_days", 0, 3660, "days"),
  };
  return keys;
}

}  // namespace

std::span<const Key> keys() { return table(); }

const Key* find_key(std::string_view name) {
  const auto all = keys();
  const auto it = std::find_if(all.begin(), all.end(), [&](const Key& key) { return key.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace yhteisaika::config::detail
