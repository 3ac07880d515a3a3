#pragma once
// The table of configuration keys: each key's name, where its value lives in
// Config, how its text is read and how the value is printed back. Every layer
// (file, environment, flags) and describe() go through it.

#include <yhteisaika/config/config.hpp>

#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace yhteisaika::config::detail {

struct Key {
  std::string_view name;  // as in the config file; YHTEISAIKA_<NAME> in the environment, --name as a flag
  // Reads `value` into the config, or an Errc::bad_value error (no `where`) saying
  // what is expected; the config is unchanged then.
  std::function<Result<void>(Config&, std::string_view value)> apply;
  // The value in the config, as text that `apply` reads back to the same value.
  std::function<std::string(const Config&)> show;
};

// Every key, in the order of the table in config.hpp.
std::span<const Key> keys();

// The key named `name` (already normalised: '_' not '-'), or nullptr.
const Key* find_key(std::string_view name);

}  // namespace yhteisaika::config::detail
