// The managers' figures (src/http/handlers/figures.cpp) reached through the API.
#include "../../../src/http/handlers/figures.hpp"

#include "../api_fixture.hpp"

#include <regex>

using namespace yhteisaika;
using test::ApiFixture;
namespace beast_http = http::beast_http;

namespace {

// The JSON text with its strings blanked out: what is left are the numbers,
// literals and punctuation.
std::string outside_strings(const std::string& text) {
  return std::regex_replace(text, std::regex(R"("(?:[^"\\]|\\.)*")"), "\"\"");
}

}  // namespace

TEST_CASE("the utilisation figures are plain decimals in the API's JSON", "[http][api][json][issue-10]") {
  // Boost.JSON wrote utilisation_percent 100 as 1E2 and a median of 5.625 days as 5.625E0.
  ApiFixture api;
  const std::string manager = api.token(store::TokenRole::manager);
  for (const char* query : {"", "?group_by=unit", "?group_by=professional", "?from=2026-09-14&to=2026-11-22"}) {
    CAPTURE(query);
    auto res = api.get(std::string("/api/v1/utilisation") + query, {}, manager);
    REQUIRE(res.result_int() == 200);
    const std::string numbers = outside_strings(res.body());
    CHECK(numbers.find_first_of("eE") == std::string::npos);
    // Figures come with two decimals at most, as in the CSV.
    CHECK_FALSE(std::regex_search(numbers, std::regex(R"(\.\d{3})")));
    const auto figures = boost::json::parse(res.body()).as_object();
    const auto& totals = figures.at("totals").as_object();
    CHECK(totals.at("utilisation_percent").is_number());
  }
  // The demo weeks have bookings, so there are figures that are not whole numbers.
  auto res = api.get("/api/v1/utilisation?from=2026-09-14&to=2026-11-22", {}, manager);
  CHECK(std::regex_search(outside_strings(res.body()), std::regex(R"(:\d+\.\d)")));
}

