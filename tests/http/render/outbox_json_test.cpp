// An outbox entry as an admin's client reads it: value in, JSON out.
#include "../../../src/http/render/outbox_json.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

TEST_CASE("an outbox entry says when it is tried next only while queued, and never its message",
          "[http][render][outbox]") {
  store::OutboxEntry e;
  e.id = 7;
  e.meeting = store::MeetingId{42};
  e.sequence = 1;
  e.participant = ParticipantId{"laakari-korhonen"};
  e.recipient = "mikko@example.fi";
  e.method = "REQUEST";
  e.subject = "Kutsu: Omatiimi";
  e.attempts = 2;
  e.created_at = utc(2026y / 11 / 23, 7);
  e.next_attempt_at = utc(2026y / 11 / 23, 7, 5);
  e.last_error = "421 try again later";
  e.message = "the whole message";
  CHECK(http::json_text(http::outbox_entry_json(e, helsinki())) ==
        R"({"id":7,"meeting":42,"sequence":1,"professional":"laakari-korhonen","recipient":"mikko@example.fi",)"
        R"("method":"REQUEST","subject":"Kutsu: Omatiimi","status":"queued","attempts":2,)"
        R"("created_at":"2026-11-23T09:00:00+02:00","next_attempt_at":"2026-11-23T09:05:00+02:00",)"
        R"("sent_at":null,"last_error":"421 try again later"})");

  SECTION("sent: when, no next attempt, no error") {
    e.status = store::MailStatus::sent;
    e.sent_at = utc(2026y / 11 / 23, 7, 6);
    e.last_error.clear();
    auto o = http::outbox_entry_json(e, helsinki());
    CHECK(o.at("status") == "sent");
    CHECK(o.at("next_attempt_at").is_null());
    CHECK(o.at("sent_at") == "2026-11-23T09:06:00+02:00");
    CHECK(o.at("last_error").is_null());
  }
}
