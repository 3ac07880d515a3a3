#include <yhteisaika/config/errc.hpp>

#include <string>

namespace yhteisaika::config {

namespace {

class ConfigCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.config"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::unknown_key:
        return "unknown configuration key";
      case Errc::bad_value:
        return "invalid configuration value";
      case Errc::bad_syntax:
        return "configuration line is not `key = value`";
      case Errc::duplicate_key:
        return "configuration key set twice";
    }
    return "unknown config error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& config_category() noexcept {
  static const ConfigCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), config_category()}; }

}  // namespace yhteisaika::config
