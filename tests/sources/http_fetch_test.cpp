#include <yhteisaika/sources/http_fetch.hpp>

#include <yhteisaika/sources/calendar_dir.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika::sources;
using yhteisaika::Location;

TEST_CASE("redirects are followed up to the limit, and a loop is refused", "[sources][redirects]") {
  const Url start = *parse_url("http://a.example/1");
  SECTION("five hops are allowed, the sixth is not") {
    RedirectChain chain(start, 5);
    for (int i = 2; i <= 6; ++i) REQUIRE(chain.follow("/" + std::to_string(i)).has_value());
    CHECK(chain.hops() == 5);
    auto sixth = chain.follow("/7");
    REQUIRE_FALSE(sixth.has_value());
    CHECK(sixth.error().code == Errc::too_many_redirects);
  }
  SECTION("a redirect back to a visited URL is a loop") {
    RedirectChain chain(start, 5);
    REQUIRE(chain.follow("/2").has_value());
    auto back = chain.follow("http://a.example/1");
    REQUIRE_FALSE(back.has_value());
    CHECK(back.error().code == Errc::redirect_loop);
  }
  SECTION("a redirect to itself is a loop") {
    RedirectChain chain(start, 5);
    auto self = chain.follow("/1");
    REQUIRE_FALSE(self.has_value());
    CHECK(self.error().code == Errc::redirect_loop);
  }
}

TEST_CASE("a declared body over max_calendar_bytes is refused before reading it", "[sources][size]") {
  const Url url = *parse_url("https://cal.example.fi/secret-path/basic.ics");
  CHECK(check_content_length(std::nullopt, 1000, url).has_value());
  CHECK(check_content_length(1000, 1000, url).has_value());
  auto over = check_content_length(1001, 1000, url);
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().code == Errc::too_large);
  CHECK(over.error().to_string().find("secret-path") == std::string::npos);
}

TEST_CASE("a CA file that cannot be loaded is an error naming it", "[sources][tls]") {
  FetchOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  auto fetcher = HttpFetcher::make(options);
  REQUIRE_FALSE(fetcher.has_value());
  CHECK(fetcher.error().where == Location::in("/nonexistent/ca.pem"));
  CHECK(HttpFetcher::make(FetchOptions{}).has_value());
}
