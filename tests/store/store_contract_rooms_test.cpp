// The Store contract for rooms, case meetings and holds (issue 13), run against
// every implementation (contract.hpp): no two meetings share a room, a held
// meeting blocks like a booking until it is confirmed or expires.
#include "contract.hpp"

#include <latch>
#include <thread>

using namespace contract;
using namespace std::chrono_literals;
using store::Errc;
using store::MeetingStatus;

namespace {

const RoomId kRoom{"neuvotteluhuone-2"};

template <class Db>
std::unique_ptr<Store> seeded(const Db& db) {
  auto s = db.open();
  seed(*s);
  REQUIRE(s->create_room(room(kRoom.value), kSeed).has_value());
  return s;
}

store::NewMeeting in_room(Interval when, std::vector<ParticipantId> ids, std::optional<RoomId> r = kRoom) {
  store::NewMeeting m = meeting_at(when, std::move(ids));
  m.room = std::move(r);
  return m;
}

store::NewMeeting held(Interval when, std::vector<ParticipantId> ids, Instant until) {
  store::NewMeeting m = in_room(when, std::move(ids));
  m.hold_expires_at = until;
  return m;
}

std::vector<std::string> actions(Store& s) {
  std::vector<std::string> out;
  for (const auto& e : audit_after_seed(s)) out.push_back(e.action);
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("rooms are created, read, listed, updated and deleted", "[store][contract][rooms]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  CHECK(*s->room(kRoom) == room(kRoom.value));
  REQUIRE(s->create_room(room("a-huone", 3), kChange).has_value());
  CHECK(s->rooms()->size() == 2);
  CHECK(s->rooms()->front().id == RoomId{"a-huone"});  // by id

  store::Room bigger = room(kRoom.value, 12);
  bigger.calendar_source = "https://example.fi/huone2.ics";
  REQUIRE(s->update_room(bigger, kChange).has_value());
  CHECK(*s->room(kRoom) == bigger);

  CHECK(s->create_room(room(kRoom.value), kChange).error().code == Errc::already_exists);
  CHECK(s->create_room(room("tiny", 0), kChange).error().where.field == "capacity");
  CHECK(s->create_room(room(""), kChange).error().where.field == "id");
  CHECK(s->update_room(room("nowhere"), kChange).error().code == Errc::not_found);
  REQUIRE(s->delete_room(RoomId{"a-huone"}, kChange).has_value());
  CHECK(s->room(RoomId{"a-huone"}).error().code == Errc::not_found);
  CHECK(s->delete_room(RoomId{"a-huone"}, kChange).error().code == Errc::not_found);
  CHECK(actions(*s) == std::vector<std::string>{"create_room", "update_room", "delete_room"});
}

TEMPLATE_TEST_CASE("two meetings never share a room at overlapping times", "[store][contract][rooms]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  auto first = book(*s, in_room({at(9), at(10)}, {kDoctor}));
  REQUIRE(first.has_value());
  CHECK(first->room == std::optional<RoomId>{kRoom});

  // Other people, the same room: refused, and nothing written.
  auto taken = book(*s, in_room({at(9, 30), at(10, 30)}, {kTherapist}));
  REQUIRE_FALSE(taken.has_value());
  CHECK(taken.error().code == Errc::slot_taken);
  CHECK(taken.error().where.field == "room");
  CHECK(taken.error().message.find(kRoom.value) != std::string::npos);
  CHECK(s->meetings_in(kAllTime)->size() == 1);

  CHECK(book(*s, in_room({at(10), at(11)}, {kTherapist})).has_value());  // only touching
  CHECK(book(*s, in_room({at(9), at(10)}, {kTherapist}, std::nullopt)).has_value());  // no room
  REQUIRE(s->cancel_meeting(first->id, kChange).has_value());
  CHECK(book(*s, in_room({at(9), at(10)}, {kSocial})).has_value());  // free again

  // Nor may a move take a room that is taken.
  auto moved = book(*s, in_room({at(12), at(13)}, {kDoctor}));
  REQUIRE(moved.has_value());
  CHECK(s->reschedule_meeting(moved->id, {at(9, 30), at(10, 30)}, false, kChange).error().where.field == "room");
}

TEMPLATE_TEST_CASE("a meeting names a room that exists, or is remote without one", "[store][contract][rooms]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  auto unknown = book(*s, in_room({at(9), at(10)}, {kDoctor}, RoomId{"nowhere"}));
  CHECK(unknown.error().code == Errc::invalid_argument);
  CHECK(unknown.error().where.field == "room");
  store::NewMeeting both = in_room({at(9), at(10)}, {kDoctor});
  both.remote = true;
  CHECK(book(*s, both).error().where.field == "room");
  store::NewMeeting remote = in_room({at(9), at(10)}, {kDoctor}, std::nullopt);
  remote.remote = true;
  auto booked = book(*s, remote);
  REQUIRE(booked.has_value());
  CHECK(s->meeting(booked->id)->remote);
}

TEMPLATE_TEST_CASE("a room with meetings ahead is not deleted", "[store][contract][rooms]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  auto m = book(*s, in_room({at(9), at(10)}, {kDoctor}));
  REQUIRE(m.has_value());
  auto refused = s->delete_room(kRoom, {"admin", at(8)});
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::conflict);
  CHECK(s->room(kRoom).has_value());
  // Once the meeting is over, the room may go; the meeting keeps its id.
  REQUIRE(s->delete_room(kRoom, {"admin", at(10)}).has_value());
  CHECK(s->meeting(m->id)->room == std::optional<RoomId>{kRoom});
}

TEMPLATE_TEST_CASE("eight connections booking one room at overlapping times never double-book it",
                   "[store][contract][rooms][concurrency]", Sqlite, Memory) {
  TestType db;
  constexpr int kThreads = 8;
  std::vector<ParticipantId> own;
  {
    auto s = seeded(db);
    for (int t = 0; t < kThreads; ++t) {
      own.push_back(ParticipantId{"worker-" + std::to_string(t)});
      REQUIRE(s->create_professional({own.back(), "n", "p", "u", "e", "c"}, kSeed).has_value());
    }
  }
  std::vector<int> won(kThreads, 0);
  std::vector<std::string> errors(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto opened = db.try_open();
      start.arrive_and_wait();
      if (!opened) return void(errors[t] = opened.error().to_string());
      const Instant begin = at(9) + std::chrono::minutes{3 * t};  // every two overlap
      auto r = (*opened)->book_meetings({{in_room({begin, begin + 45min}, {own[t]}), kChange}}).front();
      if (r) {
        won[t] = 1;
      } else if (r.error().code != Errc::slot_taken) {
        errors[t] = r.error().to_string();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) CHECK(e.empty());
  CHECK(std::count(won.begin(), won.end(), 1) == 1);
  auto s = db.open();
  CHECK(s->busy_rooms(kAllTime)->at(kRoom).size() == 1);
}

TEMPLATE_TEST_CASE("a held meeting blocks its attendees and its room exactly like a booking",
                   "[store][contract][holds]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  auto hold = book(*s, held({at(9), at(10)}, {kDoctor, kSocial}, at(8)));
  REQUIRE(hold.has_value());
  CHECK(hold->status == MeetingStatus::held);
  CHECK(hold->hold_expires_at == std::optional<Instant>{at(8)});
  CHECK(*s->meeting(hold->id) == *hold);

  auto same_person = book(*s, {at(9, 30), at(10, 30)}, {kDoctor});
  CHECK(same_person.error().code == Errc::slot_taken);
  CHECK(same_person.error().message.find("meeting " + std::to_string(hold->id.value)) != std::string::npos);
  CHECK(book(*s, in_room({at(9, 30), at(10, 30)}, {kTherapist})).error().where.field == "room");
  CHECK(busy_of(*s, kDoctor, kAllTime) == std::vector<Interval>{{at(9), at(10)}});
  CHECK(s->busy_rooms(kAllTime)->at(kRoom) == std::vector<Interval>{{at(9), at(10)}});

  // A hold must last beyond its booking.
  CHECK(book(*s, held({at(11), at(12)}, {kTherapist}, kChange.at)).error().where.field == "hold_expires_at");
  CHECK(actions(*s) == std::vector<std::string>{"book"});
}

TEMPLATE_TEST_CASE("confirming a hold schedules it with SEQUENCE + 1, audited and told", "[store][contract][holds]",
                   Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  auto hold = book(*s, held({at(12), at(13)}, {kDoctor}, at(10)));
  REQUIRE(hold.has_value());
  auto late = s->confirm_hold(hold->id, {"coordinator", at(10)});  // the hold ran out at 10:00
  REQUIRE_FALSE(late.has_value());
  CHECK(late.error().code == Errc::not_held);

  auto confirmed = s->confirm_hold(hold->id, {"coordinator", at(9, 59)});
  REQUIRE(confirmed.has_value());
  CHECK(confirmed->status == MeetingStatus::scheduled);
  CHECK(confirmed->sequence == hold->sequence + 1);
  CHECK(confirmed->hold_expires_at == hold->hold_expires_at);  // it was a hold
  CHECK(confirmed->updated_at == at(9, 59));
  CHECK(s->confirm_hold(hold->id, kChange).error().code == Errc::not_held);
  CHECK(s->release_hold(hold->id, kChange).error().code == Errc::not_held);
  CHECK(s->holds_due(kAllTime.end)->empty());

  CHECK(actions(*s) == std::vector<std::string>{"book", "confirm_hold"});
  auto notices = s->mail_notices(10);
  REQUIRE(notices->size() == 2);
  CHECK(notices->back().sequence == confirmed->sequence);
}

TEMPLATE_TEST_CASE("a hold released or run out frees its time and room and is told", "[store][contract][holds]",
                   Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  auto early = book(*s, held({at(9), at(10)}, {kDoctor}, at(8)));
  auto late = book(*s, held({at(11), at(12)}, {kSocial}, at(8, 30)));
  REQUIRE(early.has_value());
  REQUIRE(late.has_value());
  CHECK(s->expire_hold(early->id, {"expiry", at(7, 59)}).error().code == Errc::conflict);  // not yet

  // Due holds are a query: another connection (a restarted service) sees them alike.
  auto after_restart = db.open();
  auto due = after_restart->holds_due(at(8, 30));
  REQUIRE(due.has_value());
  REQUIRE(due->size() == 2);
  CHECK((*due)[0].id == early->id);
  CHECK((*due)[1].id == late->id);
  CHECK(after_restart->holds_due(at(8))->size() == 1);

  auto expired = after_restart->expire_hold(early->id, {"expiry", at(8)});
  REQUIRE(expired.has_value());
  CHECK(expired->status == MeetingStatus::expired);
  CHECK(expired->sequence == early->sequence + 1);
  auto released = s->release_hold(late->id, {"coordinator", at(7, 50)});  // before its time
  REQUIRE(released.has_value());
  CHECK(released->status == MeetingStatus::expired);
  CHECK(s->holds_due(kAllTime.end)->empty());
  CHECK(s->expire_hold(early->id, {"expiry", at(9)}).error().code == Errc::not_held);
  CHECK(s->cancel_meeting(early->id, kChange).error().code == Errc::not_scheduled);

  CHECK(busy_of(*s, kDoctor, kAllTime).empty());
  CHECK(s->busy_rooms(kAllTime)->empty());
  CHECK(book(*s, in_room({at(9), at(10)}, {kTherapist})).has_value());
  // (The audit log is by time: the release at 07:50 before the expiry at 08:00.)
  CHECK(actions(*s) == std::vector<std::string>{"book", "book", "book", "release_hold", "expire_hold"});
  // Every end of a hold leaves a notice, as a cancel does (the mailer sends CANCEL).
  auto notices = s->mail_notices(10);
  REQUIRE(notices->size() == 5);
  CHECK((*notices)[2].meeting == early->id);
  CHECK((*notices)[3].meeting == late->id);
}

TEMPLATE_TEST_CASE("a case meeting keeps its case, kind and participants with the e-mail it was sent to",
                   "[store][contract][cases][booking]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  auto c = s->create_case(new_case(), kChange);
  REQUIRE(c.has_value());
  REQUIRE(s->add_participant(c->id, participant(cases::ParticipantKind::client, "Asiakas"), kChange).has_value());
  REQUIRE(s->add_participant(c->id, participant(cases::ParticipantKind::close_one, "Äiti", "aiti@example.fi"),
                             kChange)
              .has_value());
  store::NewMeeting m = in_room({at(9), at(10)}, {kSocial, kDoctor});
  m.case_record.reset();
  m.case_ref = CaseRef{};
  m.case_id = c->id;
  m.kind = cases::MeetingKind::joint;
  m.participants = {{"p1", store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt, std::nullopt},
                    {"p2", store::AttendeeRole::optional, "NEEDS-ACTION", "spoofed@example.fi", std::nullopt}};
  auto booked = book(*s, m);
  REQUIRE(booked.has_value());
  CHECK(booked->case_ref == kCase);
  CHECK(booked->case_id == std::optional<store::CaseId>{c->id});
  CHECK(booked->kind == cases::MeetingKind::joint);
  REQUIRE(booked->participants.size() == 2);
  CHECK_FALSE(booked->participants[0].email.has_value());
  CHECK(booked->participants[1].email == std::optional<std::string>{"aiti@example.fi"});  // the case's, as sent
  CHECK(*s->meeting(booked->id) == *booked);
  CHECK(s->meetings_for_case(kCase)->size() == 1);
  CHECK(s->busy_of_case_participants(c->id, kAllTime)->at("p1") == std::vector<Interval>{{at(9), at(10)}});

  // The client cannot be in two meetings at once; an optional close one can.
  store::NewMeeting again = m;
  again.room.reset();
  again.attendees = {{kTherapist, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt}};
  auto clash = book(*s, again);
  CHECK(clash.error().code == Errc::slot_taken);
  CHECK(clash.error().where.field == "participants[0]");
  again.participants.erase(again.participants.begin());
  CHECK(book(*s, again).has_value());

  again.participants = {{"p9", store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt, std::nullopt}};
  CHECK(book(*s, again).error().where.field == "participants[0]");
  again.case_id = store::CaseId{999};
  CHECK(book(*s, again).error().where.field == "case_id");
  // By id and by another case's reference at once: which case is meant?
  again.case_id = c->id;
  again.case_ref = CaseRef{"YA-2026-9999"};
  CHECK(book(*s, again).error().where.field == "case_ref");
}

TEMPLATE_TEST_CASE("a case participant answers as an attendee does", "[store][contract][cases][mail]", Sqlite,
                   Memory) {
  TestType db;
  auto s = seeded(db);
  auto c = s->create_case(new_case(), kChange);
  REQUIRE(c.has_value());
  REQUIRE(s->add_participant(c->id, participant(cases::ParticipantKind::client, "Asiakas", "a@example.fi"), kChange)
              .has_value());
  store::NewMeeting m = held({at(9), at(10)}, {kSocial}, at(8));
  m.case_id = c->id;
  m.participants = {{"p1", store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt, std::nullopt}};
  auto booked = book(*s, m);
  REQUIRE(booked.has_value());
  auto answered = s->record_answer(booked->id, ParticipantId{"p1"}, booked->sequence, "ACCEPTED", "link",
                                   {"answer-link", at(7, 30)});
  REQUIRE(answered.has_value());
  CHECK(*answered == store::AnswerOutcome::applied);
  const auto p1 = s->meeting(booked->id)->participants.front();
  CHECK(p1.partstat == "ACCEPTED");
  CHECK(p1.answered_at == std::optional<Instant>{at(7, 30)});
  CHECK(*s->record_answer(booked->id, ParticipantId{"p2"}, booked->sequence, "ACCEPTED", "link", kChange) ==
        store::AnswerOutcome::not_attendee);
  REQUIRE(s->release_hold(booked->id, kChange).has_value());
  CHECK(*s->record_answer(booked->id, ParticipantId{"p1"}, booked->sequence + 1, "DECLINED", "link", kChange) ==
        store::AnswerOutcome::cancelled);
}

TEMPLATE_TEST_CASE("a room's feed secret opens its feed until rotated, and goes with the room",
                   "[store][contract][rooms][feeds]", Sqlite, Memory) {
  TestType db;
  auto s = seeded(db);
  CHECK(s->rotate_room_feed_secret(RoomId{"no-such-room"}, kChange).error().code == Errc::not_found);
  auto first = s->rotate_room_feed_secret(kRoom, kChange);
  REQUIRE(first.has_value());
  CHECK(*s->room_feed_owner(*first) == std::optional<RoomId>{kRoom});
  CHECK_FALSE(s->feed_owner(*first)->has_value());  // no professional's feed
  CHECK_FALSE(s->room_feed_owner("")->has_value());
  auto second = s->rotate_room_feed_secret(kRoom, kChange);
  REQUIRE(second.has_value());
  CHECK_FALSE(s->room_feed_owner(*first)->has_value());
  CHECK(*s->room_feed_owner(*second) == std::optional<RoomId>{kRoom});
  CHECK(actions(*s).back() == "rotate_room_feed_secret");
  REQUIRE(s->delete_room(kRoom, kChange).has_value());
  CHECK_FALSE(s->room_feed_owner(*second)->has_value());
}
