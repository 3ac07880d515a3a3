// A room as the API answers it: its calendar's address only for admins.
#include "../../../src/http/render/room_json.hpp"

#include "../../../src/http/handlers/room_requests.hpp"

#include <yhteisaika/http/json_text.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika;

namespace {

const http::Room kRoom{RoomId{"nh2"}, "Neuvotteluhuone 2", "Sote-keskus, 2. krs", 8,
                       "https://cal.example.fi/secret-3f9c/nh2.ics"};

}  // namespace

TEST_CASE("a room is rendered, its calendar source for admins only", "[http][render][rooms]") {
  auto o = http::room_json(kRoom, store::TokenRole::coordinator);
  CHECK(o.at("id") == "nh2");
  CHECK(o.at("name") == "Neuvotteluhuone 2");
  CHECK(o.at("location") == "Sote-keskus, 2. krs");
  CHECK(o.at("capacity") == 8);
  CHECK_FALSE(o.contains("calendar_source"));  // a secret iCal address is a password
  CHECK_FALSE(http::room_json(kRoom, store::TokenRole::manager).contains("calendar_source"));
  CHECK(http::room_json(kRoom, store::TokenRole::admin).at("calendar_source") == kRoom.calendar_source.c_str());
}

TEST_CASE("a room rendered for an admin reads back as the same room", "[http][render][rooms]") {
  const std::string body = http::json_text(http::room_json(kRoom, store::TokenRole::admin));
  auto back = http::read_body(body, http::read_new_room);
  REQUIRE(back.has_value());
  CHECK(*back == kRoom);
}
