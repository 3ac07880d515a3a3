// The feeds' handler (src/http/handlers/feeds.cpp) reached through the API:
// validators, conditional requests and gzip, as a calendar client sees them.
#include "../../../src/http/handlers/feeds.hpp"

#include "../api_fixture.hpp"

#include <yhteisaika/http/http_date.hpp>

#include <zlib.h>

#include <array>

using namespace yhteisaika;
using namespace std::chrono_literals;
using test::ApiFixture;
using test::booking_of;
namespace beast_http = http::beast_http;

namespace {

// RFC 1952 gzip data inflated; what a client decoding Content-Encoding: gzip reads.
std::string gunzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out;
  std::array<char, 16384> buffer;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = uInt(data.size());
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
    stream.avail_out = uInt(buffer.size());
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer.data(), buffer.size() - stream.avail_out);
  }
  inflateEnd(&stream);
  CHECK(result == Z_STREAM_END);
  CHECK(stream.avail_in == 0);  // nothing after the gzip member
  return out;
}

}  // namespace

TEST_CASE("a feed has a Last-Modified that If-Modified-Since is answered 304 by", "[http][api][feeds][issue-10]") {
  // Feeds sent no Last-Modified, so clients polling with If-Modified-Since always
  // downloaded the whole feed; and a 304 carried Content-Length: 0 (RFC 9110 §8.6).
  ApiFixture api;
  const std::string path = api.feed_path("laakari-korhonen");
  auto first = api.get(path);
  REQUIRE(first.result_int() == 200);
  const std::string last_modified(first[beast_http::field::last_modified]);
  REQUIRE_FALSE(last_modified.empty());
  const auto stamp = http::parse_http_date(last_modified, api.now);
  REQUIRE(stamp.has_value());
  CHECK(*stamp <= api.now);  // never after the response's Date
  const std::string etag(first[beast_http::field::etag]);

  SECTION("a date at or after Last-Modified: 304 with the validators and no content") {
    for (const std::string& since : {last_modified, http::http_date(*stamp + 3600s)}) {
      auto res = api.get(path, {{beast_http::field::if_modified_since, since}});
      CHECK(res.result_int() == 304);
      CHECK(res.body().empty());
      CHECK(res.find(beast_http::field::content_length) == res.end());
      CHECK(res[beast_http::field::etag] == etag);
      CHECK(res[beast_http::field::last_modified] == last_modified);
      CHECK(res[beast_http::field::vary] == "Accept-Encoding");
    }
  }
  SECTION("an earlier date, or one that is no date, gets the feed") {
    for (const std::string& since : {http::http_date(*stamp - 1s), std::string("yesterday")}) {
      auto res = api.get(path, {{beast_http::field::if_modified_since, since}});
      CHECK(res.result_int() == 200);
      CHECK(res.body() == first.body());
    }
  }
  SECTION("If-None-Match decides when both are sent (RFC 9110 §13.2.2)") {
    CHECK(api.get(path, {{beast_http::field::if_none_match, "\"other\""},
                         {beast_http::field::if_modified_since, last_modified}})
              .result_int() == 200);
    CHECK(api.get(path, {{beast_http::field::if_none_match, etag},
                         {beast_http::field::if_modified_since, http::http_date(*stamp - 3600s)}})
              .result_int() == 304);
  }
  SECTION("a change in the same second moves Last-Modified on, so the old date gets the new feed") {
    auto booked = api.service->booking().book(booking_of({"laakari-korhonen", "psykologi-makela"}, "YA-2026-0100"),
                                    {"api-test", store::TokenRole::coordinator});
    REQUIRE(booked.has_value());
    auto after = api.get(path, {{beast_http::field::if_modified_since, last_modified}});
    CHECK(after.result_int() == 200);
    CHECK(after[beast_http::field::etag] != etag);
    const auto moved = http::parse_http_date(after[beast_http::field::last_modified], api.now);
    REQUIRE(moved.has_value());
    CHECK(*moved > *stamp);
    // The same text rendered again (a forgotten cache, an unchanged professional) keeps its date.
    auto doctor = api.service->directory().professional(ParticipantId{"laakari-korhonen"});
    REQUIRE(api.service->directory().update_professional(*doctor, {"api-test", store::TokenRole::admin}).has_value());
    api.now += 10min;
    auto again = api.get(path);
    CHECK(again[beast_http::field::etag] == after[beast_http::field::etag]);
    CHECK(again[beast_http::field::last_modified] == after[beast_http::field::last_modified]);
  }
}

TEST_CASE("a feed is sent gzip-compressed to a client that takes it", "[http][api][feeds][issue-10]") {
  // Feeds were always sent uncompressed, whatever Accept-Encoding said.
  ApiFixture api;
  const std::string path = api.feed_path("psykologi-makela");
  auto plain = api.get(path);
  REQUIRE(plain.result_int() == 200);
  CHECK(plain.find(beast_http::field::content_encoding) == plain.end());
  CHECK(plain[beast_http::field::vary] == "Accept-Encoding");

  auto zipped = api.get(path, {{beast_http::field::accept_encoding, "gzip, deflate, br"}});
  REQUIRE(zipped.result_int() == 200);
  CHECK(zipped[beast_http::field::content_encoding] == "gzip");
  CHECK(zipped[beast_http::field::vary] == "Accept-Encoding");
  CHECK(zipped[beast_http::field::content_type] == plain[beast_http::field::content_type]);
  CHECK(zipped.body().size() < plain.body().size());
  CHECK(gunzip(zipped.body()) == plain.body());
  // RFC 9110 §8.8.3: a strong ETag differs per content coding.
  const std::string plain_etag(plain[beast_http::field::etag]), zipped_etag(zipped[beast_http::field::etag]);
  CHECK_FALSE(zipped_etag.starts_with("W/"));
  CHECK(zipped_etag != plain_etag);
  CHECK(zipped[beast_http::field::last_modified] == plain[beast_http::field::last_modified]);
  // The same bytes every time: compressed once per rendering.
  CHECK(api.get(path, {{beast_http::field::accept_encoding, "gzip"}}).body() == zipped.body());

  SECTION("Accept-Encoding is honoured, q=0 too") {
    struct Case {
      std::string_view accept;
      bool gzip;
    };
    auto c = GENERATE(Case{"gzip", true}, Case{"GZIP;q=0.5", true}, Case{"x-gzip", true}, Case{"*", true},
                      Case{"br, *;q=0.1", true}, Case{"gzip;q=0", false}, Case{"gzip; q=0.000", false},
                      Case{"gzip;q=0, *", false}, Case{"*;q=0", false}, Case{"identity", false},
                      Case{"br, deflate", false}, Case{"identity;q=1, gzip;q=0.5", false},
                      Case{"gzip;q=1, identity;q=0.5", true}, Case{"gzip;q=2", false}, Case{"", false});
    CAPTURE(c.accept);
    auto res = api.get(path, {{beast_http::field::accept_encoding, std::string(c.accept)}});
    CHECK((res[beast_http::field::content_encoding] == "gzip") == c.gzip);
    CHECK(res[beast_http::field::etag] == (c.gzip ? zipped_etag : plain_etag));
  }
  SECTION("If-None-Match is compared with the ETag of the representation sent") {
    auto same = api.get(path, {{beast_http::field::accept_encoding, "gzip"}, {beast_http::field::if_none_match, zipped_etag}});
    CHECK(same.result_int() == 304);
    CHECK(same[beast_http::field::etag] == zipped_etag);
    CHECK(same[beast_http::field::vary] == "Accept-Encoding");
    auto other = api.get(path, {{beast_http::field::accept_encoding, "gzip"}, {beast_http::field::if_none_match, plain_etag}});
    CHECK(other.result_int() == 200);
    CHECK(gunzip(other.body()) == plain.body());
    CHECK(api.get(path, {{beast_http::field::if_none_match, plain_etag}}).result_int() == 304);
  }
}
