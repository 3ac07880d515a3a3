#include <yhteisaika/config/errc.hpp>
#include <yhteisaika/errc_category.hpp>

namespace yhteisaika::config {

namespace {

const char* describe(Errc e) {
  switch (e) {
    case Errc::unknown_key: return "unknown configuration key";
    case Errc::bad_value: return "invalid configuration value";
    case Errc::bad_syntax: return "configuration line is not `key = value`";
    case Errc::duplicate_key: return "configuration key set twice";
  }
  return nullptr;
}

}  // namespace

const std::error_category& config_category() noexcept {
  static const ErrcCategory<Errc, describe> category("yhteisaika.config");
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), config_category()}; }

}  // namespace yhteisaika::config
