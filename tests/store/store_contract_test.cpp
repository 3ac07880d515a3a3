// The Store contract (store.hpp), run against every implementation: SQLite and
// memory (contract.hpp). SQLite's own behaviour (files, WAL, migrations, opening
// modes, its error texts) is tested in sqlite_store_test.cpp.
#include "contract.hpp"

#include <yhteisaika/store/sha256.hpp>

#include <algorithm>
#include <latch>
#include <thread>

using namespace contract;
using namespace std::chrono_literals;
using store::AttendeeRole;
using store::Errc;
using store::MeetingStatus;

TEMPLATE_TEST_CASE("a new handle sees what another committed", "[store][contract]", Sqlite, Memory) {
  TestType db;
  {
    auto s = db.open();
    seed(*s);
  }
  auto again = db.open();
  auto doctor = again->professional(kDoctor);
  REQUIRE(doctor.has_value());
  CHECK(doctor->email == "laakari-virtanen@example.fi");
  CHECK(again->professionals()->size() == 3);
}

TEMPLATE_TEST_CASE("a booked meeting reads back as it was booked", "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  store::NewMeeting m = meeting_at({at(9), at(10)}, {kDoctor, kSocial});
  m.attendees[1].role = AttendeeRole::optional;
  auto booked = book(*s, m);
  REQUIRE(booked.has_value());
  CHECK(booked->status == MeetingStatus::scheduled);
  CHECK(booked->sequence == 0);
  CHECK(booked->when == Interval{at(9), at(10)});
  CHECK(booked->created_at == kChange.at);
  CHECK(booked->requested_at == at(6));
  CHECK(booked->in_hole);
  CHECK(booked->location == "Room 2");
  CHECK(booked->attendees == m.attendees);

  auto read = s->meeting(booked->id);
  REQUIRE(read.has_value());
  CHECK(*read == *booked);
  auto for_case = s->meetings_for_case(kCase);
  REQUIRE(for_case.has_value());
  REQUIRE(for_case->size() == 1);
  CHECK(for_case->front() == *booked);
  CHECK(s->case_by_ref(kCase)->identified_on == std::chrono::year{2026} / 11 / 20);
  CHECK(s->meeting(store::MeetingId{999}).error().code == Errc::not_found);
}

TEMPLATE_TEST_CASE("an overlapping booking for a shared required attendee is refused and writes nothing",
                   "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  REQUIRE((book(*s, {at(9), at(10)}, {kDoctor, kSocial})).has_value());
  auto clash = book(*s, {at(9, 30), at(10, 30)}, {kTherapist, kDoctor});
  REQUIRE_FALSE(clash.has_value());
  CHECK(clash.error().code == Errc::slot_taken);
  CHECK(clash.error().where == Location::at_field("attendees[1]"));
  CHECK(s->meetings_for_case(kCase)->size() == 1);
  CHECK(busy_of(*s, kTherapist, kAllTime).empty());
  CHECK(audit_after_seed(*s).size() == 1);
}

TEMPLATE_TEST_CASE("an optional attendee never blocks a booking, which is busy for them afterwards",
                   "[store][contract][booking][issue-10]", Sqlite, Memory) {
  // The re-check covered optional attendees too, so a slot the solver offered
  // (with the optional attendee in optional_busy) was refused as slot_taken.
  TestType db;
  auto s = db.open();
  seed(*s);
  auto first = *book(*s, {at(9), at(10)}, {kDoctor, kSocial});

  store::NewMeeting second = meeting_at({at(9, 30), at(10, 30)}, {kTherapist, kSocial});
  second.attendees[1].role = AttendeeRole::optional;
  auto booked = book(*s, second);
  REQUIRE(booked.has_value());  // kSocial is double-booked by choice
  CHECK(booked->attendees == second.attendees);
  CHECK(busy_of(*s, kSocial, kAllTime) == std::vector<Interval>{{at(9), at(10, 30)}});
  CHECK(s->meetings_in(kAllTime, kSocial)->size() == 2);

  SECTION("their optional attendance blocks a booking that requires them") {
    auto clash = book(*s, {at(10), at(11)}, {kSocial});
    REQUIRE_FALSE(clash.has_value());
    CHECK(clash.error().code == Errc::slot_taken);
    CHECK_THAT(clash.error().message, Catch::Contains("meeting " + std::to_string(booked->id.value)));
  }
  SECTION("a meeting that requires them cannot move onto their optional attendance") {
    auto refused = s->reschedule_meeting(first.id, {at(10), at(11)}, false, kChange);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::slot_taken);
    CHECK(*s->meeting(first.id) == first);
  }
  SECTION("a meeting where they are optional moves over their other meetings") {
    auto moved = s->reschedule_meeting(booked->id, {at(9), at(10)}, false, kChange);
    REQUIRE(moved.has_value());
    CHECK(moved->when == Interval{at(9), at(10)});
  }
  SECTION("an import re-checks its required attendees only") {
    store::ImportedMeeting old{meeting_at({at(10), at(11)}, {kDoctor, kSocial}), MeetingStatus::scheduled, 0, at(1)};
    old.meeting.attendees[1].role = AttendeeRole::optional;
    CHECK(s->import_meetings({old}, kChange).has_value());
    store::ImportedMeeting required{meeting_at({at(10), at(11)}, {kSocial}), MeetingStatus::scheduled, 0, at(1)};
    CHECK(s->import_meetings({required}, kChange).error().code == Errc::slot_taken);
  }
}

TEMPLATE_TEST_CASE("slot_taken names every required attendee who is already booked, comma-separated",
                   "[store][contract][booking][issue-10]", Sqlite, Memory) {
  // The store named only the first clashing attendee.
  TestType db;
  auto s = db.open();
  seed(*s);
  auto first = *book(*s, {at(9), at(10)}, {kDoctor, kSocial});
  auto clash = book(*s, {at(9, 30), at(10, 30)}, {kTherapist, kDoctor, kSocial});
  REQUIRE_FALSE(clash.has_value());
  CHECK(clash.error().code == Errc::slot_taken);
  const std::string meeting = " (meeting " + std::to_string(first.id.value) + ")";
  CHECK(clash.error().message ==
        "already booked at that time: laakari-virtanen" + meeting + ", sosiaali-korhonen" + meeting);
  CHECK(clash.error().where == Location::at_field("attendees[1]"));
}

TEMPLATE_TEST_CASE("meetings that only touch do not overlap", "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  REQUIRE((book(*s, {at(9), at(10)}, {kDoctor})).has_value());
  REQUIRE((book(*s, {at(10), at(11)}, {kDoctor})).has_value());
  REQUIRE((book(*s, {at(8), at(9)}, {kDoctor})).has_value());
  CHECK(busy_of(*s, kDoctor, kAllTime) == std::vector<Interval>{{at(8), at(11)}});
}

TEMPLATE_TEST_CASE("invalid bookings are refused with the field named", "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  struct Case {
    const char* what;
    store::NewMeeting meeting;
    const char* where;
  };
  store::NewMeeting twice = meeting_at({at(9), at(10)}, {kDoctor, kDoctor});
  store::NewMeeting no_case = meeting_at({at(9), at(10)}, {kDoctor});
  no_case.case_ref = CaseRef{"YA-2026-9999"};
  no_case.case_record.reset();
  const Case cases[] = {
      {"an empty interval", meeting_at({at(10), at(10)}, {kDoctor}), "when"},
      {"an interval that ends before it starts", meeting_at({at(10), at(9)}, {kDoctor}), "when"},
      {"no attendees", meeting_at({at(9), at(10)}, {}), "attendees"},
      {"an attendee twice", twice, "attendees[1]"},
      {"an unknown professional", meeting_at({at(9), at(10)}, {kDoctor, ParticipantId{"nobody"}}), "attendees[1]"},
      {"an unknown case", no_case, "case_ref"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto refused = book(*s, c.meeting);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::invalid_argument);
    CHECK(refused.error().where == Location::at_field(c.where));
  }
  CHECK(s->meetings_for_case(kCase)->empty());
}

TEMPLATE_TEST_CASE("cancelling a meeting frees its time", "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto first = book(*s, {at(9), at(10)}, {kDoctor, kSocial});
  REQUIRE(first.has_value());
  auto cancelled = s->cancel_meeting(first->id, kChange);
  REQUIRE(cancelled.has_value());
  CHECK(cancelled->status == MeetingStatus::cancelled);
  CHECK(cancelled->sequence == 1);
  CHECK(busy_of(*s, kDoctor, kAllTime).empty());
  CHECK(book(*s, {at(9), at(10)}, {kDoctor}).has_value());
  CHECK(s->cancel_meeting(first->id, kChange).error().code == Errc::not_scheduled);
  CHECK(s->reschedule_meeting(first->id, {at(12), at(13)}, false, kChange).error().code == Errc::not_scheduled);
  CHECK(s->cancel_meeting(store::MeetingId{999}, kChange).error().code == Errc::not_found);
}

TEMPLATE_TEST_CASE("rescheduling raises the sequence and re-checks the new slot", "[store][contract][booking]", Sqlite,
                   Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto a = book(*s, {at(9), at(10)}, {kDoctor, kSocial});
  auto b = book(*s, {at(11), at(12)}, {kSocial, kTherapist});
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());

  SECTION("to a free slot") {
    auto moved = s->reschedule_meeting(a->id, {at(10), at(11)}, false, kChange);
    REQUIRE(moved.has_value());
    CHECK(moved->sequence == 1);
    CHECK_FALSE(moved->in_hole);  // booked in the hole, moved out of it
    CHECK(moved->when == Interval{at(10), at(11)});
    CHECK(busy_of(*s, kSocial, kAllTime) == std::vector<Interval>{{at(10), at(12)}});
  }
  SECTION("to a slot overlapping its own old time") {
    auto moved = s->reschedule_meeting(a->id, {at(9, 30), at(10, 30)}, false, kChange);
    REQUIRE(moved.has_value());
    CHECK(moved->sequence == 1);
  }
  SECTION("to a taken slot, which leaves the meeting as it was") {
    auto refused = s->reschedule_meeting(a->id, {at(11, 30), at(12, 30)}, false, kChange);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::slot_taken);
    CHECK(*s->meeting(a->id) == *a);
  }
  SECTION("to an empty interval") {
    CHECK(s->reschedule_meeting(a->id, {at(11), at(11)}, false, kChange).error().code == Errc::invalid_argument);
  }
}

TEMPLATE_TEST_CASE("bookings count as busy, clipped to the window, sorted and merged per professional",
                   "[store][contract][busy]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  REQUIRE((book(*s, {at(13), at(14)}, {kDoctor})).has_value());
  REQUIRE((book(*s, {at(8), at(9, 30)}, {kDoctor, kSocial})).has_value());
  REQUIRE((book(*s, {at(9, 30), at(10)}, {kDoctor})).has_value());
  auto cancelled = book(*s, {at(11), at(12)}, {kTherapist});
  REQUIRE((s->cancel_meeting(cancelled->id, kChange)).has_value());

  auto busy = s->busy_from_bookings(Interval{at(9), at(13, 30)});
  REQUIRE(busy.has_value());
  CHECK(busy->size() == 2);
  CHECK(busy->at(kDoctor) == std::vector<Interval>{{at(9), at(10)}, {at(13), at(13, 30)}});
  CHECK(busy->at(kSocial) == std::vector<Interval>{{at(9), at(9, 30)}});
  CHECK_FALSE(busy->contains(kTherapist));
}

TEMPLATE_TEST_CASE("an API token is stored only as its hash and verifies by hash", "[store][contract][tokens]", Sqlite,
                   Memory) {
  TestType db;
  auto s = db.open();
  auto issued = s->issue_token("coordinator-anna", store::TokenRole::coordinator, kChange);
  REQUIRE(issued.has_value());
  CHECK(issued->secret.size() >= 32);

  std::string stored = db.stored();
  CHECK(stored.find(issued->secret) == std::string::npos);
  CHECK(stored.find(store::sha256_hex(issued->secret)) != std::string::npos);

  auto found = s->verify_token(issued->secret);
  REQUIRE(found.has_value());
  REQUIRE(found->has_value());
  CHECK(**found == issued->token);
  CHECK((*found)->role == store::TokenRole::coordinator);
  CHECK_FALSE(s->verify_token(issued->secret + "x")->has_value());
  CHECK_FALSE(s->verify_token("")->has_value());

  auto admin = s->issue_token("admin", store::TokenRole::admin, kChange);
  REQUIRE(admin.has_value());
  CHECK(admin->secret != issued->secret);
  CHECK((*s->verify_token(admin->secret))->role == store::TokenRole::admin);
}

TEMPLATE_TEST_CASE("rotating a feed secret makes the old one stop matching", "[store][contract][feeds]", Sqlite,
                   Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  CHECK_FALSE(opens_feed(*s, kDoctor, "anything"));
  auto first = s->rotate_feed_secret(kDoctor, kChange);
  REQUIRE(first.has_value());
  CHECK(opens_feed(*s, kDoctor, *first));
  CHECK_FALSE(opens_feed(*s, kSocial, *first));
  CHECK(db.stored().find(*first) == std::string::npos);

  auto second = s->rotate_feed_secret(kDoctor, kChange);
  REQUIRE(second.has_value());
  CHECK_FALSE(opens_feed(*s, kDoctor, *first));
  CHECK(opens_feed(*s, kDoctor, *second));
  CHECK(s->rotate_feed_secret(ParticipantId{"nobody"}, kChange).error().code == Errc::not_found);
}

TEMPLATE_TEST_CASE("a feed secret names its owner until it is rotated", "[store][contract][feeds]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  CHECK_FALSE(s->feed_owner("no-such-secret")->has_value());
  auto first = *s->rotate_feed_secret(kDoctor, kChange);
  CHECK(*s->feed_owner(first) == std::optional<ParticipantId>{kDoctor});
  auto second = *s->rotate_feed_secret(kDoctor, kChange);
  CHECK_FALSE(s->feed_owner(first)->has_value());
  CHECK(*s->feed_owner(second) == std::optional<ParticipantId>{kDoctor});
}

TEMPLATE_TEST_CASE("booking, cancelling and rescheduling each write an audit row", "[store][contract][audit]", Sqlite,
                   Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto m = book(*s, {at(9), at(10)}, {kDoctor});
  REQUIRE(m.has_value());
  REQUIRE((s->reschedule_meeting(m->id, {at(10), at(11)}, false, {"manager", at(8)})).has_value());
  REQUIRE((s->cancel_meeting(m->id, {"admin", at(9)})).has_value());
  REQUIRE_FALSE((s->cancel_meeting(m->id, {"admin", at(9)})).has_value());  // refused: no row

  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 3);
  CHECK(log[0].action == "book");
  CHECK(log[0].actor == "coordinator-token");
  CHECK(log[0].before_json.empty());
  CHECK(log[0].after_json.find("\"sequence\":0") != std::string::npos);
  CHECK(log[1].action == "reschedule");
  CHECK(log[1].actor == "manager");
  CHECK(log[1].before_json.find("2026-11-24T09:00:00Z") != std::string::npos);
  CHECK(log[1].after_json.find("2026-11-24T10:00:00Z") != std::string::npos);
  CHECK(log[2].action == "cancel");
  CHECK(log[2].after_json.find("\"status\":\"cancelled\"") != std::string::npos);
  CHECK(audit_after_seed(*s, {at(8), at(9)}).size() == 1);
}

TEMPLATE_TEST_CASE("creating and updating a professional is audited, and a duplicate id is refused",
                   "[store][contract][audit]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  store::Professional p{ParticipantId{"psykologi-uusi"},
                        "Uusi Psykologi",
                        "psykologi",
                        "Perhekeskus",
                        "uusi@example.fi",
                        "psykologi-uusi"};
  REQUIRE(s->create_professional(p, kChange));
  CHECK(s->create_professional(p, kChange).error().code == Errc::already_exists);
  p.unit = "Lasten ja nuorten palvelut";
  REQUIRE(s->update_professional(p, kChange));
  CHECK(s->professional(p.id)->unit == "Lasten ja nuorten palvelut");
  store::Professional ghost = p;
  ghost.id = ParticipantId{"ghost"};
  CHECK(s->update_professional(ghost, kChange).error().code == Errc::not_found);

  auto log = *s->audit_log(kAllTime);
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "create_professional");
  CHECK(log[1].action == "update_professional");
  CHECK(log[1].before_json.find("Perhekeskus") != std::string::npos);
  CHECK(log[1].after_json.find("Lasten ja nuorten palvelut") != std::string::npos);
}

TEMPLATE_TEST_CASE("issuing a token and rotating a feed secret are audited without the secret",
                   "[store][contract][audit]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto token = s->issue_token("coordinator-anna", store::TokenRole::manager, kChange);
  REQUIRE(token.has_value());
  auto secret = s->rotate_feed_secret(kDoctor, {"admin", at(8)});
  REQUIRE(secret.has_value());
  CHECK(s->issue_token("", store::TokenRole::admin, kChange).error().code == Errc::invalid_argument);

  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "issue_token");
  CHECK(log[0].actor == "coordinator-token");
  CHECK(log[0].after_json.find("\"role\":\"manager\"") != std::string::npos);
  CHECK(log[1].action == "rotate_feed_secret");
  CHECK(log[1].actor == "admin");
  CHECK(log[1].after_json.find(kDoctor.value) != std::string::npos);
  for (const auto& e : log) {
    CHECK(e.after_json.find(token->secret) == std::string::npos);
    CHECK(e.after_json.find(*secret) == std::string::npos);
  }
}

TEMPLATE_TEST_CASE("meetings in a window list every status, or only one professional's", "[store][contract][booking]",
                   Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto morning = *book(*s, {at(9), at(10)}, {kDoctor, kSocial});
  auto noon = *book(*s, {at(12), at(13)}, {kTherapist});
  REQUIRE(s->cancel_meeting(noon.id, {"coordinator-token", at(8)}).has_value());

  auto all = *s->meetings_in({at(0), at(23)});
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == morning.id);
  CHECK(all[1].status == MeetingStatus::cancelled);
  CHECK(all[1].updated_at == at(8));
  CHECK(all[0].attendees.size() == 2);

  auto doctors = *s->meetings_in({at(0), at(23)}, kDoctor);
  REQUIRE(doctors.size() == 1);
  CHECK(doctors[0].id == morning.id);
  CHECK(s->meetings_in({at(10), at(12)})->empty());  // half-open: 10:00 touches, does not overlap
}

TEMPLATE_TEST_CASE("a meeting keeps its title and organizer", "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto m = meeting_at({at(9), at(10)}, {kDoctor});
  m.title = "Aloituspalaveri";
  m.organizer = kSocial;
  auto booked = *book(*s, m);
  auto read = *s->meeting(booked.id);
  CHECK(read.title == "Aloituspalaveri");
  CHECK(read.organizer == std::optional<ParticipantId>{kSocial});
  CHECK(read.updated_at == kChange.at);
}

TEMPLATE_TEST_CASE("a booking may create its case in the same transaction", "[store][contract][booking]", Sqlite,
                   Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  auto m = meeting_at({at(9), at(10)}, {kDoctor});
  m.case_ref = CaseRef{"YA-2026-0100"};
  m.case_record.reset();
  CHECK(book(*s, m).error().code == Errc::invalid_argument);  // no such case yet
  m.case_record = case_record(m.case_ref, kSocial, std::chrono::year{2026} / 11 / 2);
  REQUIRE(book(*s, m).has_value());
  CHECK(s->case_by_ref(m.case_ref)->identified_on == std::chrono::year{2026} / 11 / 2);

  // A refused booking leaves no case behind either.
  auto clash = meeting_at({at(9), at(10)}, {kDoctor});
  clash.case_ref = CaseRef{"YA-2026-0101"};
  clash.case_record = case_record(clash.case_ref, kSocial, std::chrono::year{2026} / 11 / 2);
  CHECK(book(*s, clash).error().code == Errc::slot_taken);
  CHECK(s->case_by_ref(clash.case_ref).error().code == Errc::not_found);
}

TEMPLATE_TEST_CASE("a batch of bookings shares one commit, and each is re-checked after those before it",
                   "[store][contract][booking]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  std::vector<store::BookingRequest> batch{
      {meeting_at({at(9), at(10)}, {kDoctor, kSocial}), kChange},
      {meeting_at({at(9, 30), at(10, 30)}, {kSocial}), kChange},  // clashes with the first
      {meeting_at({at(10), at(11)}, {kSocial, kTherapist}), kChange},
      {meeting_at({at(12), at(12)}, {kTherapist}), kChange},  // empty: refused before the database
  };
  auto answers = s->book_meetings(batch);
  REQUIRE(answers.size() == 4);
  REQUIRE(answers[0].has_value());
  CHECK(answers[1].error().code == Errc::slot_taken);
  REQUIRE(answers[2].has_value());
  CHECK(answers[3].error().code == Errc::invalid_argument);

  // Reopened: exactly the two accepted bookings (and their audit rows) are there.
  s.reset();
  auto reopened = db.open();
  CHECK(busy_of(*reopened, kSocial, kAllTime) == std::vector<Interval>{{at(9), at(11)}});
  auto log = *reopened->audit_log(kAllTime);
  CHECK(std::count_if(log.begin(), log.end(), [](const store::AuditEntry& e) { return e.action == "book"; }) == 2);
}

TEMPLATE_TEST_CASE("an import is all or none", "[store][contract][import]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  store::ImportedMeeting kept{meeting_at({at(9), at(10)}, {kDoctor}), MeetingStatus::scheduled, 2, at(1)};
  store::ImportedMeeting gone{meeting_at({at(11), at(12)}, {kSocial}), MeetingStatus::cancelled, 1, at(2)};
  store::ImportedMeeting clash{meeting_at({at(9, 30), at(10, 30)}, {kDoctor}), MeetingStatus::scheduled, 0, at(3)};

  auto refused = s->import_meetings({kept, gone, clash}, kChange);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::slot_taken);
  CHECK(refused.error().where == Location::at_field("meetings[2].attendees[0]"));
  CHECK(s->meetings_in(kAllTime)->empty());
  CHECK(audit_after_seed(*s).empty());

  auto imported = s->import_meetings({kept, gone}, kChange);
  REQUIRE(imported.has_value());
  REQUIRE(imported->size() == 2);
  CHECK((*imported)[0].sequence == 2);  // SEQUENCE is reschedules, plus one when cancelled
  CHECK((*imported)[0].reschedules == 2);
  CHECK((*imported)[0].created_at == at(1));
  CHECK((*imported)[0].updated_at == at(1));
  CHECK((*imported)[1].status == MeetingStatus::cancelled);
  CHECK((*imported)[1].sequence == 2);
  CHECK(*s->meetings_in(kAllTime) == *imported);
  CHECK(s->mail_notices(10)->empty());  // what was, was told then
  auto log = audit_after_seed(*s);
  REQUIRE(log.size() == 1);
  CHECK(log[0].action == "import_meetings");
  CHECK(log[0].after_json.find("\"count\":2") != std::string::npos);

  store::ImportedMeeting negative = kept;
  negative.reschedules = -1;
  CHECK(s->import_meetings({kept, negative}, kChange).error().where == Location::at_field("meetings[1].reschedules"));
}

TEMPLATE_TEST_CASE("eight connections booking overlapping slots for one attendee never double-book",
                   "[store][contract][concurrency]", Sqlite, Memory) {
  TestType db;
  constexpr int kThreads = 8;
  constexpr int kGroups = 6;
  std::vector<ParticipantId> own;
  {
    auto s = db.open();
    seed(*s);
    for (int t = 0; t < kThreads; ++t) {
      own.push_back(ParticipantId{"p" + std::to_string(t)});
      REQUIRE((s->create_professional({own.back(), "n", "p", "u", "e", "c"}, kSeed)).has_value());
    }
  }
  // Group g: every thread asks for 30 minutes starting 2*t minutes after 08:00 + 90*g
  // minutes, so all eight requests in a group overlap each other and no two groups do.
  auto slot = [](int group, int thread) {
    Instant start = at(8) + std::chrono::minutes{90 * group + 2 * thread};
    return Interval{start, start + 30min};
  };
  std::vector<std::vector<int>> outcome(kThreads, std::vector<int>(kGroups, -1));  // 1 won, 0 slot_taken, 2 other
  std::vector<std::string> other_errors(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto opened = db.try_open();
      start.arrive_and_wait();
      if (!opened) {
        other_errors[t] = opened.error().to_string();
        return;
      }
      for (int g = 0; g < kGroups; ++g) {
        auto r = (*opened)->book_meetings({{meeting_at(slot(g, t), {own[t], kDoctor}), kChange}}).front();
        if (r) {
          outcome[t][g] = 1;
        } else if (r.error().code == Errc::slot_taken) {
          outcome[t][g] = 0;
        } else {
          outcome[t][g] = 2;
          other_errors[t] = r.error().to_string();
        }
      }
    });
  }
  for (auto& th : threads) th.join();

  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(other_errors[t].empty());
  }
  for (int g = 0; g < kGroups; ++g) {
    int winners = 0;
    for (int t = 0; t < kThreads; ++t) winners += outcome[t][g] == 1;
    INFO("group " << g);
    CHECK(winners == 1);
  }
  auto s = db.open();
  auto meetings = s->meetings_for_case(kCase);
  REQUIRE(meetings.has_value());
  CHECK(meetings->size() == kGroups);
  // No two scheduled meetings of the shared attendee overlap.
  for (std::size_t i = 0; i < meetings->size(); ++i) {
    for (std::size_t j = i + 1; j < meetings->size(); ++j) {
      CHECK_FALSE((*meetings)[i].when.overlaps((*meetings)[j].when));
    }
  }
  CHECK(busy_of(*s, kDoctor, kAllTime).size() == kGroups);
}

TEMPLATE_TEST_CASE("a connection sees that another one has committed", "[store][contract]", Sqlite, Memory) {
  TestType db;
  auto reader = db.open();
  auto writer = db.open();
  seed(*writer);
  const auto before = *reader->others_changed();
  CHECK(*reader->others_changed() == before);  // nothing new
  REQUIRE(writer->rotate_feed_secret(kDoctor, kChange).has_value());
  CHECK(*reader->others_changed() != before);
}

TEMPLATE_TEST_CASE("every commit of another connection is seen at once, however many come quickly", "[store][contract]",
                   Sqlite, Memory) {
  // others_changed() skips SQLite while the wal-index header is unchanged; a
  // commit must never hide behind that (feeds would serve a rotated secret).
  TestType db;
  auto reader = db.open();
  auto writer = db.open();
  seed(*writer);
  auto last = *reader->others_changed();
  for (int i = 0; i < 200; ++i) {
    CHECK(*reader->others_changed() == last);
    REQUIRE(writer->rotate_feed_secret(i % 2 ? kDoctor : kSocial, kChange).has_value());
    const auto now = *reader->others_changed();
    CHECK(now != last);
    last = now;
  }
}

TEMPLATE_TEST_CASE("a connection's own commits do not count as another's", "[store][contract]", Sqlite, Memory) {
  TestType db;
  auto s = db.open();
  seed(*s);
  const auto before = *s->others_changed();
  REQUIRE(s->rotate_feed_secret(kDoctor, kChange).has_value());
  REQUIRE(book(*s, {at(9), at(10)}, {kDoctor}).has_value());
  CHECK(*s->others_changed() == before);
}

TEMPLATE_TEST_CASE(
    "a write lock held by another process fails writes as busy after the busy timeout, while reads go on",
    "[store][contract][issue-10]", Sqlite, Memory) {
  // A write that could not get the write lock failed as a generic database
  // error after a fixed 5 s, and nothing said that the database was busy.
  TestType db;
  auto s = db.open();
  seed(*s);
  auto booked = book(*s, {at(9), at(10)}, {kDoctor});
  REQUIRE(booked.has_value());
  auto other = db.open(0ms);

  auto hold = db.hold_write_lock();  // another process holds the write lock
  s->set_busy_timeout(50ms);

  // Reads (also on a connection opened meanwhile) answer; they never need the write lock.
  CHECK(s->meeting(booked->id).has_value());
  CHECK(s->professionals()->size() == 3);
  auto late = db.open(0ms);
  CHECK(busy_of(*late, kDoctor, kAllTime).size() == 1);

  auto refused = book(*s, {at(11), at(12)}, {kSocial});
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::busy);
  CHECK(refused.error().message.find("write lock") != std::string::npos);
  auto batch = other->book_meetings({{meeting_at({at(11), at(12)}, {kSocial}), kChange}});
  CHECK(batch.front().error().code == Errc::busy);
  CHECK(other->cancel_meeting(booked->id, kChange).error().code == Errc::busy);

  hold.reset();
  CHECK(book(*s, {at(11), at(12)}, {kSocial}).has_value());
  CHECK(s->meeting(booked->id)->status == MeetingStatus::scheduled);  // the refused cancel wrote nothing
}
