// Reading a request: a JSON body's fields and a query's window, errors naming the field.
#include "../../src/http/request_fields.hpp"

#include "../support/helsinki_zone.hpp"

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;
using test::helsinki;
using test::utc;
using namespace std::chrono;

TEST_CASE("a body is read whole: bad JSON, the reader's error, then a field nobody read", "[http][request_fields]") {
  const auto read = [](std::string_view body) {
    return http::read_body(body, [](http::Fields& f) { return f.integer("days").value_or(0); });
  };
  CHECK(read(R"({"days": 3})").value() == 3);
  CHECK(read("{").error().code == http::Errc::bad_json);
  CHECK(read("[]").error().code == http::Errc::bad_request);
  auto wrong_type = read(R"({"days": "three"})");
  CHECK(wrong_type.error().where == Location::at_field("days"));
  CHECK(wrong_type.error().message == "expected a whole number, got text");
  auto unknown = read(R"({"days": 3, "dayz": 4})");
  CHECK(unknown.error().where == Location::at_field("dayz"));
  CHECK(unknown.error().message == "unknown field");
}

TEST_CASE("a query's from and to are dates or times, to after from", "[http][request_fields]") {
  const time::Interval fallback{utc(2026y / 11 / 1, 0), utc(2026y / 12 / 1, 0)};
  auto given = http::query_window(http::parse_query("from=2026-11-23&to=2026-11-23T12%3A00"), fallback, helsinki());
  REQUIRE(given.has_value());
  CHECK(given->start == utc(2026y / 11 / 22, 22));  // local midnight
  CHECK(given->end == utc(2026y / 11 / 23, 10));
  CHECK(http::query_window({}, fallback, helsinki()).value() == fallback);
  auto only_to = http::query_window(http::parse_query("to=2026-10-01"), fallback, helsinki());
  CHECK(only_to.error().where == Location::at_field("to"));
  CHECK(only_to.error().message == "to must be after from");
  auto bad = http::query_window(http::parse_query("from=soon"), fallback, helsinki());
  CHECK(bad.error().code == service::Errc::invalid_value);
  CHECK(bad.error().where == Location::at_field("from"));
}

TEST_CASE("an array of objects is read element by element, errors naming the element and its field",
          "[http][request_fields]") {
  const auto read = [](std::string_view body) {
    return http::read_body(body, [](http::Fields& f) {
      return http::read_objects(f, "spans", [](http::Fields& inner) { return inner.integer("n").value_or(0); });
    });
  };
  CHECK(read(R"({"spans": [{"n": 1}, {"n": 2}]})").value() == std::vector<std::int64_t>{1, 2});
  CHECK_FALSE(read("{}").value().has_value());            // not given
  CHECK_FALSE(read(R"({"spans": null})").value().has_value());
  CHECK(read(R"({"spans": []})").value() == std::vector<std::int64_t>{});
  auto not_array = read(R"({"spans": {"n": 1}})");
  CHECK(not_array.error().where.field == "spans");
  CHECK(not_array.error().message == "expected an array, got an object");
  auto not_object = read(R"({"spans": [{"n": 1}, 2]})");
  CHECK(not_object.error().where.field == "spans[1]");
  CHECK(not_object.error().message == "expected an object, got a number");
  auto inner_type = read(R"({"spans": [{"n": 1}, {"n": "two"}]})");
  CHECK(inner_type.error().where.field == "spans[1].n");
  CHECK(inner_type.error().code == http::Errc::bad_request);
  auto inner_unknown = read(R"({"spans": [{"n": 1, "m": 2}]})");
  CHECK(inner_unknown.error().where.field == "spans[0].m");
  CHECK(inner_unknown.error().message == "unknown field");
}

TEST_CASE("a required value is missing also when it is null", "[http][request_fields]") {
  const auto read = [](std::string_view body) {
    return http::read_body(body, [](http::Fields& f) { return http::required_value(f, "kind").value_or("-"); });
  };
  CHECK(read(R"({"kind": "client"})").value() == "client");
  for (std::string_view body : {"{}", R"({"kind": null})"}) {
    CAPTURE(body);
    auto missing = read(body);
    CHECK(missing.error().where.field == "kind");
    CHECK(missing.error().message == "this field is required");
  }
  // A value of another type says so, not that it is missing.
  CHECK(read(R"({"kind": 1})").error().message == "expected text, got a number");
}
