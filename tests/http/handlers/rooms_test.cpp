// The rooms' handlers (src/http/handlers/rooms.cpp) and rooms in solve and
// booking requests, reached through the API (issue 13).
#include "../../../src/http/handlers/rooms.hpp"

#include "../../support/fake_calendar_fetcher.hpp"
#include "../api_fixture.hpp"

using namespace yhteisaika;
namespace beast_http = http::beast_http;
using test::ApiFixture;
using test::body_of;
using boost::beast::http::verb;

namespace {

constexpr const char* kRoomUrl = "https://rooms.example/sali.ics";
constexpr const char* kEmptyCalendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//rooms//EN\r\nEND:VCALENDAR\r\n";

// The API with a fake fetcher serving kRoomUrl (empty: always free), an admin
// and a coordinator.
struct RoomsApi {
  std::shared_ptr<test::FakeCalendarFetcher> fetcher = [] {
    auto f = std::make_shared<test::FakeCalendarFetcher>();
    f->serve(kRoomUrl, kEmptyCalendar);
    return f;
  }();
  ApiFixture api{service::Seams{.fetcher = fetcher}};
  std::string admin = api.token(store::TokenRole::admin);
  std::string coordinator = api.token(store::TokenRole::coordinator);

  http::Response add(const std::string& id, int capacity, const std::string& source = kRoomUrl) {
    return api.request(verb::post, "/api/v1/rooms",
                       R"({"id": ")" + id + R"(", "name": "Neuvotteluhuone )" + id +
                           R"(", "location": "Sote-keskus, 2. krs", "capacity": )" + std::to_string(capacity) +
                           R"(, "calendar_source": ")" + source + R"("})",
                       admin);
  }
};

std::string unfolded(std::string text) {
  for (auto at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at)) text.erase(at, 3);
  return text;
}

}  // namespace

TEST_CASE("an admin adds a room with a feed URL, changes it and removes it, and coordinators read rooms",
          "[http][handlers][rooms]") {
  RoomsApi r;
  auto created = r.add("sali-a", 8);
  REQUIRE(created.result_int() == 201);
  CHECK(created[beast_http::field::location] == "/api/v1/rooms/sali-a");
  auto body = body_of(created);
  CHECK(body.at("capacity") == 8);
  CHECK(body.at("calendar_source") == kRoomUrl);
  const std::string feed_url(body.at("feed_url").as_string());
  REQUIRE(feed_url.starts_with("http://test/feeds/"));
  const std::string feed_path = feed_url.substr(std::string("http://test").size());
  auto feed = r.api.get(feed_path);
  REQUIRE(feed.result_int() == 200);
  CHECK(feed.body().find("Yhteisaika – Neuvotteluhuone sali-a") != std::string::npos);

  auto listed = body_of(r.api.get("/api/v1/rooms", {}, r.coordinator)).at("rooms").as_array();
  REQUIRE(listed.size() == 1);
  CHECK(listed.at(0).at("name") == "Neuvotteluhuone sali-a");
  CHECK_FALSE(listed.at(0).as_object().contains("calendar_source"));  // admins only
  CHECK(body_of(r.api.get("/api/v1/rooms/sali-a", {}, r.coordinator)).at("location") == "Sote-keskus, 2. krs");
  CHECK(r.api.get("/api/v1/rooms/ei-ole", {}, r.coordinator).result_int() == 404);

  auto patched = r.api.request(verb::patch, "/api/v1/rooms/sali-a", R"({"capacity": 12})", r.admin);
  REQUIRE(patched.result_int() == 200);
  CHECK(body_of(patched).at("capacity") == 12);
  CHECK(body_of(patched).at("name") == "Neuvotteluhuone sali-a");

  auto rotated = r.api.request(verb::post, "/api/v1/rooms/sali-a/feed-secret", "", r.admin);
  REQUIRE(rotated.result_int() == 200);
  CHECK(body_of(rotated).at("feed_url").as_string() != feed_url);
  CHECK(r.api.get(feed_path).result_int() == 404);  // the old URL stops working

  auto removed = r.api.request(verb::delete_, "/api/v1/rooms/sali-a", "", r.admin);
  REQUIRE(removed.result_int() == 200);
  CHECK(body_of(removed).at("id") == "sali-a");
  CHECK(r.api.get("/api/v1/rooms/sali-a", {}, r.admin).result_int() == 404);
}

TEST_CASE("only admins change rooms, and managers do not read them", "[http][handlers][rooms][roles]") {
  RoomsApi r;
  REQUIRE(r.add("sali-a", 8).result_int() == 201);
  const std::string manager = r.api.token(store::TokenRole::manager);
  CHECK(r.api.request(verb::post, "/api/v1/rooms", R"({"id": "b", "name": "B", "capacity": 2})", r.coordinator)
            .result_int() == 403);
  CHECK(r.api.request(verb::patch, "/api/v1/rooms/sali-a", R"({"capacity": 2})", r.coordinator).result_int() == 403);
  CHECK(r.api.request(verb::delete_, "/api/v1/rooms/sali-a", "", r.coordinator).result_int() == 403);
  CHECK(r.api.request(verb::post, "/api/v1/rooms/sali-a/feed-secret", "", r.coordinator).result_int() == 403);
  CHECK(r.api.get("/api/v1/rooms", {}, manager).result_int() == 403);
  CHECK(r.api.get("/api/v1/rooms").result_int() == 401);
}

TEST_CASE("a room's fields are checked, naming the field", "[http][handlers][rooms][errors]") {
  RoomsApi r;
  struct Case {
    verb method;
    std::string target;
    std::string body;
    unsigned status;
    std::string field;
  };
  REQUIRE(r.add("sali-a", 8).result_int() == 201);
  auto c = GENERATE(Case{verb::post, "/api/v1/rooms", R"({"id": "a/b", "name": "X", "capacity": 2})", 422, "id"},
                    Case{verb::post, "/api/v1/rooms", R"({"name": "X", "capacity": 2})", 400, "id"},
                    Case{verb::post, "/api/v1/rooms", R"({"id": "x", "name": "X"})", 400, "capacity"},
                    Case{verb::post, "/api/v1/rooms", R"({"id": "x", "name": "X", "capacity": 0})", 422, "capacity"},
                    Case{verb::post, "/api/v1/rooms", R"({"id": "x", "name": "", "capacity": 2})", 422, "name"},
                    Case{verb::post, "/api/v1/rooms",
                         R"({"id": "x", "name": "X", "capacity": 2, "calendar_source": "https://u:p@h.example/x.ics"})",
                         422, "calendar_source"},
                    Case{verb::post, "/api/v1/rooms", R"({"id": "sali-a", "name": "X", "capacity": 2})", 409, "id"},
                    Case{verb::patch, "/api/v1/rooms/sali-a", R"({"capacity": "iso"})", 400, "capacity"});
  CAPTURE(c.body);
  auto res = r.api.request(c.method, c.target, c.body, r.admin);
  CHECK(res.result_int() == c.status);
  CHECK(body_of(res).at("field").as_string() == c.field);
}

TEST_CASE("solve and booking take a named room, the meeting shows it and its invite names it",
          "[http][handlers][rooms][meetings]") {
  RoomsApi r;
  REQUIRE(r.add("pieni", 1).result_int() == 201);
  REQUIRE(r.add("sali-a", 8).result_int() == 201);
  const std::string request =
      R"({"required": ["laakari-korhonen", "psykologi-makela"], "rooms": ["pieni", "sali-a"], "case_ref": "YA-2026-0500"})";
  auto solved = r.api.request(verb::post, "/api/v1/solve",
                              R"({"required": ["laakari-korhonen", "psykologi-makela"], "rooms": ["pieni", "sali-a"]})",
                              r.coordinator);
  REQUIRE(solved.result_int() == 200);
  CHECK(body_of(solved).at("room") == "sali-a");  // "pieni" seats one

  auto booked = r.api.request(verb::post, "/api/v1/meetings", request, r.coordinator);
  REQUIRE(booked.result_int() == 201);
  auto meeting = body_of(booked);
  CHECK(meeting.at("start") == body_of(solved).at("start"));
  CHECK(meeting.at("room").at("id") == "sali-a");
  CHECK(meeting.at("room").at("name") == "Neuvotteluhuone sali-a");
  CHECK(meeting.at("location") == "Neuvotteluhuone sali-a, Sote-keskus, 2. krs");
  CHECK(meeting.at("remote") == false);

  const std::string id = std::to_string(meeting.at("id").as_int64());
  CHECK(body_of(r.api.get("/api/v1/meetings/" + id, {}, r.coordinator)).at("room").at("id") == "sali-a");
  auto invite = r.api.get("/api/v1/meetings/" + id + "/invite.ics", {}, r.coordinator);
  REQUIRE(invite.result_int() == 200);
  const std::string text = unfolded(invite.body());
  CHECK(text.find("LOCATION:Neuvotteluhuone sali-a\\, Sote-keskus\\, 2. krs") != std::string::npos);
  CHECK(text.find("CUTYPE=ROOM;ROLE=NON-PARTICIPANT") != std::string::npos);

  SECTION("the room is not given to a second meeting at the same time") {
    auto second = r.api.request(
        verb::post, "/api/v1/meetings",
        R"({"required": ["terveydenhoitaja-nieminen"], "rooms": ["sali-a"], "case_ref": "YA-2026-0501", "start": ")" +
            std::string(meeting.at("start").as_string()) + R"("})",
        r.coordinator);
    CHECK(second.result_int() == 409);
    CHECK(body_of(second).at("error") == "slot_taken");
  }
  SECTION("a room in use cannot be removed") {
    CHECK(r.api.request(verb::delete_, "/api/v1/rooms/sali-a", "", r.admin).result_int() == 409);
  }
}

TEST_CASE("a remote meeting takes no room", "[http][handlers][rooms][meetings]") {
  RoomsApi r;
  auto booked = r.api.request(
      verb::post, "/api/v1/meetings",
      R"({"required": ["laakari-korhonen"], "remote": true, "case_ref": "YA-2026-0502"})", r.coordinator);
  REQUIRE(booked.result_int() == 201);
  CHECK(body_of(booked).at("remote") == true);
  CHECK(body_of(booked).at("room").is_null());
}

TEST_CASE("rooms in solve and booking requests are checked, naming rooms[i] or remote",
          "[http][handlers][rooms][errors]") {
  RoomsApi r;
  REQUIRE(r.add("sali-a", 8).result_int() == 201);
  struct Case {
    std::string extra;
    unsigned status;
    std::string field;
  };
  auto c = GENERATE(Case{R"("rooms": ["sali-a", "ei-ole"])", 422, "rooms[1]"},
                    Case{R"("rooms": ["sali-a", "sali-a"])", 422, "rooms[1]"},
                    Case{R"("rooms": ["sali-a"], "remote": true)", 422, "remote"},
                    Case{R"("rooms": [])", 422, "rooms"}, Case{R"("rooms": "sali-a")", 400, "rooms"},
                    Case{R"("rooms": [7])", 400, "rooms[0]"}, Case{R"("rooms": ["a b"])", 422, "rooms[0]"},
                    Case{R"("remote": "yes")", 400, "remote"});
  for (const std::string target : {"/api/v1/solve", "/api/v1/meetings"}) {
    CAPTURE(target, c.extra);
    const std::string case_ref = target == "/api/v1/meetings" ? R"("case_ref": "YA-2026-0503", )" : "";
    auto res = r.api.request(verb::post, target, R"({"required": ["laakari-korhonen"], )" + case_ref + c.extra + "}",
                             r.coordinator);
    CHECK(res.result_int() == c.status);
    CHECK(body_of(res).at("field").as_string() == c.field);
  }
}
