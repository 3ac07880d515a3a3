// A case's participant as a request gives it (issue 13): kind, role label,
// e-mail, weekly windows and unavailable spans; errors naming the field.
#include "../../../src/http/handlers/participant_requests.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

Result<cases::Participant> new_participant(std::string_view body) {
  return http::read_body(body, [](http::Fields& f) { return http::read_new_participant(f, helsinki()); });
}

Result<cases::Participant> patched(cases::Participant p, std::string_view body) {
  return http::read_body(body, [&p](http::Fields& f) {
    http::read_participant_fields(f, p, helsinki());
    return p;
  });
}

cases::DaySet days_of(std::initializer_list<weekday> days) {
  cases::DaySet set{};
  for (auto d : days) set[d.c_encoding()] = true;
  return set;
}

std::string with(const std::string& field, const std::string& json) {
  return R"({"kind": "close_one", "label": "Äiti", ")" + field + "\": " + json + "}";
}

}  // namespace

TEST_CASE("a participant is read with windows in wall time and spans in wall time or with an offset",
          "[http][handlers][participants]") {
  auto p = new_participant(R"({"kind": "close_one", "label": "Äiti", "email": "aiti@example.fi",
      "availability": [{"days": ["tue", "thu"], "from": "12:00", "to": "16:00"},
                       {"days": ["sat"], "from": "18:30", "to": "24:00"}],
      "unavailable": [{"from": "2026-12-10T00:00", "to": "2026-12-12T00:00"},
                      {"from": "2026-06-01T08:00:00+03:00", "to": "2026-06-01T10:00:00Z"}]})");
  REQUIRE(p.has_value());
  CHECK(p->id.empty());  // the store gives it
  CHECK(p->kind == cases::ParticipantKind::close_one);
  CHECK(p->label == "Äiti");
  CHECK(p->email == "aiti@example.fi");
  REQUIRE(p->availability.size() == 2);
  CHECK(p->availability[0] == cases::WeeklyWindow{days_of({Tuesday, Thursday}), 12h, 16h});
  CHECK(p->availability[1] == cases::WeeklyWindow{days_of({Saturday}), 18h + 30min, 24h});
  REQUIRE(p->unavailable.size() == 2);
  // Helsinki is UTC+2 in December and UTC+3 in June.
  CHECK(p->unavailable[0] == time::Interval{utc(2026y / 12 / 9, 22), utc(2026y / 12 / 11, 22)});
  CHECK(p->unavailable[1] == time::Interval{utc(2026y / 6 / 1, 5), utc(2026y / 6 / 1, 10)});
}

TEST_CASE("a participant needs only a kind and a label", "[http][handlers][participants]") {
  auto p = new_participant(R"({"kind": "client", "label": "Asiakas"})");
  REQUIRE(p.has_value());
  CHECK(p->kind == cases::ParticipantKind::client);
  CHECK_FALSE(p->email.has_value());
  CHECK(p->availability.empty());  // any working time
  CHECK(p->unavailable.empty());
  for (auto [word, kind] : {std::pair{"client", cases::ParticipantKind::client},
                            {"close_one", cases::ParticipantKind::close_one},
                            {"peer", cases::ParticipantKind::peer},
                            {"ngo", cases::ParticipantKind::ngo},
                            {"police", cases::ParticipantKind::police},
                            {"kela", cases::ParticipantKind::kela},
                            {"other", cases::ParticipantKind::other}}) {
    CAPTURE(word);
    CHECK(new_participant(R"({"label": "X", "kind": ")" + std::string(word) + "\"}").value().kind == kind);
  }
}

TEST_CASE("a participant's bad fields are refused, each by name", "[http][handlers][participants]") {
  const auto invalid = make_error_code(service::Errc::invalid_value);
  const auto bad = make_error_code(http::Errc::bad_request);
  const auto code = make_error_code(privacy::Errc::identity_code);
  struct Row {
    std::string body, where;
    std::error_code code;
    std::string says;
  };
  const std::vector<Row> rows{
      {R"({"label": "Äiti"})", "kind", bad, "required"},
      {R"({"kind": "client"})", "label", bad, "required"},
      {R"({"kind": "client", "label": null})", "label", bad, "required"},
      {R"({"kind": "mother", "label": "Äiti"})", "kind", make_error_code(cases::Errc::unknown_word),
       "expected one of: client, close_one, peer, ngo, police, kela, other"},
      {with("label", R"("")"), "label", invalid, "cannot be empty"},
      {with("label", R"("Äiti\nIsä")"), "label", invalid, "one line"},
      {with("label", '"' + std::string(201, 'a') + '"'), "label", invalid, "at most 200 characters"},
      {with("label", R"("Äiti 131052-308T")"), "label", code, "identity code"},
      {with("label", R"("Äiti 131052‐308T")"), "label", code, "identity code"},  // U+2010 hyphen
      {with("email", R"("Äiti <aiti@example.fi>")"), "email", invalid, "plain address"},
      {with("email", R"("131052-308T@example.fi")"), "email", code, "identity code"},
      {with("availability", R"({"days": ["tue"]})"), "availability", bad, "expected an array"},
      {with("availability", R"(["tue"])"), "availability[0]", bad, "expected an object"},
      {with("availability", R"([{"from": "12:00", "to": "16:00"}])"), "availability[0].days", bad, "required"},
      {with("availability", R"([{"days": [], "from": "12:00", "to": "16:00"}])"), "availability[0].days", invalid,
       "at least one day"},
      {with("availability", R"([{"days": ["tue", "tiistai"], "from": "12:00", "to": "16:00"}])"),
       "availability[0].days[1]", make_error_code(cases::Errc::unknown_word), "mon, tue, wed, thu, fri, sat, sun"},
      {with("availability", R"([{"days": [2], "from": "12:00", "to": "16:00"}])"), "availability[0].days[0]", bad,
       "expected a day (text)"},
      {with("availability", R"([{"days": ["tue"], "to": "16:00"}])"), "availability[0].from", bad, "required"},
      {with("availability", R"([{"days": ["tue"], "from": "12:00"}])"), "availability[0].to", bad, "required"},
      {with("availability", R"([{"days": ["tue"], "from": "12", "to": "16:00"}])"), "availability[0].from", invalid,
       "HH:MM"},
      {with("availability", R"([{"days": ["tue"], "from": "24:00", "to": "24:00"}])"), "availability[0].from",
       invalid, "HH:MM"},
      {with("availability", R"([{"days": ["tue"], "from": "12:00", "to": "16:60"}])"), "availability[0].to", invalid,
       "HH:MM"},
      {with("availability", R"([{"days": ["tue"], "from": "12:00", "to": "12:00"}])"), "availability[0].to",
       invalid, "to must be after from"},
      {with("availability", R"([{"days": ["tue"], "from": "08:00", "to": "16:00"},
                                {"days": ["tue"], "from": "12:00", "to": "16:00", "note": "x"}])"),
       "availability[1].note", bad, "unknown field"},
      {with("unavailable", R"([{"from": "2026-12-10T00:00"}])"), "unavailable[0].to", bad, "required"},
      {with("unavailable", R"([{"from": "10.12.2026", "to": "2026-12-12T00:00"}])"), "unavailable[0].from", invalid,
       "expected e.g. 2026-11-23T09:00"},
      {with("unavailable", R"([{"from": "2026-12-12T00:00", "to": "2026-12-10T00:00"}])"), "unavailable[0].to",
       invalid, "to must be after from"},
      {with("unavailable", R"([{"from": "2026-12-10T00:00", "to": "2026-12-12T00:00", "why": "131052-308T"}])"),
       "unavailable[0].why", bad, "unknown field"},
      {with("name", R"("Maija")"), "name", bad, "unknown field"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.body);
    auto result = new_participant(r.body);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().where.field == r.where);
    CHECK(result.error().code == r.code);
    CHECK_THAT(result.error().message, Catch::Contains(r.says));
    // A refusal never repeats the code it found.
    CHECK_THAT(result.error().message, !Catch::Contains("131052"));
  }
}

TEST_CASE("a participant's change replaces what is given and keeps the rest", "[http][handlers][participants]") {
  cases::Participant p;
  p.id = "p1";
  p.kind = cases::ParticipantKind::close_one;
  p.label = "Äiti";
  p.email = "aiti@example.fi";
  p.availability = {{days_of({Tuesday}), 12h, 16h}};
  auto same = patched(p, "{}");
  CHECK(same.value() == p);
  auto changed = patched(p, R"({"label": "Isä", "availability": [], "email": ""})");
  REQUIRE(changed.has_value());
  CHECK(changed->id == "p1");
  CHECK(changed->kind == cases::ParticipantKind::close_one);
  CHECK(changed->label == "Isä");
  CHECK(changed->availability.empty());     // given empty: any working time again
  CHECK_FALSE(changed->email.has_value());  // "" removes the address
  auto bad = patched(p, R"({"kind": "neighbour"})");
  CHECK(bad.error().where.field == "kind");
}

TEST_CASE("a time of day is HH:MM, and 24:00 only ends a window", "[http][handlers][participants]") {
  CHECK(http::parse_clock("00:00", false) == 0min);
  CHECK(http::parse_clock("09:05", false) == 9h + 5min);
  CHECK(http::parse_clock("23:59", false) == 23h + 59min);
  CHECK(http::parse_clock("24:00", true) == 24h);
  for (std::string_view text : {"24:00", "9:00", "09:0", "09-00", "25:00", "12:60", "-1:00", "ab:cd", "", "12:00 "}) {
    CAPTURE(text);
    CHECK_FALSE(http::parse_clock(text, false).has_value());
  }
  CHECK_FALSE(http::parse_clock("24:01", true).has_value());
}
