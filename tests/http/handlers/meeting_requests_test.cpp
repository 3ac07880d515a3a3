// What the meetings' handlers read from a body, as the service's inputs.
#include "../../../src/http/handlers/meeting_requests.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/errc.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

template <class Read>
auto read(std::string_view body, Read reader) {
  return http::read_body(body, [&](http::Fields& f) { return reader(f, helsinki()); });
}

}  // namespace

TEST_CASE("a booking's body becomes the service's input", "[http][handlers][meetings]") {
  auto in = read(R"({"required": ["a", "b"], "optional": ["c"], "from": "2026-11-23T09:00", "days": 14,
                     "duration_minutes": 45, "strategy": "earliest", "case_ref": "YA-1", "title": "T",
                     "coordinator": "a", "identified_on": "2026-11-02"})",
                 http::read_book_input);
  REQUIRE(in.has_value());
  CHECK(in->solve.required == std::vector{ParticipantId{"a"}, ParticipantId{"b"}});
  CHECK(in->solve.optional == std::vector{ParticipantId{"c"}});
  CHECK(in->solve.from == utc(2026y / 11 / 23, 7));
  CHECK(in->solve.days == 14);
  CHECK(in->solve.duration == 45min);
  CHECK(in->solve.strategy == solve::Strategy::earliest);
  CHECK(in->case_ref.value == "YA-1");
  CHECK(in->coordinator == ParticipantId{"a"});
  CHECK(in->identified_on == 2026y / 11 / 2);
  CHECK_FALSE(in->start.has_value());
}

TEST_CASE("numbers out of range are passed on for the service to refuse", "[http][handlers][meetings]") {
  auto in = read(R"({"required": ["a"], "days": 0, "duration_minutes": 9999999999})", http::read_solve_input);
  REQUIRE(in.has_value());
  CHECK(in->days == -1);
  CHECK(in->duration == -1min);
  auto moved = read(R"({"days": 10001, "without": ["a"], "without_declined": true})", http::read_reschedule_input);
  REQUIRE(moved.has_value());
  CHECK(moved->days == -1);
  CHECK(moved->without == std::vector{ParticipantId{"a"}});
  CHECK(moved->without_declined);
  CHECK(read(R"({"strategy": "latest"})", http::read_reschedule_input).error().where == Location::at_field("strategy"));
}

TEST_CASE("a meeting's id in the path is a positive number, else no meeting", "[http][handlers][meetings]") {
  CHECK(http::meeting_id("42").value() == store::MeetingId{42});
  for (const char* text : {"0", "-1", "4x", "", "99999999999999999999"}) {
    CAPTURE(text);
    auto id = http::meeting_id(text);
    REQUIRE_FALSE(id.has_value());
    CHECK(id.error().code == http::Errc::not_found);
    CHECK(id.error().message == "no meeting " + std::string(text));
  }
}
