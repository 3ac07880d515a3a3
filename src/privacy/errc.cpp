#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/errc_category.hpp>

namespace yhteisaika::privacy {

namespace {

const char* describe(Errc e) {
  switch (e) {
    case Errc::identity_code: return "the text contains a personal identity code";
  }
  return nullptr;
}

}  // namespace

const std::error_category& privacy_category() noexcept {
  static const ErrcCategory<Errc, describe> category("yhteisaika.privacy");
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), privacy_category()}; }

}  // namespace yhteisaika::privacy
