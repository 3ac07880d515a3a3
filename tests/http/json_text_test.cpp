#include <yhteisaika/http/json_text.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <limits>

using namespace yhteisaika;
namespace json = boost::json;

TEST_CASE("JSON numbers are plain decimals, never in exponent form", "[http][json][issue-10]") {
  // Boost.JSON 1.81 wrote every double with an exponent: 100.0 as "1E2", 5.625 as "5.625E0".
  struct Case {
    double value;
    std::string_view text;
  };
  auto c = GENERATE(Case{100.0, "100"}, Case{0.0, "0"}, Case{-0.0, "0"}, Case{5.625, "5.625"}, Case{5.6, "5.6"},
                    Case{66.67, "66.67"}, Case{0.001, "0.001"}, Case{-12.5, "-12.5"}, Case{1e-7, "0.0000001"},
                    Case{1e21, "1000000000000000000000"}, Case{0.1 + 0.2, "0.30000000000000004"},
                    Case{std::numeric_limits<double>::quiet_NaN(), "null"},
                    Case{std::numeric_limits<double>::infinity(), "null"});
  CAPTURE(c.value);
  const std::string text = http::json_text(json::value(c.value));
  CHECK(text == c.text);
  if (text != "null") CHECK(json::parse(text).to_number<double>() == c.value);  // reads back the same
}

TEST_CASE("json_text writes everything but doubles as Boost.JSON does", "[http][json]") {
  const json::object o{{"int", 7},
                       {"negative", -3},
                       {"big", std::uint64_t(18446744073709551615ull)},
                       {"null", nullptr},
                       {"yes", true},
                       {"text", "tab\tquote\" ä \u2026"},
                       {"list", json::array{1, 2.5, "x", json::object{{"in", 100.0}}}},
                       {"empty", json::object{}},
                       {"none", json::array{}}};
  const std::string text = http::json_text(o);
  CHECK(text ==
        R"({"int":7,"negative":-3,"big":18446744073709551615,"null":null,"yes":true,"text":"tab\tquote\" ä …",)"
        R"("list":[1,2.5,"x",{"in":100}],"empty":{},"none":[]})");
  CHECK(json::parse(text) == json::value(json::object{{"int", 7},
                                                      {"negative", -3},
                                                      {"big", std::uint64_t(18446744073709551615ull)},
                                                      {"null", nullptr},
                                                      {"yes", true},
                                                      {"text", "tab\tquote\" ä \u2026"},
                                                      {"list", json::array{1, 2.5, "x", json::object{{"in", 100}}}},
                                                      {"empty", json::object{}},
                                                      {"none", json::array{}}}));
  CHECK(http::json_text(json::value(o)) == text);
  CHECK(http::json_text(json::array{0.5, 3.0}) == "[0.5,3]");
}
