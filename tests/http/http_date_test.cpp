#include <yhteisaika/http/http_date.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono;

namespace {
const sys_seconds kNow = sys_days{2026y / November / 23d} + 9h;
const sys_seconds k1994 = sys_days{1994y / November / 6d} + 8h + 49min + 37s;
}  // namespace

TEST_CASE("HTTP dates are written as IMF-fixdate", "[http][date]") {
  CHECK(http::http_date(k1994) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(http::http_date(sys_days{2026y / December / 31d} + 23h + 59min + 59s) == "Thu, 31 Dec 2026 23:59:59 GMT");
  CHECK(http::http_date(sys_days{2027y / January / 1d}) == "Fri, 01 Jan 2027 00:00:00 GMT");
}

TEST_CASE("HTTP dates are read in all three forms RFC 9110 names, anything else is no date", "[http][date]") {
  struct Case {
    std::string_view text;
    std::optional<sys_seconds> read;
  };
  auto c = GENERATE(Case{"Sun, 06 Nov 1994 08:49:37 GMT", k1994}, Case{"sun, 06 nov 1994 08:49:37 gmt", k1994},
                    Case{" Sun, 06 Nov 1994 08:49:37 GMT ", k1994},
                    Case{"Sunday, 06-Nov-94 08:49:37 GMT", k1994}, Case{"Sun Nov  6 08:49:37 1994", k1994},
                    Case{"Thursday, 01-Jan-76 00:00:00 GMT", sys_days{2076y / January / 1d}},
                    Case{"Friday, 01-Jan-77 00:00:00 GMT", sys_days{1977y / January / 1d}},
                    Case{"Sun, 06 Nov 1994 08:49:37", std::nullopt}, Case{"Sun, 06 Nov 1994 08:49:37 UTC", std::nullopt},
                    Case{"Sun, 31 Feb 1994 08:49:37 GMT", std::nullopt}, Case{"Sun, 06 Nov 1994 24:00:00 GMT", std::nullopt},
                    Case{"1994-11-06T08:49:37Z", std::nullopt}, Case{"", std::nullopt},
                    Case{"Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT", std::nullopt});
  CAPTURE(c.text);
  CHECK(http::parse_http_date(c.text, kNow) == c.read);
}

TEST_CASE("a written date reads back", "[http][date]") {
  for (sys_seconds t : {k1994, kNow, sys_seconds{sys_days{2028y / February / 29d} + 12h + 1s}}) {
    CHECK(http::parse_http_date(http::http_date(t), kNow) == t);
  }
}
