// What a client reads of the server's own failures, through the handlers
// (request in, response out): the public message as "detail", never SQLite's
// text, an exception's what() or the server's file system paths. Those are
// Error::internal, and go to the log (http/error_reply.hpp).
#include "../api_fixture.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

using namespace yhteisaika;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// A remote calendar whose every fetch throws, as a bug in a fetcher would.
class ThrowingFetcher final : public sources::CalendarFetcher {
 public:
  Result<sources::FetchResponse> fetch(const sources::FetchRequest&) const override {
    throw std::runtime_error("basic_parser.ipp:412 at 0x7f3a2c internal state 17");
  }
};

// A folder of its own with a copy of the demo team's calendars and a SQLite
// database file, which these tests break on purpose.
struct ServerFolder {
  std::filesystem::path dir;
  ServerFolder() {
    namespace fs = std::filesystem;
    std::random_device random;
    dir = fs::temp_directory_path() / ("yhteisaika-api-" + std::to_string(random()));
    fs::create_directories(dir);
    fs::copy(fs::path(YHTEISAIKA_SOURCE_DIR) / "calendars", dir / "calendars", fs::copy_options::recursive);
  }
  ~ServerFolder() { std::filesystem::remove_all(dir); }
  config::Config config() const {
    config::Config c;
    c.db_path = (dir / "test.db").string();
    c.calendars_dir = (dir / "calendars").string();
    return c;
  }
  // A service over these files: SQLite at db_path, the copied calendars.
  service::Seams seams() const {
    service::Seams s;
    s.open_store = service::sqlite_store_at(config().db_path, std::chrono::milliseconds{1000});
    return s;
  }
};

}  // namespace

TEST_CASE("a database failure's SQLite text goes to the log, not to the client", "[http][handlers][errors][issue-11]") {
  ServerFolder folder;
  ApiFixture api(folder.seams(), folder.config());
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  {
    SQLite::Database raw((folder.dir / "test.db").string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = OFF");
    raw.exec("DROP TABLE meetings");
  }

  auto listed = api.get("/api/v1/meetings?case_ref=YA-2026-0042", {}, coordinator);
  CHECK(listed.result_int() == 503);
  const auto body = body_of(listed);
  CHECK(body.at("error") == "database");
  const std::string detail(body.at("detail").as_string());
  CHECK(contains(detail, "the database could not be read or written"));
  CHECK_FALSE(contains(listed.body(), "no such table"));
  CHECK_FALSE(contains(listed.body(), "SQLITE"));
  CHECK_FALSE(contains(listed.body(), folder.dir.string()));  // the database file's path
  CHECK_FALSE(body.contains("field"));

  const std::string log = api.log.str();
  CHECK(contains(log, R"("level":"error")"));
  CHECK(contains(log, "no such table: meetings"));
}

TEST_CASE("a broken calendar's file path on the server goes to the log, not to the client",
          "[http][handlers][errors][issue-11]") {
  ServerFolder folder;
  ApiFixture api(folder.seams(), folder.config());
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  const auto file = folder.dir / "calendars" / "laakari-korhonen.ics";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n"
           "DTSTART:20261399T250000\r\nDTEND:20261124T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  auto solved = api.request(verb::post, "/api/v1/solve", R"({"required": ["laakari-korhonen"]})", coordinator);
  CHECK(solved.result_int() == 503);
  const auto body = body_of(solved);
  CHECK(body.at("error") == "calendar_unavailable");
  const std::string detail(body.at("detail").as_string());
  INFO(detail);
  CHECK(contains(detail, "the calendar of laakari-korhonen cannot be read"));
  CHECK(contains(detail, "laakari-korhonen.ics:6"));  // the file as the calendars folder names it, and its line
  CHECK_FALSE(contains(solved.body(), folder.dir.string()));

  const std::string log = api.log.str();
  CHECK(contains(log, file.string() + ":6"));  // the whole path, for whoever runs the server
}

TEST_CASE("a remote calendar fetch's exception text goes to the log, not to the client",
          "[http][handlers][errors][issue-11]") {
  service::Seams seams;
  seams.fetcher = std::make_shared<ThrowingFetcher>();
  ApiFixture api(std::move(seams));
  const std::string admin = api.token(store::TokenRole::admin);
  const std::string coordinator = api.token(store::TokenRole::coordinator);
  const store::Professional remote{ParticipantId{"etakalenteri"}, "Etä Kalenteri", "lääkäri", "Etäyksikkö",
                                   "", "https://cal.example.fi/etakalenteri.ics"};
  REQUIRE(api.service->directory().create_professional(remote, {"test", store::TokenRole::admin}).has_value());

  auto solved = api.request(verb::post, "/api/v1/solve", R"({"required": ["etakalenteri"]})", coordinator);
  CHECK(solved.result_int() == 503);
  const auto body = body_of(solved);
  CHECK(body.at("error") == "calendar_unavailable");
  CHECK(contains(body.at("detail").as_string(), "etakalenteri"));
  CHECK(contains(body.at("detail").as_string(), "has never been read: internal error"));
  CHECK_FALSE(contains(solved.body(), "basic_parser.ipp"));

  // Nor in the admins' view of the sources.
  auto sources = api.get("/api/v1/sources", {}, admin);
  REQUIRE(sources.result_int() == 200);
  CHECK_FALSE(contains(sources.body(), "basic_parser.ipp"));

  CHECK(contains(api.log.str(), "basic_parser.ipp:412 at 0x7f3a2c internal state 17"));
}
