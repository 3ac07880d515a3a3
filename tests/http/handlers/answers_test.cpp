// An invitee's answer link (src/http/handlers/answers.cpp) reached through the API.
#include "../../../src/http/handlers/answers.hpp"

#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using boost::beast::http::verb;

TEST_CASE("an answer link asks on GET and records on POST, as pages", "[http][handlers][answers]") {
  ApiFixture api;
  const auto booked = api.book_two();
  const std::string secret(64, 'a');
  api.queue_mail(booked, "psykologi-makela", secret);

  auto asked = api.get("/answers/" + secret + "?answer=declined");
  CHECK(asked.result_int() == 200);
  CHECK(asked[beast_http::field::content_type] == "text/html; charset=utf-8");
  CHECK(asked[beast_http::field::cache_control] == "no-store");
  CHECK(asked["Referrer-Policy"] == "no-referrer");
  CHECK(api.service->booking().meeting(booked.id)->attendees.at(1).partstat == "NEEDS-ACTION");  // a GET changes nothing

  auto recorded = api.request(verb::post, "/answers/" + secret, "answer=declined", {},
                              {{beast_http::field::content_type, "application/x-www-form-urlencoded"}});
  CHECK(recorded.result_int() == 200);
  CHECK(api.service->booking().meeting(booked.id)->attendees.at(1).partstat == "DECLINED");

  auto bad = api.request(verb::post, "/answers/" + secret, "answer=maybe");
  CHECK(bad.result_int() == 400);
  CHECK(bad[beast_http::field::content_type] == "text/html; charset=utf-8");
  auto unknown = api.get("/answers/" + std::string(64, 'b'));
  CHECK(unknown.result_int() == 404);
  CHECK(unknown[beast_http::field::content_type] == "text/html; charset=utf-8");

  SECTION("a link of an older version of the meeting is gone") {
    REQUIRE(api.service->booking().reschedule(booked.id, {}, {"api-test", store::TokenRole::coordinator}).has_value());
    CHECK(api.get("/answers/" + secret).result_int() == 410);
  }
}
