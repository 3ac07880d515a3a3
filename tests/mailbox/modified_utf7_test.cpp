#include "modified_utf7.hpp"

#include <yhteisaika/mailbox/errc.hpp>

#include <catch2/catch.hpp>

using yhteisaika::mailbox::detail::to_modified_utf7;

TEST_CASE("mailbox names are written in modified UTF-7", "[mailbox][utf7]") {
  struct Row {
    const char* utf8;
    const char* wire;
  };
  const Row rows[] = {
      {"INBOX", "INBOX"},
      {"Käsitellyt", "K&AOQ-sitellyt"},
      {"a&b", "a&-b"},
      {"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},  // RFC 3501 §5.1.3's example
      {"Ääni", "&AMQA5A-ni"},  // two characters in one run
      {"😀", "&2D3eAA-"},                                               // outside the BMP: a surrogate pair
      {"", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.utf8);
    auto wire = to_modified_utf7(row.utf8);
    REQUIRE(wire.has_value());
    CHECK(*wire == row.wire);
  }
}

TEST_CASE("a mailbox name that is not UTF-8, or holds a line break, is refused", "[mailbox][utf7]") {
  for (const char* bad : {"\xff", "K\xc3", "\xc0\xaf", "\xed\xa0\x80", "a\nb", "a\rb"}) {
    CAPTURE(bad);
    auto wire = to_modified_utf7(bad);
    REQUIRE_FALSE(wire.has_value());
    CHECK(wire.error().code == yhteisaika::mailbox::Errc::bad_config);
  }
}
