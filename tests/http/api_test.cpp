// API v1 in-process: make_api_handler() over a Service on a temporary database
// and a copy of the demo team, with a clock the test sets. What a client sees,
// without sockets.
#include <yhteisaika/http/api.hpp>

#include <yhteisaika/http/http_date.hpp>
#include <yhteisaika/store/sqlite_store.hpp>

#include <zlib.h>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <random>
#include <regex>
#include <sstream>

using namespace yhteisaika;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace beast_http = http::beast_http;

namespace {

// Monday 2026-11-23 09:00 in Helsinki.
const time::Instant kMonday = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;

struct ApiFixture {
  fs::path dir;
  time::Instant now = kMonday;
  std::unique_ptr<service::Service> service;
  http::Metrics metrics;
  std::ostringstream log;
  http::Logger logger{log};
  http::Handler handler;

  ApiFixture() {
    std::random_device random;
    dir = fs::temp_directory_path() / ("yhteisaika-api-" + std::to_string(random()));
    fs::create_directories(dir);
    fs::copy(fs::path(YHTEISAIKA_SOURCE_DIR) / "calendars", dir / "calendars", fs::copy_options::recursive);
    config::Config c;
    c.db_path = (dir / "test.db").string();
    c.calendars_dir = (dir / "calendars").string();
    auto opened = service::Service::open(c, [this] { return now; });
    REQUIRE(opened.has_value());
    service = std::move(*opened);
    handler = http::make_api_handler(*service, metrics, logger, "{}");
  }
  ~ApiFixture() {
    handler = nullptr;
    service.reset();
    fs::remove_all(dir);
  }

  std::unique_ptr<store::Store> store() const {
    auto opened = store::open_sqlite_store((dir / "test.db").string());
    REQUIRE(opened.has_value());
    return std::move(*opened);
  }
  std::string token(store::TokenRole role) const {
    auto issued = store()->issue_token("api-test", role, {"test", now});
    REQUIRE(issued.has_value());
    return issued->secret;
  }
  // The path of a new feed URL of `who` (the old one stops working).
  std::string feed_path(const std::string& who) const {
    auto secret = store()->rotate_feed_secret(ParticipantId{who}, {"test", now});
    REQUIRE(secret.has_value());
    return "/feeds/" + *secret + ".ics";
  }

  http::Response get(const std::string& target, std::vector<std::pair<beast_http::field, std::string>> headers = {},
                     std::string_view bearer = {}) {
    http::Request req{beast_http::verb::get, target, 11};
    req.set(beast_http::field::host, "test");
    if (!bearer.empty()) req.set(beast_http::field::authorization, "Bearer " + std::string(bearer));
    for (const auto& [name, value] : headers) req.set(name, value);
    return handler(req);
  }
};

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

service::BookInput booking_of(std::vector<std::string> ids, std::string case_ref) {
  service::BookInput in;
  for (auto& id : ids) in.solve.required.push_back(ParticipantId{std::move(id)});
  in.solve.duration = 60min;
  in.case_ref = CaseRef{std::move(case_ref)};
  return in;
}

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
    auto booked = api.service->book(booking_of({"laakari-korhonen", "psykologi-makela"}, "YA-2026-0100"),
                                    {"api-test", store::TokenRole::coordinator});
    REQUIRE(booked.has_value());
    auto after = api.get(path, {{beast_http::field::if_modified_since, last_modified}});
    CHECK(after.result_int() == 200);
    CHECK(after[beast_http::field::etag] != etag);
    const auto moved = http::parse_http_date(after[beast_http::field::last_modified], api.now);
    REQUIRE(moved.has_value());
    CHECK(*moved > *stamp);
    // The same text rendered again (a forgotten cache, an unchanged professional) keeps its date.
    auto doctor = api.service->professional(ParticipantId{"laakari-korhonen"});
    REQUIRE(api.service->update_professional(*doctor, {"api-test", store::TokenRole::admin}).has_value());
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
