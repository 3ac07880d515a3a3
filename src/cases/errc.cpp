#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/errc_category.hpp>

namespace yhteisaika::cases {

namespace {

const char* describe(Errc e) {
  switch (e) {
    case Errc::unknown_word: return "not one of the words the API knows";
    case Errc::stage_move: return "the case's stage cannot move so";
    case Errc::invalid_value: return "a value of the case is out of range or of the wrong shape";
    case Errc::case_closed: return "the case is closed";
  }
  return nullptr;
}

}  // namespace

const std::error_category& cases_category() noexcept {
  static const ErrcCategory<Errc, describe> category("yhteisaika.cases");
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), cases_category()}; }

}  // namespace yhteisaika::cases
