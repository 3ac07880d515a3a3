// Calendar sources as a client reads them: value in, JSON out.
#include "../../../src/http/render/source_json.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

TEST_CASE("a calendar source shows its times locally and null for what it lacks", "[http][render][sources]") {
  sources::SourceStatus row;
  row.id = ParticipantId{"laakari-korhonen"};
  row.kind = sources::SourceKind::ics_url;
  row.location = "https://calendar.example/…";
  row.last_success = utc(2026y / 11 / 23, 6);
  row.last_attempt = utc(2026y / 11 / 23, 7);
  row.last_error = "the server answered 503";
  row.stale = true;
  CHECK(http::json_text(http::source_json(row, helsinki())) ==
        R"({"id":"laakari-korhonen","kind":"ics-url","location":"https://calendar.example/…",)"
        R"("last_success":"2026-11-23T08:00:00+02:00","last_attempt":"2026-11-23T09:00:00+02:00",)"
        R"("last_error":"the server answered 503","etag":null,"stale":true,"unknown":false})");

  SECTION("one never read: no times, no error") {
    sources::SourceStatus fresh;
    fresh.id = ParticipantId{"psykologi-makela"};
    fresh.unknown = true;
    auto o = http::source_json(fresh, helsinki());
    CHECK(o.at("kind") == "file");
    CHECK(o.at("last_success").is_null());
    CHECK(o.at("last_attempt").is_null());
    CHECK(o.at("last_error").is_null());
    CHECK(o.at("unknown") == true);
  }
  SECTION("the stale list of a solve says since when and why") {
    CHECK(http::json_text(http::stale_json({row}, helsinki())) ==
          R"([{"id":"laakari-korhonen","since":"2026-11-23T08:00:00+02:00","error":"the server answered 503"}])");
    CHECK(http::stale_json({}, helsinki()).empty());
  }
}
