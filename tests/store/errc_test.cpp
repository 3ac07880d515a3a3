#include <yhteisaika/store/errc.hpp>

#include <catch2/catch.hpp>

using yhteisaika::store::Errc;

TEST_CASE("every store error code has its own message", "[store][errc]") {
  auto e = GENERATE(Errc::not_found, Errc::slot_taken, Errc::invalid_argument, Errc::not_scheduled,
                    Errc::schema_too_new, Errc::database, Errc::already_exists, Errc::busy, Errc::conflict,
                    Errc::not_held, Errc::case_closed);
  std::error_code code = e;
  CHECK(code.category().name() == std::string("yhteisaika.store"));
  CHECK(code.message().find("unknown store error") == std::string::npos);
}
