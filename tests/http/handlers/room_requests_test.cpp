// A room as a request gives it (issue 13), errors naming the field.
#include "../../../src/http/handlers/room_requests.hpp"

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;

namespace {

Result<http::Room> new_room(std::string_view body) { return http::read_body(body, http::read_new_room); }

std::string with(const std::string& field, const std::string& json) {
  return R"({"id": "neuvotteluhuone-2", "name": "Neuvotteluhuone 2", "capacity": 8, ")" + field + "\": " + json + "}";
}

}  // namespace

TEST_CASE("a room is read whole, its calendar by default named by its id", "[http][handlers][rooms]") {
  auto room = new_room(R"({"id": "neuvotteluhuone-2", "name": "Neuvotteluhuone 2",
                           "location": "Hämeenkosken sote-keskus, 2. krs", "capacity": 8,
                           "calendar_source": "caldav+https://cal.example.fi/rooms/nh2/"})");
  REQUIRE(room.has_value());
  CHECK(room->id == RoomId{"neuvotteluhuone-2"});
  CHECK(room->name == "Neuvotteluhuone 2");
  CHECK(room->location == "Hämeenkosken sote-keskus, 2. krs");
  CHECK(room->capacity == 8);
  CHECK(room->calendar_source == "caldav+https://cal.example.fi/rooms/nh2/");
  auto plain = new_room(R"({"id": "nh3", "name": "Neuvotteluhuone 3", "capacity": 4})");
  REQUIRE(plain.has_value());
  CHECK(plain->calendar_source == "nh3");
  CHECK(plain->location.empty());
  CHECK(new_room(R"({"id": "nh3", "name": "NH 3", "capacity": 4, "calendar_source": ""})").value().calendar_source ==
        "nh3");
}

TEST_CASE("a room's bad fields are refused, each by name", "[http][handlers][rooms]") {
  const auto invalid = make_error_code(service::Errc::invalid_value);
  const auto bad = make_error_code(http::Errc::bad_request);
  struct Row {
    std::string body, where;
    std::error_code code;
    std::string says;
  };
  const std::vector<Row> rows{
      {R"({"name": "NH 2", "capacity": 8})", "id", bad, "required"},
      {R"({"id": "nh2", "capacity": 8})", "name", bad, "required"},
      {R"({"id": "nh2", "name": "NH 2"})", "capacity", bad, "required"},
      {R"({"id": "nh2", "name": "NH 2", "capacity": null})", "capacity", bad, "required"},
      {R"({"id": "nh 2", "name": "NH 2", "capacity": 8})", "id", invalid, "letters a-z, digits"},
      {R"({"id": "", "name": "NH 2", "capacity": 8})", "id", invalid, "cannot be empty"},
      {R"({"id": "../nh2", "name": "NH 2", "capacity": 8})", "id", invalid, "letters a-z, digits"},
      {with("name", R"("")"), "name", invalid, "cannot be empty"},
      {with("name", '"' + std::string(201, 'n') + '"'), "name", invalid, "at most 200 characters"},
      {with("name", R"("Huone 131052-308T")"), "name", make_error_code(privacy::Errc::identity_code), "identity code"},
      {with("location", R"("Kerros 2\tovi 3")"), "location", invalid, "one line"},
      {with("location", '"' + std::string(501, 'l') + '"'), "location", invalid, "at most 500 characters"},
      {with("location", R"("131052-308T")"), "location", make_error_code(privacy::Errc::identity_code),
       "identity code"},
      {R"({"id": "nh2", "name": "NH 2", "capacity": 0})", "capacity", invalid, "1 to 1000"},
      {R"({"id": "nh2", "name": "NH 2", "capacity": 1001})", "capacity", invalid, "1 to 1000"},
      {R"({"id": "nh2", "name": "NH 2", "capacity": "8"})", "capacity", bad, "expected a whole number"},
      {with("calendar_source", R"("https://user:pw@cal.example.fi/nh2.ics")"), "calendar_source", invalid, ""},
      {with("calendar_source", R"("rooms/nh2.ics")"), "calendar_source", invalid, ""},
      {with("seats", "8"), "seats", bad, "unknown field"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.body);
    auto result = new_room(r.body);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().where.field == r.where);
    CHECK(result.error().code == r.code);
    CHECK_THAT(result.error().message, Catch::Contains(r.says));
  }
}

TEST_CASE("a room's change keeps its id and what is not given", "[http][handlers][rooms]") {
  const http::Room room{RoomId{"nh2"}, "NH 2", "2. krs", 8, "nh2.ics"};
  const auto patch = [&](std::string_view body) {
    return http::read_body(body, [&room](http::Fields& f) {
      http::Room changed = room;
      http::read_room_fields(f, changed);
      return changed;
    });
  };
  CHECK(patch("{}").value() == room);
  auto changed = patch(R"({"capacity": 12, "location": ""})");
  REQUIRE(changed.has_value());
  CHECK(changed->capacity == 12);
  CHECK(changed->location.empty());
  CHECK(changed->name == "NH 2");
  CHECK(changed->calendar_source == "nh2.ics");
  CHECK(patch(R"({"calendar_source": ""})").value().calendar_source == "nh2");  // back to its own file
  CHECK(patch(R"({"id": "nh9"})").error().where.field == "id");                       // an id does not change
  CHECK(patch(R"({"name": ""})").error().where.field == "name");
}
