// The group commit of bookings (booking_queue.hpp) over a database in memory:
// each request answered as if booked alone, in the order asked.
#include <yhteisaika/service/booking_queue.hpp>

#include <yhteisaika/store/errc.hpp>

#include "../support/memory_database.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <vector>

using namespace yhteisaika;
using namespace std::chrono_literals;

namespace {

// Wednesday 2026-12-02 14:30 in Helsinki.
const time::Instant kHole = std::chrono::sys_days{std::chrono::year{2026} / 12 / 2} + 12h + 30min;
const time::Instant kAsked = kHole - std::chrono::days{7};

// A booking of `case_ref` (a new case) for `who`, `at` for an hour.
store::BookingRequest booking(const char* case_ref, std::vector<const char*> who, time::Instant at) {
  store::BookingRequest r;
  r.meeting.case_ref = CaseRef{case_ref};
  r.meeting.when = {at, at + 1h};
  r.meeting.requested_at = kAsked;
  for (const char* id : who) {
    r.meeting.attendees.push_back({ParticipantId{id}, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt});
  }
  r.meeting.case_record.emplace();
  r.meeting.case_record->ref = CaseRef{case_ref};
  r.meeting.case_record->coordinator = ParticipantId{who.front()};
  r.meeting.case_record->identified_on = 2026y / 11 / 20;
  r.change = {"coordinator:test", kAsked};
  return r;
}

}  // namespace

TEST_CASE("the booking queue answers each request in order, and a refused one writes nothing",
          "[service][booking_queue]") {
  test::ScratchMemoryDatabase db({"laakari", "sosiaali", "psykologi"});
  auto queue = std::make_unique<service::BookingQueue>(db.open(), 5s);
  // Asked one after another without waiting, so that they may share commits.
  std::vector<std::future<Result<store::Meeting>>> answers;
  answers.push_back(queue->submit(booking("YA-1", {"laakari"}, kHole)));
  answers.push_back(queue->submit(booking("YA-2", {"laakari", "sosiaali"}, kHole + 30min)));  // overlaps YA-1
  answers.push_back(queue->submit(booking("YA-3", {"sosiaali"}, kHole)));  // free: YA-2 was refused
  answers.push_back(queue->submit(booking("YA-4", {"psykologi", "tuntematon"}, kHole)));  // no such professional
  answers.push_back(queue->submit(booking("YA-5", {"psykologi"}, kHole)));
  std::vector<Result<store::Meeting>> got;
  for (auto& a : answers) got.push_back(a.get());

  REQUIRE(got[0].has_value());
  CHECK(got[0]->case_ref.value == "YA-1");
  CHECK(got[0]->when.start == kHole);
  REQUIRE_FALSE(got[1].has_value());
  CHECK(got[1].error().code == store::Errc::slot_taken);  // the earlier request won
  REQUIRE(got[2].has_value());
  CHECK(got[2]->case_ref.value == "YA-3");
  REQUIRE_FALSE(got[3].has_value());
  CHECK(got[3].error().code == store::Errc::invalid_argument);
  REQUIRE(got[4].has_value());
  CHECK(got[4]->case_ref.value == "YA-5");
  CHECK(got[0]->id.value < got[2]->id.value);
  CHECK(got[2]->id.value < got[4]->id.value);

  queue.reset();
  auto store = db.open();
  for (const char* refused : {"YA-2", "YA-4"}) {
    INFO(refused << " was refused: no meeting, no case");
    CHECK(store->meetings_for_case(CaseRef{refused})->empty());
    CHECK(store->case_by_ref(CaseRef{refused}).error().code == store::Errc::not_found);
  }
  CHECK(store->meetings_in({kHole - 1h, kHole + 2h})->size() == 3);
  CHECK(store->mail_notices(100)->size() == 3);  // one notice per booking written, none for the refused
  const auto audit = *store->audit_log({kAsked - 1h, kAsked + 1h});
  CHECK(std::count_if(audit.begin(), audit.end(), [](const auto& e) { return e.action == "book"; }) == 3);
}

TEST_CASE("stopping the booking queue finishes every booking queued before", "[service][booking_queue]") {
  test::ScratchMemoryDatabase db({"laakari"});
  constexpr int kQueued = 20;
  auto queue = std::make_unique<service::BookingQueue>(db.open(), 5s);
  std::vector<std::future<Result<store::Meeting>>> answers;
  for (int i = 0; i < kQueued; ++i) {
    const std::string ref = "YA-" + std::to_string(100 + i);
    answers.push_back(queue->submit(booking(ref.c_str(), {"laakari"}, kHole + i * 1h)));
  }
  queue.reset();  // at once: most are still queued
  for (auto& a : answers) {
    REQUIRE(a.wait_for(0s) == std::future_status::ready);  // answered, not abandoned
    CHECK(a.get().has_value());
  }
  CHECK(db.open()->meetings_in({kHole, kHole + kQueued * 1h})->size() == kQueued);
}
