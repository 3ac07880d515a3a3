#pragma once
// The values of configuration keys, read from text and printed back. A reader takes
// the key's name (for its message) and the text, and gives the value or an
// Errc::bad_value error saying what is expected (its `where` is left for the layer
// that read the text). Every printer's text reads back as the same value. Pure.

#include <yhteisaika/config/config.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::config::detail {

Error bad(std::string message);
std::string quoted(std::string_view value);

// A text value: what it is checked against, and the text kept (normalised where said).
using TextReader = Result<std::string> (*)(std::string_view key, std::string_view value);
Result<std::string> any_text(std::string_view key, std::string_view value);
// HOST:PORT; HOST an IPv4 address, an RFC 1123 host name or an IPv6 address in
// brackets; PORT 0-65535.
Result<std::string> listen_address(std::string_view key, std::string_view value);
Result<std::string> path(std::string_view key, std::string_view value);       // not empty, no control characters
Result<std::string> zone_name(std::string_view key, std::string_view value);  // IANA syntax only
Result<std::string> http_url(std::string_view key, std::string_view value);   // empty, or http(s)://; no trailing '/'
Result<std::string> email_address(std::string_view key, std::string_view value);
Result<std::string> log_level(std::string_view key, std::string_view value);  // lower-cased
Result<std::string> display_name(std::string_view key, std::string_view value);  // no control characters
Result<std::string> smtp_url(std::string_view key, std::string_view value);   // empty, smtp:// or smtps://
Result<std::string> imap_url(std::string_view key, std::string_view value);   // empty, imap:// or imaps://
Result<std::string> regular_expression(std::string_view key, std::string_view value);  // case_ref_pattern

// A whole decimal number of `unit` in [min, max] (no sign, no spaces).
Result<long long> whole_number(std::string_view key, std::string_view value, long long min, long long max,
                               std::string_view unit);

// Minutes with up to 3 decimals ("5", "0.5", "0.05" = 3 s), in [min, max]; as
// milliseconds, so every value read is a whole number of them. Printed with the
// decimals it needs (a value that is no whole thousandth of a minute, set in
// code, prints rounded down to one).
Result<std::chrono::milliseconds> decimal_minutes(std::string_view key, std::string_view value,
                                                  std::chrono::milliseconds min, std::chrono::milliseconds max);
std::string show_decimal_minutes(std::chrono::milliseconds value);

// yes/no (also true/false, on/off, 1/0, in any case).
Result<bool> yes_no(std::string_view key, std::string_view value);
std::string show_yes_no(bool value);

// A time of day "HH:MM" or "H:MM", 00:00-24:00, as minutes from midnight.
Result<std::chrono::minutes> time_of_day(std::string_view key, std::string_view value);
std::string show_clock(std::chrono::minutes t);

// A weekday in English or Finnish, whole or short ("wednesday", "keskiviikko",
// "wed", "ke"), in any case; printed in English.
std::optional<std::chrono::weekday> weekday_named(std::string_view name);
std::string show_weekday(std::chrono::weekday day);

// "WEEKDAY HH:MM" (before 24:00), or off/none/ei (nullopt: never released).
Result<std::optional<report::ReleaseRule>> release_rule(std::string_view key, std::string_view value);
std::string show_release_rule(const std::optional<report::ReleaseRule>& rule);

// Minutes that divide an hour evenly (the slot grid).
Result<std::chrono::minutes> grid_step(std::string_view key, std::string_view value);
std::string show_minutes(std::chrono::minutes m);

// Comma-separated dates YYYY-MM-DD (time/date.hpp), sorted, each once.
Result<std::vector<std::chrono::year_month_day>> date_list(std::string_view key, std::string_view value);
std::string show_date_list(const std::vector<std::chrono::year_month_day>& dates);

}  // namespace yhteisaika::config::detail
