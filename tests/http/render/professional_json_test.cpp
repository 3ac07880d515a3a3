// A professional as a client reads it: value in, JSON out.
#include "../../../src/http/render/professional_json.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;

TEST_CASE("a professional's calendar source is shown to admins only", "[http][render][professionals]") {
  const store::Professional p{ParticipantId{"laakari-korhonen"}, "Mikko Korhonen", "lääkäri", "Terveysasema",
                              "mikko@example.fi", "https://calendar.example/secret/basic.ics"};
  CHECK(http::json_text(http::professional_json(p, store::TokenRole::coordinator)) ==
        R"({"id":"laakari-korhonen","name":"Mikko Korhonen","profession":"lääkäri","unit":"Terveysasema",)"
        R"("email":"mikko@example.fi"})");
  CHECK_FALSE(http::professional_json(p, store::TokenRole::manager).contains("calendar_source"));
  CHECK(http::professional_json(p, store::TokenRole::admin).at("calendar_source") ==
        "https://calendar.example/secret/basic.ics");
}
