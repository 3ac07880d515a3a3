// What the cases' handlers read from a body or a query (issue 13), errors naming the field.
#include "../../../src/http/handlers/case_requests.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include <catch2/catch.hpp>

#include <regex>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

const std::regex& default_pattern() {
  static const std::regex pattern("[A-Za-z0-9-]*[0-9][A-Za-z0-9-]*");  // config.hpp's default case_ref_pattern
  return pattern;
}

Result<http::NewCase> new_case(std::string_view body) {
  return http::read_body(body, [](http::Fields& f) { return http::read_new_case(f, default_pattern()); });
}

Result<http::CaseChange> change(std::string_view body) { return http::read_body(body, http::read_case_change); }

Result<http::CaseMeetingRequest> meeting(std::string_view body) {
  return http::read_body(body, [](http::Fields& f) { return http::read_case_meeting_request(f, helsinki()); });
}

// A body with one field replaced: the valid case with `field` set to `json`.
std::string case_with(const std::string& field, const std::string& json) {
  std::string body = R"({"case_ref": "YA-2026-0042", "coordinator": "sosiaalityontekija-aalto",
                        "identified_on": "2026-11-20", "trigger": "ed_frequent_visitor")";
  return body + ", \"" + field + "\": " + json + "}";
}

struct Refusal {
  std::string body;
  std::string where;
  std::error_code code;
  std::string says;  // a part of the message
};

void check_refusals(const std::vector<Refusal>& refusals, auto read) {
  for (const auto& r : refusals) {
    CAPTURE(r.body);
    auto result = read(r.body);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().where.field == r.where);
    CHECK(result.error().code == r.code);
    CHECK_THAT(result.error().message, Catch::Contains(r.says));
  }
}

}  // namespace

TEST_CASE("a new case is read whole", "[http][handlers][cases]") {
  auto c = new_case(R"({"case_ref": "YA-2026-0042", "coordinator": "sosiaalityontekija-aalto",
                        "identified_on": "2026-11-20", "trigger": "ed_frequent_visitor", "segment": 3,
                        "team": ["sosiaalityontekija-aalto", "laakari-korhonen"]})");
  REQUIRE(c.has_value());
  CHECK(c->ref == CaseRef{"YA-2026-0042"});
  CHECK(c->coordinator == ParticipantId{"sosiaalityontekija-aalto"});
  CHECK(c->identified_on == 2026y / 11 / 20);
  CHECK(c->trigger == cases::Trigger::ed_frequent_visitor);
  CHECK(c->segment == 3);
  CHECK(c->team == std::vector{ParticipantId{"sosiaalityontekija-aalto"}, ParticipantId{"laakari-korhonen"}});
}

TEST_CASE("a new case needs no segment and no team", "[http][handlers][cases]") {
  auto c = new_case(R"({"case_ref": "YA-7", "coordinator": "a", "identified_on": "2026-11-20", "trigger": "triage"})");
  REQUIRE(c.has_value());
  CHECK_FALSE(c->segment.has_value());
  CHECK(c->team.empty());
  CHECK(c->trigger == cases::Trigger::triage);
}

TEST_CASE("every trigger word is read", "[http][handlers][cases]") {
  for (auto [word, trigger] : {std::pair{"professional_concern", cases::Trigger::professional_concern},
                               {"triage", cases::Trigger::triage},
                               {"ed_frequent_visitor", cases::Trigger::ed_frequent_visitor},
                               {"no_shows", cases::Trigger::no_shows},
                               {"other", cases::Trigger::other}}) {
    CAPTURE(word);
    auto c = new_case(R"({"case_ref": "YA-7", "coordinator": "a", "identified_on": "2026-11-20", "trigger": ")" +
                      std::string(word) + "\"}");
    REQUIRE(c.has_value());
    CHECK(c->trigger == trigger);
  }
}

TEST_CASE("a new case's bad fields are refused, each by name", "[http][handlers][cases]") {
  using http::Errc;
  const auto invalid = make_error_code(service::Errc::invalid_value);
  const auto bad = make_error_code(Errc::bad_request);
  check_refusals(
      {
          {R"({"coordinator": "a", "identified_on": "2026-11-20", "trigger": "triage"})", "case_ref", bad, "required"},
          {R"({"case_ref": null, "coordinator": "a", "identified_on": "2026-11-20", "trigger": "triage"})", "case_ref",
           bad, "required"},
          {R"({"case_ref": "YA-7", "identified_on": "2026-11-20", "trigger": "triage"})", "coordinator", bad,
           "required"},
          {R"({"case_ref": "YA-7", "coordinator": "a", "trigger": "triage"})", "identified_on", bad, "required"},
          {R"({"case_ref": "YA-7", "coordinator": "a", "identified_on": "2026-11-20"})", "trigger", bad, "required"},
          {case_with("case_ref", "42"), "case_ref", bad, "expected text, got a number"},
          {case_with("case_ref", R"("Matti Meikäläinen")"), "case_ref", invalid, "never a client's name"},
          {case_with("case_ref", R"("")"), "case_ref", invalid, "1-64 characters"},
          {case_with("case_ref", '"' + std::string(65, '7') + '"'), "case_ref", invalid, "1-64 characters"},
          {case_with("case_ref", R"("YA-1\n2")"), "case_ref", invalid, "control characters"},
          {case_with("case_ref", R"("131052-308T")"), "case_ref", make_error_code(privacy::Errc::identity_code),
           "identity code"},
          {case_with("coordinator", R"("")"), "coordinator", invalid, "cannot be empty"},
          {case_with("identified_on", R"("20.11.2026")"), "identified_on", invalid, "is not a date YYYY-MM-DD"},
          {case_with("identified_on", R"("2026-02-30")"), "identified_on", invalid, "February 2026 has 28 days"},
          {case_with("trigger", R"("concern")"), "trigger", make_error_code(cases::Errc::unknown_word),
           "expected one of: professional_concern, triage, ed_frequent_visitor, no_shows, other"},
          {case_with("segment", "0"), "segment", invalid, "segment is 1 (omatoimi)"},
          {case_with("segment", "5"), "segment", invalid, "4 (huolenpito)"},
          {case_with("segment", R"("2")"), "segment", bad, "expected a whole number"},
          {case_with("team", R"("a")"), "team", bad, "expected an array"},
          {case_with("team", "[1]"), "team[0]", bad, "expected a professional id (text)"},
          {case_with("team", R"(["a", ""])"), "team[1]", invalid, "cannot be empty"},
          {case_with("team", R"(["a", "b", "a"])"), "team[2]", invalid, "a is in the team twice"},
          {case_with("stage", R"("mapping")"), "stage", bad, "unknown field"},
      },
      new_case);
}

TEST_CASE("a case's change is what is given, the rest left alone", "[http][handlers][cases]") {
  auto none = change("{}");
  REQUIRE(none.has_value());
  CHECK(*none == http::CaseChange{});
  auto all = change(R"({"team": [], "coordinator": "b", "segment": 2, "stage": "consent_asked"})");
  REQUIRE(all.has_value());
  CHECK(all->team == std::vector<ParticipantId>{});  // given empty: the team is emptied
  CHECK(all->coordinator == ParticipantId{"b"});
  CHECK(all->segment == 2);
  CHECK(all->stage == cases::Stage::consent_asked);
}

TEST_CASE("every stage word is read in a change", "[http][handlers][cases]") {
  for (auto [word, stage] : {std::pair{"identified", cases::Stage::identified},
                             {"consent_asked", cases::Stage::consent_asked},
                             {"mapping", cases::Stage::mapping},
                             {"team_invited", cases::Stage::team_invited},
                             {"plan_made", cases::Stage::plan_made},
                             {"follow_up", cases::Stage::follow_up},
                             {"closed", cases::Stage::closed}}) {
    CAPTURE(word);
    CHECK(change(R"({"stage": ")" + std::string(word) + "\"}").value().stage == stage);
  }
}

TEST_CASE("a case's change refuses bad fields by name", "[http][handlers][cases]") {
  const auto invalid = make_error_code(service::Errc::invalid_value);
  const auto bad = make_error_code(http::Errc::bad_request);
  check_refusals({{R"({"stage": "consent"})", "stage", make_error_code(cases::Errc::unknown_word),
                   "expected one of: identified, consent_asked, mapping, team_invited, plan_made, follow_up, closed"},
                  {R"({"stage": 2})", "stage", bad, "expected text"},
                  {R"({"segment": 9})", "segment", invalid, "segment is 1"},
                  {R"({"coordinator": ""})", "coordinator", invalid, "cannot be empty"},
                  {R"({"team": ["a", "a"]})", "team[1]", invalid, "twice"},
                  {R"({"case_ref": "YA-8"})", "case_ref", bad, "unknown field"}},
                 change);
}

TEST_CASE("a list of cases is filtered by stage and coordinator", "[http][handlers][cases]") {
  auto both = http::read_case_filter(http::parse_query("stage=mapping&coordinator=sosiaalityontekija-aalto"));
  REQUIRE(both.has_value());
  CHECK(both->stage == cases::Stage::mapping);
  CHECK(both->coordinator == ParticipantId{"sosiaalityontekija-aalto"});
  CHECK(http::read_case_filter({}).value() == http::CaseFilter{});
  auto bad = http::read_case_filter(http::parse_query("stage=open"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().where.field == "stage");
  CHECK(bad.error().code == cases::Errc::unknown_word);
}

TEST_CASE("a case's id in the path is a positive number, else nothing is found", "[http][handlers][cases]") {
  CHECK(http::case_id("17").value() == cases::CaseId{17});
  for (std::string_view text : {"0", "-1", "x", "17x", "", "99999999999999999999"}) {
    CAPTURE(text);
    auto id = http::case_id(text);
    REQUIRE_FALSE(id.has_value());
    CHECK(id.error().code == http::Errc::not_found);
  }
}

TEST_CASE("a case meeting's request is read whole", "[http][handlers][cases]") {
  auto m = meeting(R"({"kind": "mapping", "required": ["sosiaalityontekija-aalto", "p1"], "optional": ["p2"],
                       "from": "2026-12-07T09:00", "days": 14, "duration_minutes": 90,
                       "rooms": ["neuvotteluhuone-2", "neuvotteluhuone-3"], "hold_minutes": 2880})");
  REQUIRE(m.has_value());
  CHECK(m->kind == cases::MeetingKind::mapping);
  CHECK(m->required == std::vector<std::string>{"sosiaalityontekija-aalto", "p1"});
  CHECK(m->optional == std::vector<std::string>{"p2"});
  CHECK(m->from == utc(2026y / 12 / 7, 7));
  CHECK(m->days == 14);
  CHECK(m->duration == 90min);
  CHECK(m->rooms == std::vector{RoomId{"neuvotteluhuone-2"}, RoomId{"neuvotteluhuone-3"}});
  CHECK_FALSE(m->remote);
  CHECK(m->hold == 48h);
}

TEST_CASE("a case meeting without people, room or hold takes the defaults", "[http][handlers][cases]") {
  auto m = meeting(R"({"kind": "joint", "remote": true})");
  REQUIRE(m.has_value());
  CHECK_FALSE(m->required.has_value());  // the case's team and its client
  CHECK(m->optional.empty());
  CHECK(m->remote);
  CHECK(m->rooms.empty());
  CHECK_FALSE(m->hold.has_value());  // booked, not held
  CHECK_FALSE(m->days.has_value());
  CHECK_FALSE(m->duration.has_value());
  for (auto [word, kind] : {std::pair{"mapping", cases::MeetingKind::mapping},
                            {"joint", cases::MeetingKind::joint},
                            {"plan_update", cases::MeetingKind::plan_update},
                            {"other", cases::MeetingKind::other}}) {
    CHECK(meeting(R"({"kind": ")" + std::string(word) + "\"}").value().kind == kind);
  }
}

TEST_CASE("a case meeting's request refuses bad fields by name", "[http][handlers][cases]") {
  const auto invalid = make_error_code(service::Errc::invalid_value);
  const auto bad = make_error_code(http::Errc::bad_request);
  check_refusals(
      {
          {R"({"required": ["a"]})", "kind", bad, "required"},
          {R"({"kind": "first"})", "kind", make_error_code(cases::Errc::unknown_word),
           "expected one of: mapping, joint, plan_update, other"},
          {R"({"kind": "joint", "required": []})", "required", invalid, "at least one required person"},
          {R"({"kind": "joint", "required": "a"})", "required", bad, "expected an array"},
          {R"({"kind": "joint", "required": ["a", 3]})", "required[1]", bad, "expected an id (text)"},
          {R"({"kind": "joint", "optional": [""]})", "optional[0]", invalid, "cannot be empty"},
          {R"({"kind": "joint", "from": "tomorrow"})", "from", invalid, "expected e.g. 2026-11-23T09:00"},
          {R"({"kind": "joint", "days": 0})", "days", invalid, "days is a whole number from 1 to 60"},
          {R"({"kind": "joint", "days": 61})", "days", invalid, "from 1 to 60"},
          {R"({"kind": "joint", "duration_minutes": 0})", "duration_minutes", invalid, "from 1 to 480"},
          {R"({"kind": "joint", "duration_minutes": 481})", "duration_minutes", invalid, "from 1 to 480"},
          {R"({"kind": "joint", "duration_minutes": 1.5})", "duration_minutes", bad, "expected a whole number"},
          {R"({"kind": "joint", "hold_minutes": 0})", "hold_minutes", invalid, "hold_minutes is 1 to 20160"},
          {R"({"kind": "joint", "hold_minutes": 20161})", "hold_minutes", invalid, "(14 days)"},
          {R"({"kind": "joint", "rooms": []})", "rooms", invalid, "at least one room"},
          {R"({"kind": "joint", "rooms": ["huone 2"]})", "rooms[0]", invalid, "letters a-z, digits"},
          {R"({"kind": "joint", "rooms": [2]})", "rooms[0]", bad, "expected a room id (text)"},
          {R"({"kind": "joint", "rooms": ["h2"], "remote": true})", "remote", invalid, "not both"},
          {R"({"kind": "joint", "remote": "yes"})", "remote", bad, "expected true or false"},
          {R"({"kind": "joint", "start": "2026-12-07T09:00"})", "start", bad, "unknown field"},
      },
      meeting);
}

TEST_CASE("a hold of exactly one minute or exactly 14 days is allowed", "[http][handlers][cases]") {
  CHECK(meeting(R"({"kind": "joint", "hold_minutes": 1})").value().hold == 1min);
  CHECK(meeting(R"({"kind": "joint", "hold_minutes": 20160})").value().hold == days{14});
  CHECK(meeting(R"({"kind": "joint", "rooms": ["h2"], "remote": false})").has_value());
}
