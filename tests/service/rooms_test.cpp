// Rooms (issue 13): a meeting naming rooms takes the first one free for its
// whole slot and seating everyone; a room is busy by its own calendar and by
// the meetings booked in it; a room whose calendar cannot be read is never
// free; two meetings never share a room, also when bookings race. On a copy of
// the demo team, a database in memory and a fixed clock.
#include <yhteisaika/service/rooms.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/errc.hpp>

#include "../support/fake_calendar_fetcher.hpp"
#include "../support/forwarding_store.hpp"
#include "scratch_team.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <thread>

using namespace yhteisaika;
using namespace std::chrono_literals;
using test::kMonday;

namespace {

const service::Actor kAdmin{"Ylläpito", store::TokenRole::admin};
const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};
const ParticipantId kNurse{"terveydenhoitaja-nieminen"};
const ParticipantId kPsychologist{"psykologi-makela"};
const ParticipantId kFamily{"perhetyontekija-koskinen"};
const ParticipantId kRehab{"kuntoutusohjaaja-lehtonen"};

// 20261125T123000Z
std::string utc(time::Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char out[96];
  std::snprintf(out, sizeof out, "%04d%02u%02uT%02ld%02ld%02lldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return out;
}

// iCalendar text with its folded lines joined (RFC 5545 §3.1).
std::string unfolded(std::string text) {
  for (auto at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at)) text.erase(at, 3);
  return text;
}

// A calendar busy over `spans`.
std::string busy_ics(const std::vector<time::Interval>& spans) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//rooms//EN\r\n";
  int n = 0;
  for (const auto& s : spans) {
    out += "BEGIN:VEVENT\r\nUID:room-busy-" + std::to_string(++n) + "@tests\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:" +
           utc(s.start) + "\r\nDTEND:" + utc(s.end) + "\r\nSUMMARY:Varattu\r\nEND:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

store::Room room(const std::string& id, int capacity, const std::string& source) {
  return {RoomId{id}, "Huone " + id, "Sote-keskus, 2. krs", capacity, source};
}

// The service on the scratch team, with a fake fetcher for rooms' URLs.
struct Rooms {
  test::ScratchTeam team;
  std::shared_ptr<test::FakeCalendarFetcher> fetcher = std::make_shared<test::FakeCalendarFetcher>();
  std::unique_ptr<service::Service> service;
  explicit Rooms(service::StoreFactory open_store = {}) {
    auto seams = team.seams([] { return kMonday; });
    seams.fetcher = fetcher;
    if (open_store) seams.open_store = std::move(open_store);
    auto opened = service::Service::open(team.config(), std::move(seams));
    REQUIRE(opened.has_value());
    service = std::move(*opened);
  }
  // A room whose calendar (a file of the calendars folder) is busy over `spans`.
  std::string add(const std::string& id, int capacity, const std::vector<time::Interval>& spans = {}) {
    team.write(id + ".ics", busy_ics(spans));
    auto secret = service->rooms().create(room(id, capacity, id), kAdmin);
    REQUIRE(secret.has_value());
    return *secret;
  }
  service::SolveInput two(std::vector<RoomId> rooms) {
    service::SolveInput in;
    in.required = {kDoctor, kSocial};
    in.rooms = std::move(rooms);
    return in;
  }
  service::Solution solve(const service::SolveInput& in) {
    auto s = service->booking().solve(in);
    INFO((s ? std::string() : s.error().to_string()));
    REQUIRE(s.has_value());
    return *s;
  }
  time::Interval slot(const service::SolveInput& in) {
    auto s = solve(in);
    INFO(s.answer.reason);
    REQUIRE(s.answer.chosen.has_value());
    return s.answer.chosen->time;
  }
  Result<store::Meeting> book(service::SolveInput in, const std::string& case_ref = "YA-2026-0300") {
    service::BookInput b;
    b.solve = std::move(in);
    b.case_ref = CaseRef{case_ref};
    return service->booking().book(b, kCoordinator);
  }
};

}  // namespace

TEST_CASE("a meeting naming rooms takes the first one free for its whole slot", "[service][rooms]") {
  Rooms r;
  const time::Interval first = r.slot(r.two({}));
  r.add("sali-a", 6, {{first.start - 30min, first.start + 15min}});  // busy for part of the slot
  r.add("sali-b", 6);
  const auto answer = r.solve(r.two({RoomId{"sali-a"}, RoomId{"sali-b"}})).answer;
  REQUIRE(answer.chosen.has_value());
  CHECK(answer.chosen->time == first);
  CHECK(answer.chosen->room == std::optional<RoomId>{RoomId{"sali-b"}});

  auto booked = r.book(r.two({RoomId{"sali-a"}, RoomId{"sali-b"}}));
  REQUIRE(booked.has_value());
  CHECK(booked->when == first);
  CHECK(booked->room == std::optional<RoomId>{RoomId{"sali-b"}});
  CHECK(booked->location == "Huone sali-b, Sote-keskus, 2. krs");
  CHECK_FALSE(booked->remote);
}

TEST_CASE("when no named room is free, the meeting moves to a time one is", "[service][rooms]") {
  Rooms r;
  const time::Interval first = r.slot(r.two({}));
  r.add("sali-a", 6, {{first.start - 1h, first.end + 1h}});
  auto booked = r.book(r.two({RoomId{"sali-a"}}));
  REQUIRE(booked.has_value());
  CHECK(booked->room == std::optional<RoomId>{RoomId{"sali-a"}});
  CHECK_FALSE(booked->when.overlaps({first.start - 1h, first.end + 1h}));
  CHECK(booked->when != first);
}

TEST_CASE("a room seating fewer than the attendees is never taken", "[service][rooms][capacity]") {
  Rooms r;
  r.add("pieni", 2);
  r.add("iso", 4);
  auto in = r.two({RoomId{"pieni"}, RoomId{"iso"}});
  SECTION("two fit the small room") { CHECK(r.solve(in).answer.chosen->room == std::optional<RoomId>{RoomId{"pieni"}}); }
  SECTION("three, one of them optional, do not") {
    in.optional = {kNurse};
    CHECK(r.solve(in).answer.chosen->room == std::optional<RoomId>{RoomId{"iso"}});
  }
  SECTION("with no room big enough nothing fits, and the reason says why") {
    in.rooms = {RoomId{"pieni"}};
    in.optional = {kNurse};
    const auto answer = r.solve(in).answer;
    CHECK_FALSE(answer.chosen.has_value());
    CHECK(answer.reason.find("room pieni seats 2, fewer than 3") != std::string::npos);
    auto booked = r.book(in);
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().code == service::Errc::no_slot);
  }
}

TEST_CASE("a meeting booked in a room makes it busy for every later meeting", "[service][rooms]") {
  Rooms r;
  r.add("sali-a", 6);
  auto first = r.book(r.two({RoomId{"sali-a"}}));
  REQUIRE(first.has_value());
  // Other people, free at the same time: the room is not.
  service::SolveInput others;
  others.required = {kPsychologist, kNurse};
  const time::Interval theirs = r.slot(others);
  others.rooms = {RoomId{"sali-a"}};
  auto second = r.book(others, "YA-2026-0301");
  REQUIRE(second.has_value());
  CHECK(second->room == std::optional<RoomId>{RoomId{"sali-a"}});
  CHECK_FALSE(second->when.overlaps(first->when));
  if (theirs.overlaps(first->when)) CHECK(second->when != theirs);

  SECTION("a fixed start in the taken room is refused, naming the rooms") {
    service::BookInput b;
    b.solve.required = {kFamily, kRehab};
    b.solve.rooms = {RoomId{"sali-a"}};
    b.case_ref = CaseRef{"YA-2026-0302"};
    b.start = first->when.start;
    auto refused = r.service->booking().book(b, kCoordinator);
    REQUIRE_FALSE(refused.has_value());
    // Refused whoever else is busy then: the room is, and a room is never double-booked.
    CHECK(refused.error().code == store::Errc::slot_taken);
    CHECK(refused.error().where.field == "start");
  }
  SECTION("once cancelled, the room is free again") {
    REQUIRE(r.service->booking().cancel(first->id, kCoordinator).has_value());
    service::SolveInput again;
    again.required = {kDoctor, kSocial};
    again.rooms = {RoomId{"sali-a"}};
    CHECK(r.slot(again) == first->when);
  }
}

TEST_CASE("a room whose calendar cannot be read is never free, and the reason names it",
          "[service][rooms][unavailable]") {
  Rooms r;
  REQUIRE(r.service->rooms().create(room("rikki", 6, "https://rooms.example/rikki.ics"), kAdmin).has_value());
  SECTION("alone: nothing fits, the reason names the room") {
    const auto answer = r.solve(r.two({RoomId{"rikki"}})).answer;
    CHECK_FALSE(answer.chosen.has_value());
    INFO(answer.reason);
    CHECK(answer.reason.find("room rikki") != std::string::npos);
    CHECK(answer.reason.find("never been read") != std::string::npos);
    auto booked = r.book(r.two({RoomId{"rikki"}}));
    REQUIRE_FALSE(booked.has_value());
    CHECK(booked.error().message.find("room rikki") != std::string::npos);
  }
  SECTION("with another room: the other one is taken") {
    r.add("ehja", 6);
    auto booked = r.book(r.two({RoomId{"rikki"}, RoomId{"ehja"}}));
    REQUIRE(booked.has_value());
    CHECK(booked->room == std::optional<RoomId>{RoomId{"ehja"}});
  }
  SECTION("a room whose remote calendar is read is taken") {
    r.fetcher->serve("https://rooms.example/ehja.ics", busy_ics({}));
    REQUIRE(r.service->rooms().create(room("ehja", 6, "https://rooms.example/ehja.ics"), kAdmin).has_value());
    auto booked = r.book(r.two({RoomId{"rikki"}, RoomId{"ehja"}}));
    REQUIRE(booked.has_value());
    CHECK(booked->room == std::optional<RoomId>{RoomId{"ehja"}});
    CHECK_FALSE(r.fetcher->requests("https://rooms.example/ehja.ics").empty());
  }
}

TEST_CASE("an unknown room, a room named twice, and rooms with remote are refused naming the field",
          "[service][rooms][errors]") {
  Rooms r;
  r.add("sali-a", 6);
  auto unknown = r.service->booking().solve(r.two({RoomId{"sali-a"}, RoomId{"ei-ole"}}));
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == service::Errc::invalid_value);
  CHECK(unknown.error().where.field == "rooms[1]");
  CHECK(unknown.error().message == "no room ei-ole");

  auto twice = r.service->booking().solve(r.two({RoomId{"sali-a"}, RoomId{"sali-a"}}));
  REQUIRE_FALSE(twice.has_value());
  CHECK(twice.error().where.field == "rooms[1]");

  service::BookInput both;
  both.solve = r.two({RoomId{"sali-a"}});
  both.case_ref = CaseRef{"YA-2026-0303"};
  both.remote = true;
  auto refused = r.service->booking().book(both, kCoordinator);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().where.field == "remote");

  both.solve.rooms.clear();
  auto remote = r.service->booking().book(both, kCoordinator);
  REQUIRE(remote.has_value());
  CHECK(remote->remote);
  CHECK_FALSE(remote->room.has_value());
}

TEST_CASE("the invite names the room as LOCATION and as a CUTYPE=ROOM attendee, and the room's feed shows the meeting",
          "[service][rooms][invite][feeds]") {
  Rooms r;
  const std::string secret = r.add("sali-a", 6);
  auto booked = r.book(r.two({RoomId{"sali-a"}}));
  REQUIRE(booked.has_value());
  auto invite = r.service->booking().invite(booked->id);
  REQUIRE(invite.has_value());
  const std::string text = unfolded(invite->text);
  INFO(text);
  CHECK(text.find("LOCATION:Huone sali-a\\, Sote-keskus\\, 2. krs") != std::string::npos);
  CHECK(text.find("CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:urn:yhteisaika:room:sali-a") !=
        std::string::npos);

  auto feed = r.service->feeds().feed(secret);
  REQUIRE(feed.has_value());
  CHECK((*feed)->text.find("X-WR-CALNAME:Yhteisaika – Huone sali-a") != std::string::npos);
  CHECK((*feed)->text.find("meeting-" + std::to_string(booked->id.value) + "@yhteisaika.local") != std::string::npos);
  CHECK((*feed)->text.find("X-YHTEISAIKA-HOLE") == std::string::npos);  // a room keeps no hole

  SECTION("a meeting in another room is not in it, and a cancel shows at once") {
    r.add("sali-b", 6);
    service::SolveInput others;
    others.required = {kPsychologist, kNurse};
    others.rooms = {RoomId{"sali-b"}};
    auto elsewhere = r.book(others, "YA-2026-0304");
    REQUIRE(elsewhere.has_value());
    REQUIRE(r.service->booking().cancel(booked->id, kCoordinator).has_value());
    auto again = r.service->feeds().feed(secret);
    REQUIRE(again.has_value());
    CHECK((*again)->text.find("meeting-" + std::to_string(elsewhere->id.value) + "@") == std::string::npos);
    CHECK((*again)->text.find("STATUS:CANCELLED") != std::string::npos);
  }
  SECTION("a rotated secret stops the old feed URL") {
    auto rotated = r.service->rooms().rotate_feed_secret(RoomId{"sali-a"}, kAdmin);
    REQUIRE(rotated.has_value());
    CHECK(r.service->feeds().feed(secret).error().code == service::Errc::not_found);
    CHECK(r.service->feeds().feed(*rotated).has_value());
  }
}

TEST_CASE("a rescheduled meeting keeps its room, at a time the room is free", "[service][rooms][reschedule]") {
  Rooms r;
  r.add("sali-a", 6);
  auto booked = r.book(r.two({RoomId{"sali-a"}}));
  REQUIRE(booked.has_value());
  auto moved = r.service->booking().reschedule(booked->id, {}, kCoordinator);
  REQUIRE(moved.has_value());
  CHECK(moved->room == booked->room);
  CHECK_FALSE(moved->when.overlaps(booked->when));
}

namespace {

// Another coordinator books the same room for other people just before each
// of our writes, while `races` lasts.
class RoomRacingStore final : public test::ForwardingStore {
 public:
  RoomRacingStore(std::unique_ptr<store::Store> inner, std::shared_ptr<std::atomic<int>> races)
      : ForwardingStore(std::move(inner)), races_(std::move(races)) {}
  std::vector<Result<store::Meeting>> book_meetings(const std::vector<store::BookingRequest>& requests) override {
    const auto& ours = requests.front().meeting;
    if (ours.case_ref.value != "YA-2026-0999" && ours.room && races_->fetch_sub(1) > 0) {
      store::NewMeeting rival;
      rival.case_ref = CaseRef{"YA-2026-0999"};
      rival.when = ours.when;
      rival.room = ours.room;
      rival.attendees = {{kFamily, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt}};
      rival.requested_at = kMonday;
      store::Case record;
      record.ref = rival.case_ref;
      record.coordinator = kFamily;
      record.identified_on = std::chrono::year{2026} / 11 / 23;
      rival.case_record = record;
      auto booked = inner().book_meetings({{rival, {"Toinen koordinaattori", kMonday}}});
      if (!booked.front()) failed = booked.front().error().to_string();
    }
    return ForwardingStore::book_meetings(requests);
  }
  inline static std::string failed;

 private:
  std::shared_ptr<std::atomic<int>> races_;
};

}  // namespace

TEST_CASE("a room taken by a racing booking is not given to another: the booking retries",
          "[service][rooms][retry]") {
  auto races = std::make_shared<std::atomic<int>>(0);
  test::ScratchTeam shared;  // only its database: the racing store wraps it
  auto db = shared.seams({}).open_store;
  Rooms r([db, races]() -> Result<std::unique_ptr<store::Store>> {
    auto inner = db();
    if (!inner) return inner.error();
    return std::unique_ptr<store::Store>(std::make_unique<RoomRacingStore>(std::move(*inner), races));
  });
  r.add("sali-a", 6);
  const time::Interval first = r.slot(r.two({RoomId{"sali-a"}}));
  races->store(1);
  auto booked = r.book(r.two({RoomId{"sali-a"}}));
  INFO(RoomRacingStore::failed);
  REQUIRE(booked.has_value());
  CHECK(RoomRacingStore::failed.empty());
  CHECK_FALSE(booked->when.overlaps(first));  // the rival holds the room then
  CHECK(booked->room == std::optional<RoomId>{RoomId{"sali-a"}});
}

TEST_CASE("bookings racing on threads for one room never share it", "[service][rooms][retry]") {
  Rooms r;
  r.add("sali-a", 10);
  // Pairs of different people, all wanting the one room.
  const std::vector<std::vector<ParticipantId>> pairs{
      {kDoctor, kSocial}, {kPsychologist, kNurse}, {kFamily, kRehab}, {kDoctor}, {kPsychologist}, {kFamily}};
  std::vector<Result<store::Meeting>> results(pairs.size(), Error{service::Errc::no_slot, "not run", {}});
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      threads.emplace_back([&, i] {
        service::SolveInput in;
        in.required = pairs[i];
        in.rooms = {RoomId{"sali-a"}};
        results[i] = r.book(in, "YA-2026-04" + std::to_string(10 + i));
      });
    }
  }
  std::vector<time::Interval> taken;
  for (const auto& res : results) {
    if (!res) {
      CHECK(res.error().code == service::Errc::no_slot);  // lost every race: never double-booked
      continue;
    }
    CHECK(res->room == std::optional<RoomId>{RoomId{"sali-a"}});
    for (const auto& t : taken) CHECK_FALSE(t.overlaps(res->when));
    taken.push_back(res->when);
  }
  CHECK(taken.size() >= 1);
}

TEST_CASE("rooms are kept by admins: created with a feed secret, changed, deleted unless booked",
          "[service][rooms][directory]") {
  Rooms r;
  CHECK(r.service->rooms().create(room("x", 6, "https://user:pw@rooms.example/x.ics"), kAdmin).error().where.field ==
        "calendar_source");
  r.add("sali-a", 6);
  CHECK(r.service->rooms().create(room("sali-a", 6, "sali-a"), kAdmin).error().code == store::Errc::already_exists);
  auto changed = room("sali-a", 12, "sali-a");
  changed.name = "Iso sali";
  REQUIRE(r.service->rooms().update(changed, kAdmin).has_value());
  CHECK(r.service->rooms().room(RoomId{"sali-a"})->capacity == 12);
  auto booked = r.book(r.two({RoomId{"sali-a"}}));
  REQUIRE(booked.has_value());
  CHECK(r.service->rooms().remove(RoomId{"sali-a"}, kAdmin).error().code == store::Errc::conflict);
  REQUIRE(r.service->booking().cancel(booked->id, kCoordinator).has_value());
  auto removed = r.service->rooms().remove(RoomId{"sali-a"}, kAdmin);
  REQUIRE(removed.has_value());
  CHECK(removed->name == "Iso sali");
  CHECK(r.service->rooms().list()->empty());
}

TEST_CASE("a room's key in the busy index can never be a professional's id", "[service][rooms]") {
  CHECK(service::room_key(RoomId{"sali-a"}).value == "room sali-a");
  CHECK(service::room_of_key(service::room_key(RoomId{"sali-a"})) == std::optional<RoomId>{RoomId{"sali-a"}});
  CHECK_FALSE(service::room_of_key(ParticipantId{"laakari-korhonen"}).has_value());
}
