#include <catch2/catch.hpp>
#include <string>
#include <vector>
#include <yhteisaika/mail/encoding.hpp>
#include <yhteisaika/mail/errc.hpp>

using namespace yhteisaika::mail;

namespace {

std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("\r\n", from)) != std::string::npos; from = at + 2) {
    lines.push_back(text.substr(from, at - from));
  }
  lines.push_back(text.substr(from));
  return lines;
}

}  // namespace

TEST_CASE("base64 encodes and decodes the RFC 4648 test vectors", "[mail][encoding]") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(encode_base64(plain) == encoded);
    CHECK(decode_base64(encoded).value() == plain);
  }
  const std::string binary("\0\xff\xc3\xa4\r\n", 6);
  CHECK(decode_base64(encode_base64(binary)).value() == binary);
}

TEST_CASE("base64 lines are 76 characters without a CRLF after the last", "[mail][encoding]") {
  const std::string data(200, 'x');
  const std::string text = encode_base64_lines(data);
  const auto lines = crlf_lines(text);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].size() == 76);
  CHECK(lines[3].size() == 268 - 3 * 76);
  CHECK(decode_base64(text).value() == data);
  CHECK(encode_base64_lines("").empty());
}

TEST_CASE("base64 decoding skips line breaks, accepts missing padding and rejects garbage", "[mail][encoding]") {
  CHECK(decode_base64("Zm9v\r\nYmFy\n").value() == "foobar");
  CHECK(decode_base64(" Zm8 ").value() == "fo");
  for (const char* bad : {"Zm9v!", "Zg==Zg", "Z", "Zm9vY", "Zg==="}) {
    INFO(bad);
    const auto result = decode_base64(bad);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == Errc::bad_encoding);
  }
}

TEST_CASE("quoted-printable encodes what must be encoded and nothing else", "[mail][encoding]") {
  CHECK(encode_quoted_printable("Hyvää päivää") == "Hyv=C3=A4=C3=A4 p=C3=A4iv=C3=A4=C3=A4");
  CHECK(encode_quoted_printable("a=b\n") == "a=3Db\r\n");
  CHECK(encode_quoted_printable("trailing \nspace\t\r\n") == "trailing=20\r\nspace=09\r\n");
  CHECK(encode_quoted_printable(".\nFrom here\nFro") == "=2E\r\n=46rom here\r\nFro");
  CHECK(encode_quoted_printable("") == "");
}

TEST_CASE("quoted-printable lines stay within 76 characters and decode back", "[mail][encoding]") {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "äiti ja isä = vanhemmat. ";
  text += "\n\nloppu\n";
  const std::string encoded = encode_quoted_printable(text);
  for (const std::string& line : crlf_lines(encoded)) {
    INFO(line);
    CHECK(line.size() <= 76);
  }
  std::string expected = text;
  for (std::size_t at = 0; (at = expected.find('\n', at)) != std::string::npos; at += 2) expected.replace(at, 1, "\r\n");
  CHECK(decode_quoted_printable(encoded) == expected);
}

TEST_CASE("quoted-printable decoding is robust as RFC 2045 asks", "[mail][encoding]") {
  CHECK(decode_quoted_printable("P=c3=a4iv=C3=\r\n=A4 \r\nrivi=\nyhdess=C3=A4") == "Päivä\r\nriviyhdessä");
  CHECK(decode_quoted_printable("a=ZZ b=") == "a=ZZ b");
  CHECK(decode_quoted_printable("x\n") == "x\r\n");
}

TEST_CASE("header text is plain ASCII as is and RFC 2047 encoded-words otherwise", "[mail][encoding][rfc2047]") {
  CHECK(encode_header_text("Kutsu: Omatiimi YA-2026-0042") == "Kutsu: Omatiimi YA-2026-0042");
  CHECK(encode_header_text("Ei\r\nBcc: x@example.fi") == "Ei  Bcc: x@example.fi");

  const std::string finnish = "Päivitetty kutsu: Moniammatillinen yhteistyöpalaveri, jossa käsitellään "
                              "hoito- ja palvelusuunnitelmaa – ke 2.12.2026 klo 14.30";
  const std::string encoded = encode_header_text(finnish);
  CHECK(encoded.find_first_of("\r\n") == std::string::npos);
  std::size_t words = 0;
  for (std::size_t from = 0; from < encoded.size(); ++words) {
    auto end = encoded.find(' ', from);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(from, end - from);
    CHECK(word.rfind("=?UTF-8?B?", 0) == 0);
    CHECK(word.size() <= 75);
    CHECK(decode_base64(word.substr(10, word.size() - 12)).has_value());
    from = end + 1;
  }
  CHECK(words > 2);
  CHECK(decode_header_text(encoded) == finnish);

  // "=?" would read as an encoded-word, and a 71-character word could not be folded.
  CHECK(decode_header_text(encode_header_text("a =?x?= b")) == "a =?x?= b");
  CHECK(encode_header_text(std::string(71, 'a')).rfind("=?UTF-8?B?", 0) == 0);
}

TEST_CASE("header text decodes the RFC 2047 examples, Q and B, UTF-8 and Latin-1", "[mail][encoding][rfc2047]") {
  CHECK(decode_header_text("(=?ISO-8859-1?Q?a?=)") == "(a)");
  CHECK(decode_header_text("(=?ISO-8859-1?Q?a?= b)") == "(a b)");
  CHECK(decode_header_text("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)") == "(ab)");
  CHECK(decode_header_text("(=?ISO-8859-1?Q?a?=\t  =?ISO-8859-1?Q?b?=)") == "(ab)");
  CHECK(decode_header_text("(=?ISO-8859-1?Q?a_b?=)") == "(a b)");
  CHECK(decode_header_text("=?utf-8?q?Vastaus:_P=C3=A4iv=C3=A4?=") == "Vastaus: Päivä");
  CHECK(decode_header_text("=?iso-8859-1?q?P=E4iv=E4?=") == "Päivä");
  CHECK(decode_header_text("=?UTF-8*fi?B?UMOkaXbDpA==?= ok") == "Päivä ok");
  CHECK(decode_header_text("=?UTF-8?X?abc?= =?UTF-8?B?!!?=") == "=?UTF-8?X?abc?= =?UTF-8?B?!!?=");
}

TEST_CASE("Latin-1 and windows-1252 convert to UTF-8, other charsets pass", "[mail][encoding]") {
  CHECK(charset_to_utf8("P\xe4iv\xe4", "ISO-8859-1") == "Päivä");
  CHECK(charset_to_utf8("\x80 5", "Windows-1252") == "€ 5");
  CHECK(charset_to_utf8("\x80", "latin1") == "\xc2\x80");
  CHECK(charset_to_utf8("Päivä", "utf-8") == "Päivä");
}
