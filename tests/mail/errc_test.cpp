#include <yhteisaika/mail/errc.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace yhteisaika::mail;

TEST_CASE("every mail error code has its own message in the mail category", "[mail][errc]") {
  std::set<std::string> messages;
  for (Errc e : {Errc::malformed_message, Errc::malformed_mime, Errc::bad_encoding}) {
    const std::error_code code = e;
    CHECK(code.category() == mail_category());
    CHECK(std::string(code.category().name()) == "yhteisaika.mail");
    CHECK_THAT(code.message(), !Catch::StartsWith("unknown"));
    messages.insert(code.message());
  }
  CHECK(messages.size() == 3);
  CHECK(std::error_code(Errc::bad_encoding).message() == "invalid content transfer encoding");
  CHECK(std::error_code(99, mail_category()).message() == "unknown mail error 99");
}
