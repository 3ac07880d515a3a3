// A case's meetings (service/case_meetings.hpp) over a scratch copy of the demo
// team, a database in memory and a fixed "now" (Monday 2026-11-23 09:00): the
// people around the client constrain the slot exactly like calendars
// (docs/scheduling-rules.md, "The case's circle, rooms and holds").
#include <yhteisaika/service/case_meetings.hpp>

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <catch2/catch.hpp>

#include "scratch_team.hpp"

#include <algorithm>

using namespace yhteisaika;
using namespace std::chrono_literals;
using test::kMonday;

namespace {

const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};
const ParticipantId kPsychologist{"psykologi-makela"};

// Thursdays 12:00-16:00 local, every week.
cases::WeeklyWindow thursday_afternoons() {
  return {cases::day_set({std::chrono::Thursday}), 12h, 16h};
}

struct CaseDesk {
  test::ScratchTeam scratch;
  std::unique_ptr<service::Service> service;
  std::unique_ptr<store::Store> db = scratch.store();
  store::Case the_case;

  CaseDesk() {
    auto opened = service::Service::open(scratch.config(), scratch.seams([] { return kMonday; }));
    REQUIRE(opened.has_value());
    service = std::move(*opened);
    store::Case c;
    c.ref = CaseRef{"YA-2026-0042"};
    c.coordinator = kSocial;
    c.identified_on = std::chrono::year{2026} / 11 / 20;
    c.team = {kDoctor, kPsychologist};
    auto created = db->create_case(c, {"test", kMonday});
    REQUIRE(created.has_value());
    the_case = *created;
  }
  // Adds someone around the client; their id ("p1", "p2", ...).
  std::string add(cases::ParticipantKind kind, std::string label, std::vector<cases::WeeklyWindow> windows = {},
                  std::vector<time::Interval> unavailable = {}, std::optional<std::string> email = {}) {
    cases::Participant p;
    p.kind = kind;
    p.label = std::move(label);
    p.email = std::move(email);
    p.availability = std::move(windows);
    p.unavailable = std::move(unavailable);
    auto added = db->add_participant(the_case.id, p, {"test", kMonday});
    REQUIRE(added.has_value());
    return added->id;
  }
  service::CaseMeetings& meetings() { return service->case_meetings(); }
  Result<store::Meeting> book(std::vector<std::string> required, std::vector<std::string> optional = {}) {
    service::CaseMeetingRequest r;
    r.kind = cases::MeetingKind::joint;
    r.required = std::move(required);
    r.optional = std::move(optional);
    return meetings().book(the_case.id, r, kCoordinator);
  }
  // Where the solver puts the three professionals alone (from `from`, for `days`).
  service::Solution professionals_alone(std::optional<time::Instant> from = {}, int days = 0,
                                        solve::Strategy strategy = solve::Strategy::hole_first) {
    service::SolveInput in;
    in.required = {kSocial, kDoctor, kPsychologist};
    in.from = from;
    in.days = days;
    in.strategy = strategy;
    auto solved = service->booking().solve(in);
    REQUIRE(solved.has_value());
    return *solved;
  }
  std::string local(time::Instant t) const { return time::format_rfc3339(t, service->zone()); }
  time::LocalTime local_time(time::Instant t) const { return service->zone().to_local(t); }
  time::Instant at_local(std::chrono::local_days day, std::chrono::minutes since_midnight) const {
    return service->zone().to_instant(day + since_midnight);
  }
};

const std::vector<std::string> kTeam{kSocial.value, kDoctor.value, kPsychologist.value};

std::vector<std::string> with(std::vector<std::string> ids, const std::string& more) {
  ids.push_back(more);
  return ids;
}

}  // namespace

TEST_CASE("a required participant's windows rule out the hole, and the next free time in them is chosen",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const auto hole = desk.professionals_alone();
  REQUIRE(hole.answer.chosen.has_value());
  REQUIRE(hole.answer.chosen->in_hole);  // the professionals alone meet in Wednesday's hole
  // Where the next free time in her window is, before anything is booked: the
  // professionals' earliest from the first Thursday noon of the window where
  // it ends by 16:00.
  std::optional<time::Interval> expected;
  for (auto day = std::chrono::floor<std::chrono::days>(desk.local_time(kMonday));
       !expected && desk.at_local(day, 16h) <= hole.window.end; day += std::chrono::days{1}) {
    if (std::chrono::weekday{day} != std::chrono::Thursday) continue;
    const auto from_noon = desk.professionals_alone(desk.at_local(day, 12h), 1, solve::Strategy::earliest);
    if (from_noon.answer.chosen && from_noon.answer.chosen->time.end <= desk.at_local(day, 16h)) {
      expected = from_noon.answer.chosen->time;
    }
  }
  REQUIRE(expected.has_value());
  const std::string mother = desk.add(cases::ParticipantKind::close_one, "Äiti", {thursday_afternoons()});

  auto booked = desk.book(with(kTeam, mother));
  REQUIRE(booked.has_value());
  INFO("booked " << desk.local(booked->when.start) << ", expected " << desk.local(expected->start));
  CHECK(booked->when == *expected);
  CHECK_FALSE(booked->when.overlaps(hole.answer.chosen->time));
  CHECK_FALSE(booked->in_hole);
  // The meeting asks her, by her id in the case.
  REQUIRE(booked->participants.size() == 1);
  CHECK(booked->participants.front().participant == mother);
  CHECK(booked->participants.front().role == store::AttendeeRole::required);
  CHECK(booked->case_id == desk.the_case.id);
  CHECK(booked->kind == cases::MeetingKind::joint);
}

TEST_CASE("a required participant's unavailable span moves the meeting past it",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const auto hole = desk.professionals_alone();
  REQUIRE(hole.answer.chosen.has_value());
  REQUIRE(hole.answer.chosen->in_hole);
  // Away from now until the day after the hole at the same time: over the hole, and before it.
  using std::chrono::floor;
  const auto hole_day = floor<std::chrono::days>(desk.local_time(hole.answer.chosen->time.start));
  const int days_away = static_cast<int>((hole_day - floor<std::chrono::days>(desk.local_time(kMonday))).count()) + 1;
  const time::Interval away{kMonday, kMonday + std::chrono::days{days_away}};  // no DST change in these weeks
  REQUIRE(hole.answer.chosen->time.overlaps(away));
  // What the professionals alone get from the end of the span to the window's
  // end, hole first (asked before anything is booked).
  const auto after = desk.professionals_alone(away.end, 14 - days_away);
  REQUIRE(after.answer.chosen.has_value());
  const std::string client = desk.add(cases::ParticipantKind::client, "Asiakas", {}, {away});

  service::CaseMeetingRequest r;
  r.required = with(kTeam, client);
  r.days = 14;
  auto booked = desk.meetings().book(desk.the_case.id, r, kCoordinator);
  REQUIRE(booked.has_value());
  INFO("booked " << desk.local(booked->when.start) << ", expected " << desk.local(after.answer.chosen->time.start));
  CHECK(booked->when.start >= away.end);
  CHECK(booked->when == after.answer.chosen->time);
  CHECK(booked->in_hole == after.answer.chosen->in_hole);
}

TEST_CASE("when a required participant's windows leave no working time, the reason names them by label",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const std::string father = desk.add(cases::ParticipantKind::close_one, "Isä",
                                      {{cases::day_set({std::chrono::Saturday}), 10h, 12h}});

  auto booked = desk.book(with(kTeam, father));
  REQUIRE_FALSE(booked.has_value());
  CHECK(booked.error().code == service::Errc::no_slot);
  CHECK(booked.error().message == "no working time within their stated availability in the window for: Isä");
  CHECK(booked.error().message.find(father) == std::string::npos);  // a label, not the id

  // The solve says the same, and lists them among those without free time.
  service::SolveInput in;
  in.required = {kSocial, kDoctor};
  in.case_id = desk.the_case.id;
  in.required_participants = {father};
  auto solved = desk.service->booking().solve(in);
  REQUIRE(solved.has_value());
  CHECK_FALSE(solved->answer.chosen.has_value());
  CHECK(solved->answer.reason == booked.error().message);
  CHECK(solved->answer.without_free_time == std::vector<ParticipantId>{ParticipantId{father}});
}

TEST_CASE("optional participants never move the slot and are reported as fitting or not",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const auto hole = desk.professionals_alone();
  REQUIRE(hole.answer.chosen.has_value());
  const std::string mother = desk.add(cases::ParticipantKind::close_one, "Äiti", {thursday_afternoons()});
  const std::string kela = desk.add(cases::ParticipantKind::kela, "Kelan asiantuntija");

  service::SolveInput in;
  in.required = {kSocial, kDoctor, kPsychologist};
  in.case_id = desk.the_case.id;
  in.optional_participants = {mother, kela};
  auto solved = desk.service->booking().solve(in);
  REQUIRE(solved.has_value());
  REQUIRE(solved->answer.chosen.has_value());
  CHECK(solved->answer.chosen->time == hole.answer.chosen->time);
  CHECK(solved->answer.optional_busy == std::vector<ParticipantId>{ParticipantId{mother}});
  CHECK(solved->answer.optional_free == std::vector<ParticipantId>{ParticipantId{kela}});

  auto booked = desk.book(kTeam, {mother, kela});
  REQUIRE(booked.has_value());
  CHECK(booked->when == hole.answer.chosen->time);
  REQUIRE(booked->participants.size() == 2);
  CHECK(booked->participants[0].role == store::AttendeeRole::optional);
}

TEST_CASE("a participant's other meetings of the case are busy time for them",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const std::string client = desk.add(cases::ParticipantKind::client, "Asiakas");
  auto first = desk.book({kSocial.value, client});
  REQUIRE(first.has_value());
  service::SolveInput doctor_alone;
  doctor_alone.required = {kDoctor};
  auto alone = desk.service->booking().solve(doctor_alone);
  REQUIRE(alone.has_value());
  REQUIRE(alone->answer.chosen.has_value());
  // Without the client, the doctor's meeting would go where the first one is.
  REQUIRE(alone->answer.chosen->time.overlaps(first->when));

  auto second = desk.book({kDoctor.value, client});
  REQUIRE(second.has_value());
  CHECK_FALSE(second->when.overlaps(first->when));
}

TEST_CASE("without required, a case meeting asks the coordinator, the team and the client",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const std::string client = desk.add(cases::ParticipantKind::client, "Asiakas");
  desk.add(cases::ParticipantKind::close_one, "Äiti");
  service::CaseMeetingRequest r;
  r.kind = cases::MeetingKind::mapping;
  auto booked = desk.meetings().book(desk.the_case.id, r, kCoordinator);
  REQUIRE(booked.has_value());
  std::vector<ParticipantId> attendees;
  for (const auto& a : booked->attendees) attendees.push_back(a.id);
  CHECK(attendees == std::vector<ParticipantId>{kSocial, kDoctor, kPsychologist});
  CHECK(booked->attendees.front().partstat == "ACCEPTED");  // the coordinator organizes it
  REQUIRE(booked->participants.size() == 1);
  CHECK(booked->participants.front().participant == client);
  CHECK(booked->kind == cases::MeetingKind::mapping);
  CHECK(booked->organizer == kSocial);
  CHECK(booked->case_ref == desk.the_case.ref);
  auto circle = desk.meetings().circle(*booked);
  REQUIRE(circle.has_value());
  REQUIRE(circle->size() == 1);
  CHECK(circle->front().label == "Asiakas");
}

TEST_CASE("a case meeting is refused for a closed or unknown case and names a wrong attendee's field",
          "[service][case_meetings][issue-13]") {
  CaseDesk desk;
  const std::string client = desk.add(cases::ParticipantKind::client, "Asiakas");

  SECTION("an id that is neither a participant nor a professional") {
    auto booked = desk.book({kSocial.value, "p9"});
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().code == service::Errc::unknown_attendee);
    CHECK(booked.error().where == Location::at_field("required[1]"));
    booked = desk.book(kTeam, {"nobody"});
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().where == Location::at_field("optional[0]"));
  }
  SECTION("someone listed twice") {
    auto booked = desk.book({kSocial.value, client}, {client});
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().code == service::Errc::invalid_value);
    CHECK(booked.error().where == Location::at_field("optional[0]"));
  }
  SECTION("no professional required") {
    auto booked = desk.book({client}, {kSocial.value});
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().code == service::Errc::invalid_value);
    CHECK(booked.error().where == Location::at_field("required"));
  }
  SECTION("a closed case") {
    REQUIRE(desk.db->move_stage(desk.the_case.id, cases::Stage::identified, cases::Stage::closed, {"test", kMonday})
                .has_value());
    auto booked = desk.book({kSocial.value, client});
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().code == store::Errc::case_closed);
  }
  SECTION("no such case") {
    auto booked = desk.meetings().book(cases::CaseId{999}, {}, kCoordinator);
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().code == store::Errc::not_found);
  }
  auto none = desk.service->booking().meetings(desk.the_case.ref, {kMonday, kMonday + std::chrono::days{60}});
  REQUIRE(none.has_value());
  CHECK(none->empty());  // nothing refused was booked
}
