#include <yhteisaika/service/errc.hpp>

#include <string>

namespace yhteisaika::service {

namespace {

class ServiceCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.service"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::unknown_attendee:
        return "unknown attendee";
      case Errc::invalid_value:
        return "invalid value";
      case Errc::no_slot:
        return "no slot fits";
      case Errc::calendar_unavailable:
        return "a calendar cannot be read";
      case Errc::unauthorized:
        return "unauthorized";
      case Errc::forbidden:
        return "forbidden";
      case Errc::not_found:
        return "not found";
      case Errc::nothing_to_do:
        return "nothing to do";
    }
    return "unknown service error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& service_category() noexcept {
  static const ServiceCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), service_category()}; }

}  // namespace yhteisaika::service
