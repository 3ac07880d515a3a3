#include <yhteisaika/mail/errc.hpp>
#include <yhteisaika/errc_category.hpp>

namespace yhteisaika::mail {

namespace {

const char* describe(Errc e) {
  switch (e) {
    case Errc::malformed_message: return "malformed e-mail message";
    case Errc::malformed_mime: return "malformed MIME structure";
    case Errc::bad_encoding: return "invalid content transfer encoding";
  }
  return nullptr;
}

}  // namespace

const std::error_category& mail_category() noexcept {
  static const ErrcCategory<Errc, describe> category("yhteisaika.mail");
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), mail_category()}; }

}  // namespace yhteisaika::mail
