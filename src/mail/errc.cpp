#include <yhteisaika/mail/errc.hpp>

#include <string>

namespace yhteisaika::mail {

namespace {

class MailCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.mail"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::malformed_message:
        return "malformed e-mail message";
      case Errc::malformed_mime:
        return "malformed MIME structure";
      case Errc::bad_encoding:
        return "invalid content transfer encoding";
    }
    return "unknown mail error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& mail_category() noexcept {
  static const MailCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), mail_category()}; }

}  // namespace yhteisaika::mail
