// The managers' figures (src/http/handlers/figures.cpp) reached through the API.
#include "../../../src/http/handlers/figures.hpp"

#include "../api_fixture.hpp"

#include <yhteisaika/http/json_text.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <regex>

using namespace yhteisaika;
using test::ApiFixture;
namespace beast_http = http::beast_http;

namespace {

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


namespace {

using namespace std::chrono;


// A case identified on Monday 2027-01-11 and asked for consent on Wednesday
// 2027-01-20 12:00, with meetings of weeks 2027-W05 and W06 (no demo meeting
// lies there): a hold waiting, a confirmed one (its first joint meeting), an
// expired one, and two fixed meetings the week after.
void seed_case(ApiFixture& api) {
  const auto helsinki = [&](const char* local) { return time::parse_user_time(local, api.service->zone()).value(); };
  auto db = api.store();
  store::Case c;
  c.ref = CaseRef{"YA-2027-0901"};
  c.coordinator = ParticipantId{"sosiaalityontekija-aalto"};
  c.identified_on = 2027y / January / 11;
  auto created = db->create_case(c, {"test", helsinki("2027-01-11T09:00")});
  REQUIRE(created.has_value());
  REQUIRE(db->move_stage(created->id, cases::Stage::identified, cases::Stage::consent_asked,
                         {"test", helsinki("2027-01-20T12:00")})
              .has_value());
  const auto meeting = [&](const char* start, cases::MeetingKind kind, store::MeetingStatus status, bool was_held) {
    store::ImportedMeeting m;
    m.meeting.case_ref = c.ref;
    m.meeting.when = {helsinki(start), helsinki(start) + 1h};
    for (const char* id : {"sosiaalityontekija-aalto", "laakari-korhonen"}) {
      m.meeting.attendees.push_back({ParticipantId{id}, store::AttendeeRole::required, "ACCEPTED", std::nullopt});
    }
    m.meeting.kind = kind;
    m.meeting.requested_at = helsinki("2027-01-25T09:00");
    if (was_held) m.meeting.hold_expires_at = helsinki("2027-01-29T09:00");
    m.status = status;
    m.created_at = m.meeting.requested_at;
    return m;
  };
  using K = cases::MeetingKind;
  using S = store::MeetingStatus;
  auto imported = db->import_meetings({meeting("2027-02-02T10:00", K::joint, S::held, true),
                                       meeting("2027-02-03T09:00", K::joint, S::scheduled, true),
                                       meeting("2027-02-04T10:00", K::mapping, S::expired, true),
                                       meeting("2027-02-09T10:00", K::plan_update, S::scheduled, false),
                                       meeting("2027-02-10T09:00", K::joint, S::scheduled, false)},
                                      {"test", helsinki("2027-01-25T09:00")});
  REQUIRE(imported.has_value());
}

}  // namespace

TEST_CASE("the utilisation shows holds, meetings by kind and the days to the first joint meeting per week",
          "[http][api][figures][issue-13]") {
  ApiFixture api;
  seed_case(api);
  const std::string manager = api.token(store::TokenRole::manager);
  auto res = api.get("/api/v1/utilisation?from=2027-02-01&to=2027-02-14", {}, manager);
  REQUIRE(res.result_int() == 200);
  const auto figures = test::body_of(res);
  const auto& rows = figures.at("rows").as_array();
  REQUIRE(rows.size() == 2);
  const auto& w05 = rows.at(0).as_object();
  const auto& w06 = rows.at(1).as_object();
  CHECK(w05.at("key") == "2027-W05");
  CHECK(w05.at("holds_held") == 1);
  CHECK(w05.at("holds_confirmed") == 1);
  CHECK(w05.at("holds_expired") == 1);
  // The held and the confirmed joint meetings; the expired mapping is no meeting.
  CHECK(http::json_text(w05.at("meetings_by_kind")) == R"({"mapping":0,"joint":2,"plan_update":0,"other":0})");
  // Identified 2027-01-11 (from midnight) to Wednesday 2027-02-03 09:00: 23 days 9 hours;
  // from consent 2027-01-20 12:00: 13 days 21 hours.
  CHECK(http::json_text(w05.at("first_joint_from_identification")) == R"({"count":1,"median_days":23.38})");
  CHECK(http::json_text(w05.at("first_joint_from_consent")) == R"({"count":1,"median_days":13.88})");
  CHECK(w06.at("holds_held") == 0);
  CHECK(http::json_text(w06.at("meetings_by_kind")) == R"({"mapping":0,"joint":1,"plan_update":1,"other":0})");
  // The week's joint meeting is the case's second: no first joint meeting that week.
  CHECK(http::json_text(w06.at("first_joint_from_consent")) == R"({"count":0,"median_days":null})");
  const auto& totals = figures.at("totals").as_object();
  CHECK(totals.at("holds_expired") == 1);
  CHECK(totals.at("first_joint_from_identification").as_object().at("count") == 1);

  SECTION("the CSV has the same figures in columns after the older ones") {
    auto csv = api.get("/api/v1/utilisation?from=2027-02-01&to=2027-02-14&format=csv", {}, manager);
    REQUIRE(csv.result_int() == 200);
    const std::string body = csv.body();
    const std::string header = body.substr(0, body.find("\r\n"));
    CHECK(header.find(",days_from_identification_within_14_percent,holds_held,holds_confirmed,holds_expired,"
                      "meetings_mapping,meetings_joint,meetings_plan_update,meetings_other,"
                      "first_joint_from_identification_count,first_joint_from_identification_median_days,"
                      "first_joint_from_consent_count,first_joint_from_consent_median_days") != std::string::npos);
    const auto w05_line = body.find("2027-W05,");
    REQUIRE(w05_line != std::string::npos);
    CHECK(body.substr(w05_line, body.find("\r\n", w05_line) - w05_line).ends_with(",1,1,1,0,2,0,0,1,23.38,1,13.88"));
  }
}
