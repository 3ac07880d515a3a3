// An audit entry as an admin's client reads it: value in, JSON out.
#include "../../../src/http/render/audit_json.hpp"

#include "../../support/helsinki_zone.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

TEST_CASE("an audit entry gives its stored JSON as JSON", "[http][render][audit]") {
  store::AuditEntry e{3, "coordinator:Sanna Aalto", "reschedule", utc(2026y / 7 / 1, 9),
                      R"({"start":"a"})", R"({"start":"b"})"};
  // Summer time: +03:00.
  CHECK(http::json_text(http::audit_entry_json(e, helsinki())) ==
        R"({"id":3,"actor":"coordinator:Sanna Aalto","action":"reschedule","at":"2026-07-01T12:00:00+03:00",)"
        R"("before":{"start":"a"},"after":{"start":"b"}})");

  SECTION("nothing before is null; a text that is no JSON stays text") {
    e.before_json.clear();
    e.after_json = "not json";
    auto o = http::audit_entry_json(e, helsinki());
    CHECK(o.at("before").is_null());
    CHECK(o.at("after") == "not json");
  }
}
