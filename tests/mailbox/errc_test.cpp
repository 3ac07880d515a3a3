#include <yhteisaika/mailbox/errc.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace yhteisaika::mailbox;

TEST_CASE("every mailbox error code has its own message in the mailbox category", "[mailbox]") {
  const std::error_code temporary = Errc::temporary;
  CHECK(temporary.category().name() == std::string("yhteisaika.mailbox"));
  std::set<std::string> messages;
  for (Errc e : {Errc::temporary, Errc::permanent, Errc::bad_config}) {
    const std::error_code code = e;
    CHECK(code.category() == mailbox_category());
    CHECK(code == e);
    CHECK_THAT(code.message(), !Catch::StartsWith("unknown"));
    messages.insert(code.message());
  }
  CHECK(messages.size() == 3);
  CHECK_THAT(std::error_code(99, mailbox_category()).message(), Catch::StartsWith("unknown"));
}
