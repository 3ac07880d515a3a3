#include <yhteisaika/privacy/henkilotunnus.hpp>

#include <yhteisaika/ascii.hpp>

#include <catch2/catch.hpp>

#include <string>

using yhteisaika::privacy::Errc;
using yhteisaika::privacy::find_henkilotunnus;
using yhteisaika::privacy::is_henkilotunnus;
using yhteisaika::privacy::refuse_identity_code;
using yhteisaika::Location;

namespace {

// The check character computed independently of the library: the nine digits as
// one number, modulo 31, looked up in the published table.
char check_char(const std::string& first_ten) {
  const std::string nine = first_ten.substr(0, 6) + first_ten.substr(7, 3);
  const long long n = std::stoll(nine);
  return std::string("0123456789ABCDEFHJKLMNPRSTUVWXY").at(static_cast<std::size_t>(n % 31));
}
std::string with_check(const std::string& first_ten) { return first_ten + check_char(first_ten); }

// The same code with a check character that is certainly wrong.
std::string with_wrong_check(const std::string& first_ten) {
  const char right = check_char(first_ten);
  return first_ten + (right == '0' ? '1' : '0');
}

}  // namespace

TEST_CASE("the independent checksum agrees with the well-known example code", "[privacy][henkilotunnus]") {
  CHECK(with_check("131052-308") == "131052-308T");
  CHECK(with_check("010101A123") == "010101A123N");
}

TEST_CASE("valid identity codes are recognised in every century", "[privacy][henkilotunnus]") {
  const std::string code = GENERATE(std::string("131052-308T"), with_check("010101A123"), with_check("290200A456"),
                                    with_check("150785Y123"), with_check("150785X904"), with_check("150785W002"),
                                    with_check("150785V899"), with_check("150785U555"), with_check("311299B123"),
                                    with_check("010120C321"), with_check("010120D321"), with_check("010120E321"),
                                    with_check("010120F321"), with_check("170899+123"), with_check("290296-123"));
  INFO(code);
  CHECK(is_henkilotunnus(code));
  CHECK(find_henkilotunnus(code) == std::size_t{0});
}

TEST_CASE("letters match whatever their case", "[privacy][henkilotunnus]") {
  CHECK(is_henkilotunnus("131052-308t"));
  const std::string code = with_check("010101A123");
  CHECK(is_henkilotunnus(yhteisaika::ascii_lower(code)));
  CHECK(is_henkilotunnus(with_check("150785y123")));
}

TEST_CASE("a code with a wrong check character is not an identity code", "[privacy][henkilotunnus]") {
  const std::string first_ten = GENERATE(std::string("131052-308"), std::string("010101A123"),
                                         std::string("150785Y123"));
  INFO(first_ten);
  CHECK_FALSE(is_henkilotunnus(with_wrong_check(first_ten)));
  CHECK_FALSE(find_henkilotunnus("asiakas " + with_wrong_check(first_ten) + " kävi"));
}

TEST_CASE("a code whose date is not a real date is not an identity code", "[privacy][henkilotunnus]") {
  const std::string first_ten = GENERATE(std::string("310252-308"),   // 31 February
                                         std::string("290201A123"),   // 29 February 2001
                                         std::string("290200+123"),   // 1900 was not a leap year
                                         std::string("001052-308"),   // day 0
                                         std::string("131352-308"),   // month 13
                                         std::string("310452-308"));  // 31 April
  INFO(first_ten);
  CHECK_FALSE(is_henkilotunnus(with_check(first_ten)));
}

TEST_CASE("individual numbers 000 and 001 are never issued, and 900-999 are temporary and count",
          "[privacy][henkilotunnus]") {
  CHECK_FALSE(is_henkilotunnus(with_check("131052-000")));
  CHECK_FALSE(is_henkilotunnus(with_check("131052-001")));
  CHECK(is_henkilotunnus(with_check("131052-002")));
  CHECK(is_henkilotunnus(with_check("131052-950")));
}

TEST_CASE("an unknown century sign is not an identity code", "[privacy][henkilotunnus]") {
  const char sign = GENERATE('G', 'Z', '/', ' ', '0');
  std::string first_ten = "131052-308";
  first_ten[6] = sign;
  CHECK_FALSE(is_henkilotunnus(with_check(first_ten)));
}

TEST_CASE("a code is found anywhere in a longer text, also glued to other text", "[privacy][henkilotunnus]") {
  CHECK(find_henkilotunnus("Asiakas (hetu 131052-308T) tarvitsee yhteisen ajan.") == std::size_t{14});
  CHECK(find_henkilotunnus("hetu:131052-308T") == std::size_t{5});
  CHECK(find_henkilotunnus("x131052-308Tx") == std::size_t{1});
  CHECK(find_henkilotunnus("9131052-308T") == std::size_t{1});
  CHECK(find_henkilotunnus("tunnus on 131052-308t") == std::size_t{10});
  CHECK(find_henkilotunnus("ääkköset ensin 131052-308T") == std::size_t{std::string("ääkköset ensin ").size()});
}

TEST_CASE("text without a code, or too short for one, has none", "[privacy][henkilotunnus]") {
  CHECK_FALSE(find_henkilotunnus(""));
  CHECK_FALSE(find_henkilotunnus("131052-308"));
  CHECK_FALSE(find_henkilotunnus("YA-2026-0042"));
  CHECK_FALSE(find_henkilotunnus("Puhelin 040-1234567, tapaaminen 2026-11-25 klo 14:30"));
  CHECK_FALSE(find_henkilotunnus("13105-2308T"));
}

TEST_CASE("refusing a field names the field and never echoes the code", "[privacy][refuse]") {
  const std::string code = with_check("010101A123");
  const auto result = refuse_identity_code("Asiakas " + code + " / isä 131052-308T", "description");
  REQUIRE_FALSE(result);
  const auto& error = result.error();
  CHECK(error.code == Errc::identity_code);
  CHECK(error.where == Location::at_field("description"));
  CHECK(error.message.find("henkilötunnus") != std::string::npos);
  CHECK(error.message.find("case reference") != std::string::npos);
  for (const std::string& leaked : {code, std::string("131052-308T"), std::string("010101"),
                                    std::string("131052"), std::string("308T")}) {
    INFO("the error must not leak " << leaked);
    CHECK(error.to_string().find(leaked) == std::string::npos);
  }
}

TEST_CASE("a field without a code is accepted", "[privacy][refuse]") {
  CHECK(refuse_identity_code("YA-2026-0042, kotikäynti", "description"));
  CHECK(refuse_identity_code("", "location"));
}

TEST_CASE("the privacy error code has its own message", "[privacy][errc]") {
  std::error_code code = Errc::identity_code;
  CHECK(code.category().name() == std::string("yhteisaika.privacy"));
  CHECK(code.message().find("unknown privacy error") == std::string::npos);
}

TEST_CASE("identity codes written with Unicode look-alikes are found", "[privacy][henkilotunnus][issue-10]") {
  // 131052-308T was accepted and stored when its dash was an en dash, U+2010 or
  // U+2212, when NBSP, a zero-width space or a soft hyphen stood in it, or when
  // its digits were full-width: detection compared ASCII bytes only.
  struct Case {
    const char* what;
    std::string text;
    std::size_t offset;
  };
  const std::string before = "Asiakas ";
  const Case cases[] = {
      {"en dash U+2013", "131052\u2013308T", 0},
      {"hyphen U+2010", "131052\u2010308T", 0},
      {"non-breaking hyphen U+2011", "131052\u2011308T", 0},
      {"figure dash U+2012", "131052\u2012308T", 0},
      {"em dash U+2014", "131052\u2014308T", 0},
      {"minus sign U+2212", "131052\u2212308T", 0},
      {"small hyphen-minus U+FE63", "131052\uFE63308T", 0},
      {"full-width hyphen-minus U+FF0D", "131052\uFF0D308T", 0},
      {"NBSP for the dash", "131052\u00A0308T", 0},
      {"narrow NBSP U+202F for the dash", "131052\u202F308T", 0},
      {"an ASCII space for the dash", "131052 308T", 0},
      {"no dash at all", "131052308T", 0},
      {"zero-width space for the dash", "131052\u200B308T", 0},
      {"zero-width space beside the dash", "131052\u200B-308T", 0},
      {"zero-width space among the digits", "13\u200B10\u200B52-308T", 0},
      {"zero-width joiner among the digits", "1310\u200D52-308T", 0},
      {"word joiner U+2060", "131052-\u2060308T", 0},
      {"byte order mark U+FEFF", "\uFEFF131052-308T", 3},  // where the code itself starts
      {"soft hyphen for the dash", "131052\u00AD308T", 0},
      {"soft hyphen beside the dash", "131052-\u00AD308T", 0},
      {"left-to-right mark U+200E", "131052\u200E-308T", 0},
      {"combining low line U+0332", "1\u03323\u03321052-308T", 0},
      {"full-width digits", "\uFF11\uFF13\uFF11\uFF10\uFF15\uFF12-\uFF13\uFF10\uFF18T", 0},
      {"full-width digits, dash and letter", "\uFF11\uFF13\uFF11\uFF10\uFF15\uFF12\uFF0D\uFF13\uFF10\uFF18\uFF34", 0},
      {"mathematical bold digits", "\U0001D7CF\U0001D7D1\U0001D7CF\U0001D7CE52-308T", 0},
      {"after text", before + "131052\u2013308T", before.size()},
      {"after text, glued, full-width", "hetu\uFF11\uFF13\uFF11\uFF10\uFF15\uFF12\u2212\uFF13\uFF10\uFF18Tk\u00e4vi", 4},
      {"after text and invisible characters", "\u00e4\u200B" + std::string("131052\u00A0308T"), 5},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(find_henkilotunnus(c.text) == c.offset);
    CHECK_FALSE(refuse_identity_code(c.text, "title"));
  }
}

TEST_CASE("look-alike characters alone make no identity code", "[privacy][henkilotunnus][issue-10]") {
  // Folding must not turn ordinary text into false alarms.
  for (const std::string& text :
       {std::string("YA\u20132026\u20130042"), std::string("klo 14.30\u201315.30"), std::string("2026\u201311\u201325"),
        std::string("\uFF39\uFF21-\uFF12\uFF10\uFF12\uFF16-\uFF10\uFF10\uFF14\uFF12"), std::string("Puhelin 040 1234567"),
        std::string("0401234567"), std::string("Neuvotteluhuone\u00A02, 2.\u00A0krs"),
        std::string("131052\u2013308X"),  // a wrong check character stays wrong
        std::string("9131052308T"),       // part of a longer number: no century sign to tell
        std::string("131052308T7")}) {
    INFO(text);
    CHECK_FALSE(find_henkilotunnus(text));
  }
}
