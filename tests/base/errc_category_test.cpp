#include <yhteisaika/errc_category.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

enum class Errc { first = 1, second };

const char* describe(Errc e) {
  switch (e) {
    case Errc::first: return "the first thing went wrong";
    case Errc::second: return "the second thing went wrong";
  }
  return nullptr;
}

const std::error_category& sample_category() noexcept {
  static const yhteisaika::ErrcCategory<Errc, describe> category("yhteisaika.sample");
  return category;
}

}  // namespace

TEST_CASE("a module's category names itself and gives each code its message", "[base][errc]") {
  const auto& category = sample_category();
  CHECK(std::string(category.name()) == "yhteisaika.sample");
  CHECK(std::error_code(1, category).message() == "the first thing went wrong");
  CHECK(std::error_code(2, category).message() == "the second thing went wrong");
  CHECK(&sample_category() == &category);
}

TEST_CASE("a value that is no code of the module says so with the module and value", "[base][errc]") {
  CHECK(std::error_code(0, sample_category()).message() == "unknown sample error 0");
  CHECK(std::error_code(99, sample_category()).message() == "unknown sample error 99");
  CHECK(std::error_code(-3, sample_category()).message() == "unknown sample error -3");
}
