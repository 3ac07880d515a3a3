// A meeting as a client reads it: value in, JSON out.
#include "../../../src/http/render/meeting_json.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

store::Meeting meeting() {
  store::Meeting m;
  m.id = store::MeetingId{42};
  m.case_ref = CaseRef{"YA-2026-0042"};
  m.when = {utc(2026y / 11 / 25, 12, 30), utc(2026y / 11 / 25, 13, 30)};
  m.in_hole = true;
  m.sequence = 2;
  m.title = "Omatiimi";
  m.location = "Neuvotteluhuone 2";
  m.created_at = m.updated_at = m.requested_at = utc(2026y / 11 / 23, 7);
  m.attendees = {{ParticipantId{"laakari-korhonen"}, store::AttendeeRole::required, "DECLINED",
                  utc(2026y / 11 / 24, 8)},
                 {ParticipantId{"kelan-asiantuntija-salo"}, store::AttendeeRole::optional, "NEEDS-ACTION",
                  std::nullopt}};
  return m;
}

}  // namespace

TEST_CASE("a meeting is rendered with local times, the attendees' names and what needs attention",
          "[http][render][meetings]") {
  const store::Professional doctor{ParticipantId{"laakari-korhonen"}, "Mikko Korhonen", "lääkäri", "Terveysasema",
                                   "", ""};
  const http::People people{{doctor.id, doctor}};
  auto o = http::meeting_json(meeting(), people, helsinki());
  CHECK(o.at("id") == 42);
  CHECK(o.at("case_ref") == "YA-2026-0042");
  CHECK(o.at("start") == "2026-11-25T14:30:00+02:00");
  CHECK(o.at("end") == "2026-11-25T15:30:00+02:00");
  CHECK(o.at("in_hole") == true);
  CHECK(o.at("status") == "scheduled");
  CHECK(o.at("sequence") == 2);
  CHECK(o.at("invite_url") == "/api/v1/meetings/42/invite.ics");
  CHECK(o.at("requested_at") == "2026-11-23T09:00:00+02:00");
  CHECK(o.at("coordinator").is_null());
  const auto& first = o.at("attendees").as_array().at(0).as_object();
  CHECK(first.at("name") == "Mikko Korhonen");
  CHECK(first.at("profession") == "lääkäri");
  CHECK(first.at("role") == "required");
  CHECK(first.at("partstat") == "DECLINED");
  CHECK(first.at("answered_at") == "2026-11-24T10:00:00+02:00");
  // Someone not in the team list still shows, without a name.
  const auto& kela = o.at("attendees").as_array().at(1).as_object();
  CHECK(kela.at("name") == "");
  CHECK(kela.at("role") == "optional");
  CHECK(kela.at("answered_at").is_null());
  // A required attendee declined: the coordinator has to decide.
  CHECK(http::json_text(o.at("required_declines")) == R"(["laakari-korhonen"])");
  CHECK(o.at("needs_attention") == true);

  SECTION("a cancelled meeting needs no attention; a coordinator is named") {
    auto m = meeting();
    m.status = store::MeetingStatus::cancelled;
    m.organizer = ParticipantId{"sosiaalityontekija-aalto"};
    auto c = http::meeting_json(m, people, helsinki());
    CHECK(c.at("status") == "cancelled");
    CHECK(c.at("needs_attention") == false);
    CHECK(c.at("coordinator") == "sosiaalityontekija-aalto");
  }
}
