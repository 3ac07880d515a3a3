// A participant as the API answers it, and read back as a request gives it.
#include "../../../src/http/render/participant_json.hpp"

#include "../../../src/http/handlers/participant_requests.hpp"
#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

namespace {

cases::Participant close_one() {
  cases::Participant p;
  p.id = "p2";
  p.kind = cases::ParticipantKind::close_one;
  p.label = "Äiti";
  p.email = "aiti@example.fi";
  cases::DaySet weekend{};
  weekend[Sunday.c_encoding()] = weekend[Saturday.c_encoding()] = true;
  cases::DaySet tue_thu{};
  tue_thu[Thursday.c_encoding()] = tue_thu[Tuesday.c_encoding()] = true;
  p.availability = {{tue_thu, 12h, 16h}, {weekend, 9h + 30min, 24h}};
  p.unavailable = {{utc(2026y / 12 / 9, 22), utc(2026y / 12 / 11, 22)}, {utc(2026y / 6 / 1, 5), utc(2026y / 6 / 1, 7)}};
  return p;
}

}  // namespace

TEST_CASE("a participant is rendered with wall-clock windows and local times", "[http][render][participants]") {
  auto o = http::participant_json(close_one(), helsinki());
  CHECK(o.at("id") == "p2");
  CHECK(o.at("kind") == "close_one");
  CHECK(o.at("label") == "Äiti");
  CHECK(o.at("email") == "aiti@example.fi");
  const auto& first = o.at("availability").as_array().at(0).as_object();
  CHECK(first.at("days") == boost::json::array{"tue", "thu"});
  CHECK(first.at("from") == "12:00");
  CHECK(first.at("to") == "16:00");
  const auto& weekend = o.at("availability").as_array().at(1).as_object();
  CHECK(weekend.at("days") == boost::json::array{"sat", "sun"});  // Monday first: Sunday last
  CHECK(weekend.at("from") == "09:30");
  CHECK(weekend.at("to") == "24:00");
  const auto& winter = o.at("unavailable").as_array().at(0).as_object();
  CHECK(winter.at("from") == "2026-12-10T00:00:00+02:00");
  CHECK(winter.at("to") == "2026-12-12T00:00:00+02:00");
  CHECK(o.at("unavailable").as_array().at(1).as_object().at("from") == "2026-06-01T08:00:00+03:00");
}

TEST_CASE("a participant without an e-mail shows null, and no windows as an empty list",
          "[http][render][participants]") {
  cases::Participant p;
  p.id = "p1";
  p.kind = cases::ParticipantKind::client;
  p.label = "Asiakas";
  auto o = http::participant_json(p, helsinki());
  CHECK(o.at("email").is_null());
  CHECK(o.at("availability").as_array().empty());
  CHECK(o.at("unavailable").as_array().empty());
  CHECK(o.at("kind") == "client");
}

TEST_CASE("a rendered participant reads back as the same participant", "[http][render][participants]") {
  for (auto p : {close_one(), cases::Participant{"p9", cases::ParticipantKind::police, "Poliisi", {}, {}, {}}}) {
    CAPTURE(p.label);
    auto o = http::participant_json(p, helsinki());
    o.erase("id");  // the store's, not the request's
    const std::string body = http::json_text(o);
    auto back = http::read_body(body, [](http::Fields& f) { return http::read_new_participant(f, helsinki()); });
    REQUIRE(back.has_value());
    back->id = p.id;
    CHECK(*back == p);
  }
}

TEST_CASE("a time of day is written HH:MM", "[http][render][participants]") {
  CHECK(http::clock_text(0min) == "00:00");
  CHECK(http::clock_text(9h + 5min) == "09:05");
  CHECK(http::clock_text(24h) == "24:00");
  for (int m = 0; m <= 24 * 60; m += 7) {
    CAPTURE(m);
    CHECK(http::parse_clock(http::clock_text(minutes{m}), true) == minutes{m});
  }
}
