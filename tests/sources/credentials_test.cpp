#include <yhteisaika/sources/credentials.hpp>

#include <yhteisaika/sources/calendar_dir.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika::sources;
using yhteisaika::ParticipantId;
using yhteisaika::Location;

TEST_CASE("credentials are found by professional, then host:port, then host", "[sources][credentials]") {
  auto parsed = Credentials::parse(
      "# remote calendars\n"
      "laakari-korhonen = korhonen:pw1\n"
      "cal.example.fi = team:pw2\n"
      "cal.example.fi:8443 = other:pw3\n",
      "credentials");
  REQUIRE(parsed.has_value());
  const Url url = *parse_url("https://cal.example.fi/x.ics");
  const Url url8443 = *parse_url("https://cal.example.fi:8443/x.ics");
  CHECK(parsed->find(ParticipantId{"laakari-korhonen"}, url) == "korhonen:pw1");
  CHECK(parsed->find(ParticipantId{"psykologi-makela"}, url) == "team:pw2");
  CHECK(parsed->find(ParticipantId{"psykologi-makela"}, url8443) == "other:pw3");
  CHECK(parsed->find(ParticipantId{"psykologi-makela"}, *parse_url("https://else.example/x.ics")).empty());
}

TEST_CASE("environment credentials override the file, with _ the same as -", "[sources][credentials]") {
  auto loaded = load_credentials("", {{"LAAKARI_KORHONEN", "env:pw"}});
  REQUIRE(loaded.has_value());
  CHECK(loaded->find(ParticipantId{"laakari-korhonen"}, *parse_url("https://x.example/")) == "env:pw");
}

TEST_CASE("a malformed credentials line names the line, never the password", "[sources][credentials]") {
  auto parsed = Credentials::parse("ok = a:b\nbroken = nocolonsecret\n", "creds");
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().where == Location::in("creds", 2));
  CHECK(parsed.error().message.find("nocolonsecret") == std::string::npos);
}
