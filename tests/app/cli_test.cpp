#include <yhteisaika/app/cli.hpp>

#include <yhteisaika/store/sqlite_store.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace json = boost::json;

namespace {

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs the real binary with `args` through the shell, as a user would, with the
// variable assignments `env` ("NAME=value ...") before it.
Run run(const std::string& args, const std::string& env = "") {
  const std::string err_file = "/tmp/yhteisaika_cli_test_" + std::to_string(::getpid()) + ".err";
  const std::string command = env + " " + std::string(YHTEISAIKA_BINARY) + " " + args + " 2>" + err_file;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  std::ifstream err_in(err_file);
  std::stringstream err;
  err << err_in.rdbuf();
  std::remove(err_file.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

const std::string kTeam = std::string(YHTEISAIKA_TEST_DATA) + "/team";
const std::string kBroken = std::string(YHTEISAIKA_TEST_DATA) + "/broken";

// A scratch folder, removed at the end; db() is a service database in it with
// the test team as professionals (made as `serve` would, through the store).
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    std::random_device random;
    dir = std::filesystem::temp_directory_path() / ("yhteisaika-cli-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
  }
  ~Scratch() { std::filesystem::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  std::unique_ptr<yhteisaika::store::Store> db() const {
    auto store = yhteisaika::store::open_sqlite_store(path("service.db"));
    REQUIRE(store.has_value());
    for (const char* id : {"busy-first-hole", "folder-person", "keeps-the-hole"}) {
      REQUIRE((*store)
                  ->create_professional({yhteisaika::ParticipantId{id}, id, "lääkäri", "", "", id}, {"test", {}})
                  .has_value());
    }
    return std::move(*store);
  }
};

std::string last_word(const std::string& text) {
  const auto end = text.find_last_not_of(" \n");
  const auto start = text.find_last_of(" \n", end);
  return text.substr(start + 1, end - start);
}

json::object solve(const std::string& args, const std::string& from = "2026-11-23T09:00") {
  const Run r = run("solve --calendars " + kTeam + " --from " + from + " " + args);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out).as_object();
}

}  // namespace

TEST_CASE("solve prints the next free hole when the first one is taken", "[app][cli][solve]") {
  const auto answer = solve("--attendees busy-first-hole,keeps-the-hole --days 14 --duration 60");
  CHECK(answer.at("start") == "2026-12-02T14:30:00+02:00");
  CHECK(answer.at("end") == "2026-12-02T15:30:00+02:00");
  CHECK(answer.at("in_hole") == true);
  CHECK(answer.at("strategy") == "hole-first");
  CHECK(answer.at("required") == json::array{"busy-first-hole", "keeps-the-hole"});
  CHECK(answer.at("alternatives").as_array().size() == 5);
}

TEST_CASE("solve reads every file of a participant's folder", "[app][cli][solve]") {
  // folder-person is away 30 Nov - 4 Dec (absence.ics) and busy in the first hole (work.ics).
  const auto answer = solve("--attendees folder-person,keeps-the-hole");
  CHECK(answer.at("start") == "2026-11-23T09:00:00+02:00");
  CHECK(answer.at("in_hole") == false);
}

TEST_CASE("solve lists optional attendees as free or busy without moving the slot", "[app][cli][solve]") {
  const auto answer = solve("--attendees busy-first-hole --optional folder-person,keeps-the-hole");
  CHECK(answer.at("start") == "2026-12-02T14:30:00+02:00");
  CHECK(answer.at("optional_free") == json::array{"keeps-the-hole"});
  CHECK(answer.at("optional_busy") == json::array{"folder-person"});
}

TEST_CASE("a closure date has no hole and no working hours", "[app][cli][solve][holiday]") {
  const auto answer = solve("--attendees keeps-the-hole --closures 2026-11-25");
  CHECK(answer.at("start") == "2026-12-02T14:30:00+02:00");
}

TEST_CASE("solve with strategy earliest takes the first working slot", "[app][cli][solve]") {
  const auto answer = solve("--attendees keeps-the-hole --strategy earliest");
  CHECK(answer.at("start") == "2026-11-23T09:00:00+02:00");
}

TEST_CASE("solve answers start null with a reason when nothing fits, and exits 0", "[app][cli][solve]") {
  const auto answer = solve("--attendees folder-person --days 5", "2026-11-30T08:00");
  CHECK(answer.at("start").is_null());
  CHECK(answer.at("reason").as_string().find("folder-person") != json::string::npos);
}

TEST_CASE("busy prints each participant's merged busy time in the window", "[app][cli][busy]") {
  const Run r = run("busy --calendars " + kTeam + " --from 2026-11-23T00:00 --days 14");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  const auto people = json::parse(r.out).as_array();
  REQUIRE(people.size() == 3);
  CHECK(people[0].at("id") == "busy-first-hole");
  CHECK(people[0].at("busy") ==
        json::parse(R"([["2026-11-25T14:00:00+02:00","2026-11-25T15:00:00+02:00"]])"));
  CHECK(people[1].at("id") == "folder-person");
  CHECK(people[1].at("busy") == json::parse(R"([["2026-11-25T14:00:00+02:00","2026-11-25T15:30:00+02:00"],
                                                 ["2026-11-30T00:00:00+02:00","2026-12-05T00:00:00+02:00"]])"));
  CHECK(people[2].at("id") == "keeps-the-hole");
  CHECK(people[2].at("busy").as_array().empty());
}

TEST_CASE("bad input exits non-zero with a message naming what is wrong", "[app][cli][errors]") {
  struct Case {
    std::string args;
    std::string message_part;
  };
  const std::string team = "solve --calendars " + kTeam + " --attendees keeps-the-hole ";
  const Case cases[] = {
      {"solve --calendars " + kTeam + " --attendees nobody", "unknown attendee 'nobody'"},
      {"solve --calendars " + kTeam + " --attendees keeps-the-hole --optional ghost", "unknown attendee 'ghost'"},
      {"solve --calendars " + kBroken + " --attendees month-thirteen --from 2026-11-23T09:00",
       "month-thirteen.ics:7"},
      {team + "--from 2026-13-01T09:00", "--from"},
      {team + "--from tomorrow", "--from"},
      {team + "--days 0", "--days must be a whole number from 1 to 60, got '0'"},
      {team + "--days 1.5", "--days must be a whole number from 1 to 60"},
      {team + "--duration -30", "--duration must be a positive multiple of 15 up to 480 minutes, got '-30'"},
      {team + "--strategy fastest", "--strategy must be hole-first or earliest"},
      {team + "--closures 2026-02-30", "--closures: '2026-02-30' is not a date"},
      {"solve --calendars /nonexistent --attendees a", "no such calendars folder"},
      {"solve --calendars " + kTeam, "--attendees"},
      {"frobnicate", "unknown command 'frobnicate'"},
      {"busy --calendars " + kBroken + " --from 2026-11-23T00:00", "participant 'month-thirteen'"},
      {"busy --calendars " + kTeam + " --days 0", "--days must be a positive whole number, got '0'"},
  };
  for (const auto& c : cases) {
    INFO("yhteisaika " << c.args);
    const Run r = run(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(c.message_part));
  }
}

TEST_CASE("--help works on every command, and --version prints the version", "[app][cli][help][issue-10]") {
  // `serve --help` answered "--help needs a value" and exited 2; there was no --version.
  struct Case {
    std::string args;
    std::string says;
  };
  const Case cases[] = {
      {"--help", "yhteisaika COMMAND --help"},
      {"-h", "yhteisaika COMMAND --help"},
      {"help", "yhteisaika COMMAND --help"},
      {"help serve", "usage: yhteisaika serve"},
      {"solve --help", "usage: yhteisaika solve"},
      {"solve --calendars x --help", "--db PATH"},
      {"busy -h", "usage: yhteisaika busy"},
      {"serve --help", "usage: yhteisaika serve"},
      {"serve -h", "--print-config"},
      {"token --help", "usage: yhteisaika token create"},
      {"token create --help", "usage: yhteisaika token create"},
      {"feed-url --help", "usage: yhteisaika feed-url"},
  };
  for (const auto& c : cases) {
    INFO("yhteisaika " << c.args);
    const Run r = run(c.args);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::Contains(c.says));
  }
  const Run version = run("--version");
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::Matches("yhteisaika [0-9]+\\.[0-9]+\\.[0-9]+\n"));
  const Run unknown = run("help frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
}

TEST_CASE("token create and feed-url refuse a database that does not exist, naming the path",
          "[app][cli][db][issue-10]") {
  // A mistyped --db silently created a new empty database, so the token or feed URL
  // was made for a database that no server used.
  Scratch scratch;
  const std::string missing = scratch.path("mistyped.db");
  for (const std::string command : {"token create --role admin --name Admin", "feed-url --professional x"}) {
    INFO(command);
    const Run r = run(command + " --db " + missing);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(missing + ": there is no database file") &&
                          Catch::Contains("`yhteisaika serve` creates"));
    CHECK_FALSE(std::filesystem::exists(missing));
  }
  const std::string in_missing_folder = scratch.path("no-such-folder") + "/yhteisaika.db";
  const Run r = run("token create --role admin --name Admin --db " + in_missing_folder);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("the folder " + scratch.path("no-such-folder") + " does not exist"));

  scratch.db();
  const Run made = run("token create --role admin --name Admin --db " + scratch.path("service.db"));
  CHECK(made.exit_code == 0);
  CHECK(last_word(made.out).size() == 64);
}

TEST_CASE("feed-url takes its address from the same layers as serve and says which", "[app][cli][feeds][issue-10]") {
  // feed-url printed http://127.0.0.1:8080/... without saying where that address
  // came from, so a URL for a server listening elsewhere looked right.
  Scratch scratch;
  scratch.db();
  const std::string feed = "feed-url --professional keeps-the-hole --db " + scratch.path("service.db");

  const Run by_default = run(feed);
  REQUIRE(by_default.exit_code == 0);
  CHECK(last_word(by_default.out).starts_with("http://127.0.0.1:8080/feeds/"));
  CHECK_THAT(by_default.out, Catch::Contains("listen 127.0.0.1:8080 from the defaults"));

  const Run from_env = run(feed, "YHTEISAIKA_LISTEN=127.0.0.1:9123");
  REQUIRE(from_env.exit_code == 0);
  CHECK(last_word(from_env.out).starts_with("http://127.0.0.1:9123/feeds/"));
  CHECK_THAT(from_env.out, Catch::Contains("listen 127.0.0.1:9123 from environment YHTEISAIKA_LISTEN"));

  std::ofstream(scratch.path("yhteisaika.conf")) << "# the public address\nbase_url = https://yhteisaika.example.fi\n";
  const Run from_file = run(feed + " --config " + scratch.path("yhteisaika.conf"));
  REQUIRE(from_file.exit_code == 0);
  CHECK(last_word(from_file.out).starts_with("https://yhteisaika.example.fi/feeds/"));
  CHECK_THAT(from_file.out, Catch::Contains("base_url from " + scratch.path("yhteisaika.conf") + ":2"));

  const Run wildcard = run(feed + " --listen 0.0.0.0:8080");
  CHECK(wildcard.exit_code == 2);
  CHECK_THAT(wildcard.err, Catch::Contains("listen 0.0.0.0:8080 (from flag --listen) is no address") &&
                               Catch::Contains("--base-url"));
}

TEST_CASE("solve --db counts the meetings booked through the service", "[app][cli][solve][db][issue-10]") {
  // The command-line solve read only the calendar files, so it offered a hole that
  // the service had already booked.
  Scratch scratch;
  auto store = scratch.db();
  const auto hole = yhteisaika::time::Interval{
      std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{12} + std::chrono::minutes{30},
      std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{13} + std::chrono::minutes{30}};
  yhteisaika::store::NewMeeting meeting;
  meeting.case_ref = yhteisaika::CaseRef{"YA-2026-0001"};
  meeting.when = hole;  // Wednesday 25 Nov 14:30-15:30 in Helsinki (UTC+2)
  meeting.in_hole = true;
  yhteisaika::store::Attendee attendee;
  attendee.id = yhteisaika::ParticipantId{"keeps-the-hole"};
  meeting.attendees = {attendee};
  meeting.requested_at = hole.start - std::chrono::days{3};
  meeting.case_record.emplace();
  meeting.case_record->ref = meeting.case_ref;
  meeting.case_record->coordinator = attendee.id;
  meeting.case_record->identified_on = std::chrono::year{2026} / 11 / 20;
  const auto booked = store->book_meetings({{meeting, {"test", meeting.requested_at}}}).front();
  INFO((booked ? std::string("booked") : booked.error().to_string()));
  REQUIRE(booked.has_value());

  CHECK(solve("--attendees keeps-the-hole").at("start") == "2026-11-25T14:30:00+02:00");
  CHECK(solve("--attendees keeps-the-hole --db " + scratch.path("service.db")).at("start") ==
        "2026-12-02T14:30:00+02:00");

  const Run missing = run("solve --calendars " + kTeam + " --attendees keeps-the-hole --db " + scratch.path("x.db"));
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--db: " + scratch.path("x.db") + ": there is no database file"));
}

TEST_CASE("solve takes the same limits of days and duration as the API", "[app][cli][solve][issue-10]") {
  // The command-line solve accepted --days 200 and any duration while the API
  // capped the window at 60 days and the meeting at 480 minutes on the grid.
  struct Case {
    std::string args;
    std::string message;  // empty: accepted
  };
  const Case cases[] = {
      {"--days 60", ""},
      {"--days 61", "--days must be a whole number from 1 to 60, got '61'"},
      {"--days 200", "--days must be a whole number from 1 to 60, got '200'"},
      {"--duration 480", ""},
      {"--duration 495", "--duration must be a positive multiple of 15 up to 480 minutes, got '495'"},
      {"--duration 7", "--duration must be a positive multiple of 15 up to 480 minutes, got '7'"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const Run r = run("solve --calendars " + kTeam + " --attendees keeps-the-hole --from 2026-11-23T09:00 " + c.args);
    CHECK(r.exit_code == (c.message.empty() ? 0 : 2));
    if (!c.message.empty()) CHECK_THAT(r.err, Catch::Contains(c.message));
  }
}
