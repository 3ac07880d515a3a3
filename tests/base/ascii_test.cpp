#include <yhteisaika/ascii.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace yhteisaika;

TEST_CASE("ASCII letters fold and every other byte stays as it is", "[base][ascii]") {
  CHECK(ascii_lower("VEVENT Tzid=Europe/Helsinki") == "vevent tzid=europe/helsinki");
  CHECK(ascii_upper("vevent tzid=europe/helsinki") == "VEVENT TZID=EUROPE/HELSINKI");
  // UTF-8 of "Ä" and "ä" (C3 84, C3 A4), and a Latin-1 byte: not letters here.
  CHECK(ascii_lower("\xC3\x84iti") == "\xC3\x84iti");
  CHECK(ascii_upper("\xC3\xA4iti \xE4") == "\xC3\xA4ITI \xE4");
  CHECK(ascii_lower('Q') == 'q');
  CHECK(ascii_upper('q') == 'Q');
  CHECK(ascii_lower('@') == '@');
  CHECK(ascii_upper('[') == '[');
}

TEST_CASE("ASCII classes hold only ASCII characters", "[base][ascii]") {
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    INFO("byte " << i);
    CHECK(ascii_is_digit(c) == (i >= '0' && i <= '9'));
    CHECK(ascii_is_alpha(c) == ((i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z')));
    CHECK(ascii_is_alnum(c) == (ascii_is_alpha(c) || ascii_is_digit(c)));
    CHECK(ascii_is_space(c) == (i == ' ' || (i >= '\t' && i <= '\r')));
  }
}

TEST_CASE("comparing and trimming ignore ASCII case and white space only", "[base][ascii]") {
  CHECK(ascii_iequals("Content-Type", "content-TYPE"));
  CHECK_FALSE(ascii_iequals("content-type", "content-typ"));
  CHECK_FALSE(ascii_iequals("\xC3\x84", "\xC3\xA4"));  // Ä and ä are not ASCII
  CHECK(ascii_istarts_with("HTTPS://cal.example.fi", "https://"));
  CHECK_FALSE(ascii_istarts_with("http", "https://"));
  CHECK(ascii_trim(" \t\r\n key = value \v\f") == "key = value");
  CHECK(ascii_trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");  // NBSP is not ASCII white space
  CHECK(ascii_trim("   ").empty());
}
