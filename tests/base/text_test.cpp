// The one count of characters and the one control-character check that the
// case, booking and HTTP checks of free text share (text.hpp).
#include <yhteisaika/text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;

TEST_CASE("a label's length is counted in characters, not bytes", "[base][text]") {
  CHECK(count_characters("") == 0);
  CHECK(count_characters("Äiti") == 4);            // Ä is two bytes
  CHECK(count_characters("Läheinen") == 8);
  CHECK(count_characters("\xE2\x82\xAC") == 1);    // € is three bytes
  CHECK(count_characters("\xF0\x9F\x98\x80") == 1);  // an emoji, four bytes
}

TEST_CASE("tabs, line breaks and DEL are control characters, letters are not", "[base][text]") {
  CHECK_FALSE(has_control_character("Järjestötoimija 2"));
  CHECK(has_control_character("Äiti\nIsä"));
  CHECK(has_control_character("a\tb"));
  CHECK(has_control_character("x\x7F"));
  CHECK(has_control_character(std::string_view("a\0b", 3)));
}
