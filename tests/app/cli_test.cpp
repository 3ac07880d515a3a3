#include <yhteisaika/app/cli.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
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

// Runs the real binary with `args` through the shell, as a user would.
Run run(const std::string& args) {
  const std::string err_file = "/tmp/yhteisaika_cli_test_" + std::to_string(::getpid()) + ".err";
  const std::string command = std::string(YHTEISAIKA_BINARY) + " " + args + " 2>" + err_file;
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
      {team + "--days 0", "--days must be a positive whole number, got '0'"},
      {team + "--days 1.5", "--days must be a positive whole number"},
      {team + "--duration -30", "--duration must be a positive whole number, got '-30'"},
      {team + "--strategy fastest", "--strategy must be hole-first or earliest"},
      {team + "--closures 2026-02-30", "--closures: '2026-02-30' is not a date"},
      {"solve --calendars /nonexistent --attendees a", "no such calendars folder"},
      {"solve --calendars " + kTeam, "--attendees"},
      {"frobnicate", "unknown command 'frobnicate'"},
      {"busy --calendars " + kBroken + " --from 2026-11-23T00:00", "participant 'month-thirteen'"},
  };
  for (const auto& c : cases) {
    INFO("yhteisaika " << c.args);
    const Run r = run(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(c.message_part));
  }
}
