#include <yhteisaika/config/config.hpp>

#include "keys.hpp"
#include "values.hpp"

#include <yhteisaika/ascii.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <tuple>

// One table of keys (keys.cpp) drives every layer: each key knows how to read its
// value into a Config and how to print it back. Rules between keys (the hole inside
// working hours, ...) are checked once, after the last layer.

namespace yhteisaika::config {

namespace {

using detail::find_key;
using detail::Key;
using detail::keys;
using detail::quoted;
using detail::show_clock;

// '-' and '_' are the same in keys: `--base-url` and `base_url` name one key.
std::string normalise_key(std::string_view key) {
  std::string out(key);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::string known_keys(std::string_view prefix) {
  std::string out;
  for (const Key& key : keys()) out += (out.empty() ? "" : ", ") + std::string(prefix) + std::string(key.name);
  return out;
}

std::string env_name(std::string_view key) { return "YHTEISAIKA_" + ascii_upper(key); }

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
  const auto all = keys();
  return std::any_of(all.begin(), all.end(), [&](const Key& key) { return env_name(key.name) == name; });
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
  for (const Key& key : keys()) known.push_back(env_name(key.name));
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
  Location where;
  long order = 0;
};

class Layering {
 public:
  Result<void> set(const Key& key, std::string_view value, Location where) {
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
    return it == origins_.end() ? "the defaults" : it->second.where.to_string();
  }

 private:
  Error fail(std::initializer_list<std::string_view> keys, std::string message) const {
    const Origin* last = nullptr;
    for (auto key : keys) {
      const auto it = origins_.find(key);
      if (it != origins_.end() && (!last || it->second.order > last->order)) last = &it->second;
    }
    return Error{Errc::bad_value, std::move(message), last ? last->where : Location::in("defaults")};
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
    const std::string_view line = ascii_trim(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_no;
    const Location where = Location::in(std::string(file_name), line_no);
    if (line.empty() || line.front() == '#') continue;

    const auto eq = line.find('=');
    const auto raw_key = eq == std::string_view::npos ? std::string_view{} : ascii_trim(line.substr(0, eq));
    if (raw_key.empty()) {
      return Error{Errc::bad_syntax, "expected `key = value`, a `# comment` or a blank line", where};
    }
    std::string_view raw = ascii_trim(line.substr(eq + 1));
    std::string_view value;
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      const auto close = raw.find(raw.front(), 1);
      if (close == std::string_view::npos) return Error{Errc::bad_syntax, "the quoted value has no closing quote", where};
      value = raw.substr(1, close - 1);
      const auto after = ascii_trim(raw.substr(close + 1));
      if (!after.empty() && after.front() != '#') {
        return Error{Errc::bad_syntax, "unexpected text after the closing quote", where};
      }
    } else {
      std::size_t comment = 0;
      while (comment < raw.size() && !(raw[comment] == '#' && (comment == 0 || ascii_is_space(raw[comment - 1])))) ++comment;
      value = ascii_trim(raw.substr(0, comment));
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
                 Location::in("environment " + name)};
  }
  for (const Key& key : keys()) {
    const std::string name = env_name(key.name);
    const auto it = env.find(name);
    if (it == env.end()) continue;
    if (auto set = layers.set(key, ascii_trim(it->second), Location::in("environment " + name)); !set) return set;
  }
  return {};
}

Result<void> apply_flags(Layering& layers, const std::vector<std::pair<std::string, std::string>>& flags) {
  for (const auto& [flag, value] : flags) {
    std::string_view name = flag;
    if (name.substr(0, 2) == "--") name.remove_prefix(2);
    const Location where = Location::in("flag --" + std::string(name));
    const Key* key = find_key(normalise_key(name));
    if (!key) {
      return Error{Errc::unknown_key, "unknown flag --" + std::string(name) + " (known: " + known_keys("--") + ")",
                   where};
    }
    if (auto set = layers.set(*key, ascii_trim(value), where); !set) return set;
  }
  return {};
}

// A value that load_config reads back unchanged: quoted when it is empty, holds a
// '#' or quote, or has spaces at its edges.
std::string file_value(const std::string& value) {
  const bool plain = !value.empty() && value.find_first_of("#\"'") == std::string::npos &&
                     !ascii_is_space(value.front()) && !ascii_is_space(value.back());
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
                    c.imap_poll, c.mail_retry, c.mail_give_up, c.case_ref_pattern, c.housekeeping_interval,
                    c.participant_retention_days);
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
  for (const Key& key : keys()) {
    out += std::string(key.name) + " = " + file_value(key.show(config));
    if (key.name == "base_url" && config.base_url.empty()) out += "  # empty: links use " + base_url_or_default(config);
    out += '\n';
  }
  return out;
}

Result<std::regex> compile_case_ref_pattern(std::string_view pattern) {
  if (pattern.empty()) return detail::bad("case_ref_pattern cannot be empty (it would refuse every case reference)");
  try {
    return std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return detail::bad("case_ref_pattern " + quoted(pattern) + " is not a regular expression (ECMAScript): " + e.what());
  }
}

std::string base_url_or_default(const Config& config) {
  return config.base_url.empty() ? "http://" + config.listen : config.base_url;
}

}  // namespace yhteisaika::config
