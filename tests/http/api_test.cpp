// API v1 in-process: make_api_handler() over a Service on a temporary database
// and a copy of the demo team, with a clock the test sets. What a client sees,
// without sockets.
#include <yhteisaika/http/api.hpp>

#include <yhteisaika/store/sqlite_store.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

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
