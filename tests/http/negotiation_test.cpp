// Which representation a client takes and whether it holds it already (RFC 9110).
#include "../../src/http/negotiation.hpp"

#include <yhteisaika/http/http_date.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono;
namespace beast_http = http::beast_http;

TEST_CASE("If-None-Match matches weakly, in a list or as *", "[http][negotiation]") {
  CHECK(http::etag_matches(R"("a")", R"("a")"));
  CHECK(http::etag_matches(R"( "x" , W/"a")", R"("a")"));
  CHECK(http::etag_matches("*", R"("a")"));
  CHECK_FALSE(http::etag_matches(R"("b", "c")", R"("a")"));
  CHECK_FALSE(http::etag_matches("", R"("a")"));
}

TEST_CASE("If-Modified-Since counts only without If-None-Match, and only as a date", "[http][negotiation]") {
  const time::Instant changed = sys_days{2026y / 11 / 23} + 7h;
  const time::Instant now = changed + 1h;
  http::Request req{beast_http::verb::get, "/feeds/x.ics", 11};
  CHECK_FALSE(http::not_modified(req, R"("a")", changed, now));
  req.set(beast_http::field::if_modified_since, http::http_date(changed));
  CHECK(http::not_modified(req, R"("a")", changed, now));
  CHECK_FALSE(http::not_modified(req, R"("a")", changed + 1s, now));
  req.set(beast_http::field::if_modified_since, "yesterday");
  CHECK_FALSE(http::not_modified(req, R"("a")", changed, now));
  req.set(beast_http::field::if_modified_since, http::http_date(changed));
  req.set(beast_http::field::if_none_match, R"("b")");
  CHECK_FALSE(http::not_modified(req, R"("a")", changed, now));  // If-None-Match decides
}
