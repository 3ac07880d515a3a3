#include <yhteisaika/privacy/errc.hpp>

#include <string>

namespace yhteisaika::privacy {

namespace {

class PrivacyCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.privacy"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::identity_code:
        return "the text contains a personal identity code";
    }
    return "unknown privacy error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& privacy_category() noexcept {
  static const PrivacyCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), privacy_category()}; }

}  // namespace yhteisaika::privacy
