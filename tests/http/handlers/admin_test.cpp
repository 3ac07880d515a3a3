// The admins' records (src/http/handlers/admin.cpp) reached through the API:
// the audit log and the e-mail outbox.
#include "../../../src/http/handlers/admin.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

TEST_CASE("the audit log shows a booking with what it wrote", "[http][handlers][admin]") {
  ApiFixture api;
  const std::string admin = api.token(store::TokenRole::admin);
  api.book_two("Sanna Aalto");
  auto entries = body_of(api.get("/api/v1/audit", {}, admin)).at("entries").as_array();
  const boost::json::object* book = nullptr;
  for (const auto& e : entries) {
    if (e.as_object().at("action") == "book") book = &e.as_object();
  }
  REQUIRE(book != nullptr);
  CHECK(book->at("actor") == "coordinator:Sanna Aalto");
  CHECK(book->at("at") == "2026-11-23T09:00:00+02:00");
  CHECK(book->at("before").is_null());
  CHECK(book->at("after").is_object());  // the stored JSON, as JSON

  SECTION("a window that ends before the booking leaves it out") {
    auto earlier = body_of(api.get("/api/v1/audit?from=2026-11-01&to=2026-11-23T08:00", {}, admin));
    for (const auto& e : earlier.at("entries").as_array()) CHECK(e.as_object().at("action") != "book");
  }
  SECTION("a window that is no window names the parameter") {
    auto res = api.get("/api/v1/audit?from=2026-11-23&to=2026-11-22", {}, admin);
    CHECK(res.result_int() == 422);
    CHECK(body_of(res).at("field") == "to");
  }
}

TEST_CASE("the outbox shows the mail waiting, by status", "[http][handlers][admin]") {
  ApiFixture api;
  const std::string admin = api.token(store::TokenRole::admin);
  const auto booked = api.book_two();
  api.queue_mail(booked, "laakari-korhonen");

  auto queued = body_of(api.get("/api/v1/outbox?status=queued", {}, admin)).at("outbox").as_array();
  REQUIRE(queued.size() == 1);
  const auto& e = queued[0].as_object();
  CHECK(e.at("meeting") == booked.id.value);
  CHECK(e.at("professional") == "laakari-korhonen");
  CHECK(e.at("recipient") == "laakari-korhonen@example.fi");
  CHECK(e.at("status") == "queued");
  CHECK(e.at("next_attempt_at") == "2026-11-23T09:00:00+02:00");
  CHECK(e.at("sent_at").is_null());
  CHECK(e.at("last_error").is_null());
  CHECK_FALSE(e.contains("message"));  // never the message itself

  CHECK(body_of(api.get("/api/v1/outbox?status=sent", {}, admin)).at("outbox").as_array().empty());
  auto wrong = api.get("/api/v1/outbox?status=lost", {}, admin);
  CHECK(wrong.result_int() == 422);
  CHECK(body_of(wrong).at("field") == "status");
}
