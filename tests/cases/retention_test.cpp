#include <yhteisaika/cases/retention.hpp>

#include <yhteisaika/cases/stage_moves.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace std::chrono;
using namespace yhteisaika;
using namespace yhteisaika::cases;
using yhteisaika::test::helsinki;

time::Instant at(const char* local) { return time::parse_user_time(local, helsinki()).value(); }
std::string show(time::Instant t) { return time::format_rfc3339(t, helsinki()); }

Case open_case() {
  Case c;
  c.ref = CaseRef{"YA-2026-0042"};
  c.coordinator = ParticipantId{"sairaanhoitaja-nieminen"};
  c.identified_on = 2026y / 6 / 1;
  c.stage = Stage::follow_up;
  c.participants = {Participant{"p1", ParticipantKind::client, "Asiakas", "asiakas@example.fi", {}, {}},
                    Participant{"p2", ParticipantKind::close_one, "Äiti", "aiti@example.fi", {}, {}},
                    Participant{"p3", ParticipantKind::ngo, "Järjestötyöntekijä", std::nullopt, {}, {}}};
  return c;
}

Case closed_on(const char* local) { return move_stage(open_case(), Stage::closed, at(local), "admin").value(); }

}  // namespace

TEST_CASE("a closed case's participants' contact data is due 180 days after closing", "[cases][retention]") {
  const Case c = closed_on("2026-12-15T10:00");
  CHECK(closed_at(c) == at("2026-12-15T10:00"));
  // 180 x 24 hours: 10:00 winter time is 11:00 in June's summer time.
  REQUIRE(erasure_due_at(c));
  CHECK(show(*erasure_due_at(c)) == "2027-06-13T11:00:00+03:00");
  CHECK_FALSE(due_for_erasure(c, at("2027-06-13T10:59:59")));
  CHECK(due_for_erasure(c, at("2027-06-13T11:00")));
  CHECK(due_for_erasure(c, at("2028-01-01T00:00")));
}

TEST_CASE("the retention is the deployment's participant_retention_days", "[cases][retention]") {
  const Case c = closed_on("2026-12-15T10:00");
  CHECK(show(*erasure_due_at(c, days{30})) == "2027-01-14T10:00:00+02:00");
  CHECK_FALSE(due_for_erasure(c, at("2027-01-14T09:59"), days{30}));
  CHECK(due_for_erasure(c, at("2027-01-14T10:00"), days{30}));
  SECTION("no retention: due at closing") {
    CHECK(due_for_erasure(c, at("2026-12-15T10:00"), days{0}));
    CHECK_FALSE(due_for_erasure(c, at("2026-12-15T09:59"), days{0}));
  }
}

TEST_CASE("an open case is never due for erasure", "[cases][retention]") {
  const Case c = open_case();
  CHECK(closed_at(c) == std::nullopt);
  CHECK(erasure_due_at(c) == std::nullopt);
  CHECK_FALSE(due_for_erasure(c, at("2040-01-01T00:00")));
  SECTION("nor is a closed case without its closing in the history") {
    Case unrecorded = open_case();
    unrecorded.stage = Stage::closed;
    CHECK(closed_at(unrecorded) == std::nullopt);
    CHECK_FALSE(due_for_erasure(unrecorded, at("2040-01-01T00:00")));
  }
}

TEST_CASE("erasing contact data removes every participant's e-mail and keeps their role words", "[cases][retention]") {
  const Case c = closed_on("2026-12-15T10:00");
  const Case erased = without_participant_contacts(c);
  REQUIRE(erased.participants.size() == 3);
  for (const Participant& p : erased.participants) CHECK_FALSE(p.email.has_value());
  CHECK(erased.participants[1].label == "Äiti");
  CHECK(erased.participants[1].kind == ParticipantKind::close_one);
  CHECK(erased.history == c.history);
  CHECK(erased.ref == c.ref);
}
