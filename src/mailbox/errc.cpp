#include <yhteisaika/mailbox/errc.hpp>

#include <string>

namespace yhteisaika::mailbox {

namespace {

class MailboxCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.mailbox"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::temporary:
        return "mail server temporarily unavailable";
      case Errc::permanent:
        return "mail server refused the request permanently";
      case Errc::bad_config:
        return "mail server options are wrong";
    }
    return "unknown mailbox error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& mailbox_category() noexcept {
  static const MailboxCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), mailbox_category()}; }

}  // namespace yhteisaika::mailbox
