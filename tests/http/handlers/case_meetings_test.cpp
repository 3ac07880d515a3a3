// POST /api/v1/cases/{id}/meetings (src/http/handlers/case_meetings.cpp)
// reached through the API, with the case and its participants written to the
// store as the cases' own API would: what a coordinator's client reads back.
#include "../../../src/http/handlers/case_meetings.hpp"

#include "../api_fixture.hpp"

#include <yhteisaika/cases/words.hpp>

using namespace yhteisaika;
using namespace std::chrono_literals;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

struct CaseApi {
  ApiFixture api;
  std::string coordinator = api.token(store::TokenRole::coordinator);
  store::Case the_case;

  CaseApi() {
    store::Case c;
    c.ref = CaseRef{"YA-2026-0042"};
    c.coordinator = ParticipantId{"sosiaalityontekija-aalto"};
    c.identified_on = std::chrono::year{2026} / 11 / 20;
    c.team = {ParticipantId{"laakari-korhonen"}, ParticipantId{"psykologi-makela"}};
    auto created = api.store()->create_case(c, {"test", api.now});
    REQUIRE(created.has_value());
    the_case = *created;
  }
  std::string add(cases::ParticipantKind kind, std::string label, std::vector<cases::WeeklyWindow> windows = {},
                  std::optional<std::string> email = {}) {
    cases::Participant p;
    p.kind = kind;
    p.label = std::move(label);
    p.availability = std::move(windows);
    p.email = std::move(email);
    auto added = api.store()->add_participant(the_case.id, p, {"test", api.now});
    REQUIRE(added.has_value());
    return added->id;
  }
  std::string path() const { return "/api/v1/cases/" + std::to_string(the_case.id.value) + "/meetings"; }
  http::Response post(const std::string& body, const std::string& token) {
    return api.request(verb::post, path(), body, token);
  }
};

}  // namespace

TEST_CASE("a coordinator books a case meeting with the people around the client and reads it back",
          "[http][handlers][case_meetings][issue-13]") {
  CaseApi c;
  const std::string client = c.add(cases::ParticipantKind::client, "Asiakas");
  const std::string mother = c.add(cases::ParticipantKind::close_one, "Äiti",
                                   {{cases::day_set({std::chrono::Thursday}), 12h, 16h}}, "aiti@example.fi");

  auto res = c.post(R"({"kind": "mapping", "optional": [")" + mother + R"("], "duration_minutes": 60})",
                    c.coordinator);
  INFO(res.body());
  REQUIRE(res.result_int() == 201);
  const auto meeting = body_of(res);
  const auto id = meeting.at("id").as_int64();
  CHECK(res[beast_http::field::location] == "/api/v1/meetings/" + std::to_string(id));
  CHECK(meeting.at("case") == c.the_case.id.value);
  CHECK(meeting.at("case_ref") == "YA-2026-0042");
  CHECK(meeting.at("kind") == "mapping");
  CHECK(meeting.at("status") == "scheduled");
  CHECK(meeting.at("coordinator") == "sosiaalityontekija-aalto");
  CHECK(meeting.at("attendees").as_array().size() == 3);  // the coordinator and the team
  const auto& participants = meeting.at("participants").as_array();
  REQUIRE(participants.size() == 2);
  const auto& first = participants.at(0).as_object();
  CHECK(first.at("id").as_string() == client);
  CHECK(first.at("kind") == "client");
  CHECK(first.at("label") == "Asiakas");
  CHECK(first.at("role") == "required");
  CHECK(first.at("partstat") == "NEEDS-ACTION");
  const auto& second = participants.at(1).as_object();
  CHECK(second.at("id").as_string() == mother);
  CHECK(second.at("kind") == "close_one");
  CHECK(second.at("label") == "Äiti");
  CHECK(second.at("role") == "optional");
  CHECK(meeting.at("stale").as_array().empty());

  // The same through GET, and in the list.
  const std::string path = "/api/v1/meetings/" + std::to_string(id);
  auto read = body_of(c.api.get(path, {}, c.coordinator));
  CHECK(read.at("participants") == meeting.at("participants"));
  auto listed = body_of(c.api.get("/api/v1/meetings?case_ref=YA-2026-0042", {}, c.coordinator));
  REQUIRE(listed.at("meetings").as_array().size() == 1);
  CHECK(listed.at("meetings").as_array()[0].as_object().at("participants") == meeting.at("participants"));
  // The coordinator's invite names the client, who has no address.
  std::string invite = c.api.get(path + "/invite.ics", {}, c.coordinator).body();
  for (auto at = invite.find("\r\n "); at != std::string::npos; at = invite.find("\r\n ", at)) invite.erase(at, 3);
  CHECK(invite.find("DESCRIPTION:Osallistujat ilman sähköpostia: Asiakas (asiakas)") != std::string::npos);
  CHECK(invite.find("ATTENDEE;CN=Äiti;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                    "X-YHTEISAIKA-PARTICIPANT-KIND=close_one:mailto:aiti@example.fi") != std::string::npos);
}

TEST_CASE("a case meeting answers 404, 409, 422 and 403 naming what is wrong",
          "[http][handlers][case_meetings][issue-13]") {
  CaseApi c;
  const std::string father = c.add(cases::ParticipantKind::close_one, "Isä",
                                   {{cases::day_set({std::chrono::Sunday}), 10h, 12h}});
  struct Case {
    const char* what;
    std::string path;
    std::string body;
    unsigned status;
    std::string error;
    std::string field;  // "" = none
  };
  const std::string other = "/api/v1/cases/999/meetings";
  const std::vector<Case> rows{
      {"no such case", other, R"({"kind": "joint"})", 404, "not_found", ""},
      {"a case id that is no number", "/api/v1/cases/x/meetings", R"({"kind": "joint"})", 404, "not_found", ""},
      {"an unknown attendee", c.path(), R"({"kind": "joint", "required": ["laakari-korhonen", "p7"]})", 422,
       "unknown_attendee", "required[1]"},
      {"an unknown optional one", c.path(), R"({"kind": "joint", "optional": ["nobody"]})", 422, "unknown_attendee",
       "optional[0]"},
      {"a kind that is none", c.path(), R"({"kind": "party"})", 422, "unknown_word", "kind"},
      {"the father's windows leave no working time", c.path(),
       R"({"kind": "joint", "required": ["laakari-korhonen", ")" + father + R"("]})", 409, "no_slot", ""},
  };
  for (const Case& k : rows) {
    CAPTURE(k.what);
    auto res = c.api.request(verb::post, k.path, k.body, c.coordinator);
    INFO(res.body());
    CHECK(res.result_int() == k.status);
    const auto body = body_of(res);
    CHECK(body.at("error").as_string() == k.error);
    if (!k.field.empty()) CHECK(body.at("field").as_string() == k.field);
    if (k.error == "no_slot") CHECK(body.at("detail").as_string().find("Isä") != std::string::npos);
  }

  SECTION("a closed case takes no new meetings") {
    REQUIRE(c.api.store()
                ->move_stage(c.the_case.id, cases::Stage::identified, cases::Stage::closed, {"test", c.api.now})
                .has_value());
    auto res = c.post(R"({"kind": "joint"})", c.coordinator);
    CHECK(res.result_int() == 409);
    CHECK(body_of(res).at("error") == "case_closed");
  }
  SECTION("a manager may not book") {
    auto res = c.post(R"({"kind": "joint"})", c.api.token(store::TokenRole::manager));
    CHECK(res.result_int() == 403);
  }
}
