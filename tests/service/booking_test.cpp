// Booking's one retry rule (Booking::place in booking.cpp): when another
// coordinator's booking takes the solver's slot between the solve and the write,
// the store refuses the write (slot_taken) and the booking solves again, now
// seeing that booking, and takes the next slot; a fixed start is refused at
// once; after kBookingAttempts lost races the answer is no_slot. The race is
// staged by a store that books a rival meeting just before the write, with the
// database in memory and a fixed clock.
#include <yhteisaika/service/booking.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/errc.hpp>

#include "../support/forwarding_store.hpp"
#include "../support/memory_database.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace yhteisaika;
using namespace std::chrono_literals;

namespace {

// Monday 2026-11-23 09:00 in Helsinki.
const time::Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;
const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};
const ParticipantId kPsychologist{"psykologi-makela"};

// Another coordinator, racing: while `races` is above zero, each write of a
// booking or a reschedule is preceded by a rival booking of the same people at
// the same time, committed first. Counts the writes it saw.
struct Rival {
  std::atomic<int> races{0};
  std::atomic<int> writes{0};

  void take(store::Store& db, time::Interval when, std::vector<store::Attendee> attendees) {
    ++writes;
    if (races <= 0) return;
    --races;
    store::NewMeeting rival;
    rival.case_ref = CaseRef{"YA-2026-0999"};
    rival.when = when;
    rival.attendees = std::move(attendees);
    rival.requested_at = kNow;
    store::Case record;
    record.ref = rival.case_ref;
    record.coordinator = kSocial;
    record.identified_on = std::chrono::year{2026} / 11 / 23;
    rival.case_record = record;
    auto booked = db.book_meetings({{rival, {"Toinen koordinaattori", kNow}}});
    // On the booking queue's thread: the test checks the rivals' meetings after.
    if (!booked.front()) failed = booked.front().error().to_string();
  }
  std::string failed;  // why a rival booking failed, if one did
};

class RacingStore final : public test::ForwardingStore {
 public:
  RacingStore(std::unique_ptr<store::Store> inner, std::shared_ptr<Rival> rival)
      : ForwardingStore(std::move(inner)), rival_(std::move(rival)) {}

  std::vector<Result<store::Meeting>> book_meetings(const std::vector<store::BookingRequest>& requests) override {
    if (requests.front().meeting.case_ref.value != "YA-2026-0999") {
      rival_->take(inner(), requests.front().meeting.when, requests.front().meeting.attendees);
    }
    return ForwardingStore::book_meetings(requests);
  }
  Result<store::Meeting> reschedule_meeting(store::MeetingId id, time::Interval when, bool in_hole,
                                            const store::Change& change,
                                            const std::vector<ParticipantId>& remove) override {
    auto current = inner().meeting(id);
    REQUIRE(current.has_value());
    rival_->take(inner(), when, current->attendees);
    return ForwardingStore::reschedule_meeting(id, when, in_hole, change, remove);
  }

 private:
  std::shared_ptr<Rival> rival_;
};

struct Racing {
  std::shared_ptr<Rival> rival = std::make_shared<Rival>();
  std::unique_ptr<service::Service> service;

  Racing() {
    config::Config config;
    config.calendars_dir = std::string(YHTEISAIKA_SOURCE_DIR) + "/calendars";  // only read
    auto db = test::memory_store_of(std::make_shared<store::MemoryDatabase>());
    auto opened = service::Service::open(
        config, {.clock = [] { return kNow; },
                 .open_store = [db, rival = rival]() -> Result<std::unique_ptr<store::Store>> {
                   auto inner = db();
                   if (!inner) return inner.error();
                   return std::unique_ptr<store::Store>(std::make_unique<RacingStore>(std::move(*inner), rival));
                 }});
    REQUIRE(opened.has_value());
    service = std::move(*opened);
  }
  service::Booking& booking() { return service->booking(); }
  // Where the solver would put `in` now.
  time::Interval solved(const service::BookInput& in) {
    auto answer = booking().solve(in.solve);
    REQUIRE(answer.has_value());
    REQUIRE(answer->answer.chosen.has_value());
    return answer->answer.chosen->time;
  }
  std::vector<store::Meeting> rivals() {
    INFO(rival->failed);
    CHECK(rival->failed.empty());
    auto found = booking().meetings(CaseRef{"YA-2026-0999"}, {kNow, kNow + std::chrono::days{120}});
    REQUIRE(found.has_value());
    return *found;
  }
};

service::BookInput team_meeting(const char* case_ref = "YA-2026-0042") {
  service::BookInput in;
  in.solve.required = {kDoctor, kSocial, kPsychologist};
  in.solve.duration = 60min;
  in.case_ref = CaseRef{case_ref};
  return in;
}

}  // namespace

TEST_CASE("a booking that loses the race for its slot solves again once and takes the next slot",
          "[service][booking][retry]") {
  Racing r;
  const auto in = team_meeting();
  const time::Interval first = r.solved(in);
  r.rival->races = 1;

  auto booked = r.booking().book(in, kCoordinator);
  REQUIRE(booked.has_value());
  CHECK(r.rival->writes == 2);  // refused once, written at the second try
  const auto rivals = r.rivals();
  REQUIRE(rivals.size() == 1);
  CHECK(rivals.front().when == first);  // the rival holds the slot first solved
  CHECK(booked->when != first);
  CHECK_FALSE(booked->when.overlaps(first));
  // The next slot: where the solver puts the meeting now that the rival holds
  // the first one (with this booking cancelled again, so that it does not count).
  REQUIRE(r.booking().cancel(booked->id, kCoordinator).has_value());
  CHECK(r.solved(in) == booked->when);
}

TEST_CASE("a booking at a fixed start that loses the race is refused at once, naming who is not free",
          "[service][booking][retry]") {
  Racing r;
  auto in = team_meeting();
  in.start = r.solved(in).start;
  r.rival->races = 1;

  auto booked = r.booking().book(in, kCoordinator);
  REQUIRE_FALSE(booked.has_value());
  CHECK(booked.error().code == store::Errc::slot_taken);
  CHECK(booked.error().message.find(kDoctor.value) != std::string::npos);
  CHECK(r.rival->writes == 1);  // no second try: the start was the coordinator's own choice
  CHECK(r.rivals().size() == 1);
}

TEST_CASE("a booking that loses every race gives up after a bounded number of tries with no_slot",
          "[service][booking][retry]") {
  Racing r;
  r.rival->races = 1000;  // every write is beaten

  auto booked = r.booking().book(team_meeting(), kCoordinator);
  REQUIRE_FALSE(booked.has_value());
  CHECK(booked.error().code == service::Errc::no_slot);
  CHECK(booked.error().message == "other bookings took every fitting slot");
  CHECK(r.rival->writes == 8);  // kBookingAttempts
  const auto rivals = r.rivals();
  CHECK(rivals.size() == 8);  // each try solved again and so aimed at another slot
  for (std::size_t i = 1; i < rivals.size(); ++i) CHECK_FALSE(rivals[i].when.overlaps(rivals[i - 1].when));
  auto ours = r.booking().meetings(CaseRef{"YA-2026-0042"}, {kNow, kNow + std::chrono::days{120}});
  REQUIRE(ours.has_value());
  CHECK(ours->empty());  // nothing of ours was written
}

TEST_CASE("a reschedule that loses the race for its new slot solves again once and takes the next one",
          "[service][booking][retry]") {
  Racing r;
  auto booked = r.booking().book(team_meeting(), kCoordinator);
  REQUIRE(booked.has_value());
  r.rival->writes = 0;
  const auto in = team_meeting("YA-2026-0043");
  const time::Interval first = r.solved(in);  // where a move would go: the booking counts as busy
  r.rival->races = 1;

  auto moved = r.booking().reschedule(booked->id, {}, kCoordinator);
  REQUIRE(moved.has_value());
  CHECK(r.rival->writes == 2);
  const auto rivals = r.rivals();
  REQUIRE(rivals.size() == 1);
  CHECK(rivals.front().when == first);
  CHECK(moved->when.start > first.start);  // the next slot after the one lost
  CHECK_FALSE(moved->when.overlaps(booked->when));
  CHECK(moved->sequence == 1);  // moved once
}
