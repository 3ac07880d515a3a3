#include <yhteisaika/mailbox/errc.hpp>
#include <yhteisaika/errc_category.hpp>

namespace yhteisaika::mailbox {

namespace {

const char* describe(Errc e) {
  switch (e) {
    case Errc::temporary: return "mail server temporarily unavailable";
    case Errc::permanent: return "mail server refused the request permanently";
    case Errc::bad_config: return "mail server options are wrong";
  }
  return nullptr;
}

}  // namespace

const std::error_category& mailbox_category() noexcept {
  static const ErrcCategory<Errc, describe> category("yhteisaika.mailbox");
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), mailbox_category()}; }

}  // namespace yhteisaika::mailbox
