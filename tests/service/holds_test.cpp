// Holds (service/holds.hpp, issue 13): a held meeting blocks its slot like a
// booking, is confirmed before its hold runs out or refused after, is expired
// by the service with a CANCEL to everyone, and is released by a cancel. Over a
// scratch copy of the demo team with the database in memory, a clock the test
// moves, and a fake mail transport in place of SMTP.
#include <yhteisaika/service/holds.hpp>

#include <yhteisaika/mail/mail_reader.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/errc.hpp>

#include <catch2/catch.hpp>

#include "mailer.hpp"
#include "scratch_team.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace yhteisaika;
using namespace std::chrono_literals;
using test::kMonday;
using test::ScratchTeam;

namespace {

const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};
const ParticipantId kPsychologist{"psykologi-makela"};

// A service on the scratch team whose "now" is `now`.
struct HoldsFixture {
  ScratchTeam scratch;
  time::Instant now = kMonday;
  std::unique_ptr<service::Service> service;

  HoldsFixture() {
    auto opened = service::Service::open(scratch.config(), scratch.seams([this] { return now; }));
    REQUIRE(opened.has_value());
    service = std::move(*opened);
  }

  service::BookInput input(std::vector<ParticipantId> required, std::string case_ref,
                           std::optional<std::chrono::minutes> hold) const {
    service::BookInput in;
    in.solve.required = std::move(required);
    in.solve.duration = 60min;
    in.case_ref = CaseRef{std::move(case_ref)};
    in.coordinator = kSocial;
    in.hold = hold;
    return in;
  }
  store::Meeting held(std::vector<ParticipantId> required, std::string case_ref, std::chrono::minutes hold) {
    auto booked = service->booking().book(input(std::move(required), std::move(case_ref), hold), kCoordinator);
    REQUIRE(booked.has_value());
    REQUIRE(booked->status == store::MeetingStatus::held);
    return *booked;
  }
  // The audit actions of meeting `id`, oldest first.
  std::vector<std::pair<std::string, std::string>> audit() {
    auto log = scratch.store()->audit_log({kMonday - 1h, kMonday + 30 * 24h});
    REQUIRE(log.has_value());
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : *log) out.emplace_back(e.action, e.actor);
    return out;
  }
};

bool has(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("a held meeting blocks its slot for everyone else, exactly as a booking does", "[service][holds]") {
  HoldsFixture f;
  const auto hold = f.held({kDoctor, kSocial}, "YA-2026-0042", 120min);
  CHECK(hold.hold_expires_at == kMonday + 120min);
  CHECK(hold.sequence == 0);

  SECTION("a booking exactly there is refused, naming who is not free") {
    auto in = f.input({kDoctor, kPsychologist}, "YA-2026-0043", std::nullopt);
    in.start = hold.when.start;
    auto refused = f.service->booking().book(in, kCoordinator);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == store::Errc::slot_taken);
    CHECK(has(refused.error().message, "laakari-korhonen"));
  }
  SECTION("the solver goes past it") {
    auto other = f.service->booking().book(f.input({kDoctor, kPsychologist}, "YA-2026-0043", std::nullopt),
                                           kCoordinator);
    REQUIRE(other.has_value());
    CHECK_FALSE(other->when.overlaps(hold.when));
  }
  SECTION("another hold goes past it too") {
    const auto second = f.held({kDoctor}, "YA-2026-0044", 30min);
    CHECK_FALSE(second.when.overlaps(hold.when));
  }
}

TEST_CASE("a hold lasts 1 minute to 14 days, anything else names hold_minutes", "[service][holds]") {
  HoldsFixture f;
  for (auto minutes : {0min, -5min, 20161min}) {
    CAPTURE(minutes.count());
    auto refused = f.service->booking().book(f.input({kDoctor}, "YA-2026-0042", minutes), kCoordinator);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == service::Errc::invalid_value);
    CHECK(refused.error().where.field == "hold_minutes");
  }
  CHECK(f.held({kDoctor}, "YA-2026-0042", 1min).hold_expires_at == kMonday + 1min);
  CHECK(f.held({kSocial}, "YA-2026-0043", 20160min).hold_expires_at == kMonday + 14 * 24h);
  // Nothing was written for the refused ones.
  auto meetings = f.scratch.store()->meetings_for_case(CaseRef{"YA-2026-0042"});
  REQUIRE(meetings.has_value());
  CHECK(meetings->size() == 1);
}

TEST_CASE("a hold confirmed before it runs out is scheduled, SEQUENCE + 1, and its invite says CONFIRMED",
          "[service][holds]") {
  HoldsFixture f;
  const auto hold = f.held({kDoctor, kSocial, kPsychologist}, "YA-2026-0042", 60min);
  auto tentative = f.service->booking().invite(hold.id);
  REQUIRE(tentative.has_value());
  CHECK(tentative->method == "REQUEST");
  CHECK(has(tentative->text, "STATUS:TENTATIVE\r\n"));

  f.now = kMonday + 59min;
  auto confirmed = f.service->holds().confirm(hold.id, kCoordinator);
  REQUIRE(confirmed.has_value());
  CHECK(confirmed->status == store::MeetingStatus::scheduled);
  CHECK(confirmed->sequence == 1);
  CHECK(confirmed->when == hold.when);
  CHECK(confirmed->hold_expires_at == hold.hold_expires_at);  // kept: it was a confirmed hold
  auto invite = f.service->booking().invite(hold.id);
  REQUIRE(invite.has_value());
  CHECK(invite->method == "REQUEST");
  CHECK(has(invite->text, "STATUS:CONFIRMED\r\n"));
  CHECK(has(invite->text, "SEQUENCE:1\r\n"));
  CHECK(f.audit().back() == std::pair<std::string, std::string>{"confirm_hold", "coordinator:Sanna"});

  // The service's own round later leaves it alone.
  f.now = kMonday + 3h;
  CHECK(f.service->housekeeping().run_once(f.now).empty());
  CHECK(f.service->booking().meeting(hold.id)->status == store::MeetingStatus::scheduled);

  SECTION("confirming again is 409 not_held: it is confirmed already") {
    auto again = f.service->holds().confirm(hold.id, kCoordinator);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == store::Errc::not_held);
    CHECK(again.error().message == "meeting " + std::to_string(hold.id.value) + " is confirmed already (scheduled), not held");
  }
}

TEST_CASE("a hold cannot be confirmed once it has run out, whether or not the service expired it yet",
          "[service][holds]") {
  HoldsFixture f;
  const auto hold = f.held({kDoctor, kSocial}, "YA-2026-0042", 60min);
  const std::string expected = "the hold of meeting " + std::to_string(hold.id.value) +
                               " ran out at 2026-11-23T10:00:00+02:00, so it cannot be confirmed: its time is free "
                               "again; book the meeting anew";
  f.now = kMonday + 60min;  // the very end: no longer held

  SECTION("not yet expired") {
    auto late = f.service->holds().confirm(hold.id, kCoordinator);
    REQUIRE_FALSE(late.has_value());
    CHECK(late.error().code == store::Errc::not_held);
    CHECK(late.error().message == expected);
    CHECK(f.service->booking().meeting(hold.id)->status == store::MeetingStatus::held);
  }
  SECTION("expired") {
    REQUIRE(f.service->holds().expire_due(f.now).has_value());
    f.now += 5min;
    auto late = f.service->holds().confirm(hold.id, kCoordinator);
    REQUIRE_FALSE(late.has_value());
    CHECK(late.error().code == store::Errc::not_held);
    CHECK(late.error().message == expected);
  }
  SECTION("released early") {
    f.now = kMonday + 10min;
    REQUIRE(f.service->booking().cancel(hold.id, kCoordinator).has_value());
    auto late = f.service->holds().confirm(hold.id, kCoordinator);
    REQUIRE_FALSE(late.has_value());
    CHECK(late.error().code == store::Errc::not_held);
    CHECK(has(late.error().message, "was released before it was confirmed"));
  }
  SECTION("an unknown meeting is not found") {
    auto none = f.service->holds().confirm(store::MeetingId{999}, kCoordinator);
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == store::Errc::not_found);
  }
}

TEST_CASE("expire_due expires the holds that ran out, frees their time and mails everyone a CANCEL",
          "[service][holds][mail]") {
  HoldsFixture f;
  // The mail: a mailer over the same database, with a fake transport.
  auto pool = service::StorePool::open(f.scratch.seams({}).open_store, 2);
  REQUIRE(pool.has_value());
  std::vector<std::string> sent;  // the calendars mailed
  service::Mailer mailer(
      f.service->config(), f.service->zone(), **pool, [&f] { return f.now; },
      [&](const mailbox::Envelope&, std::string_view message) -> Result<void> {
        // The iTIP object of the message, read back as a calendar client would.
        auto read = mail::read_mail(message);
        REQUIRE(read.has_value());
        REQUIRE(read->calendars.size() == 1);
        sent.push_back(read->calendars.front());
        return {};
      },
      std::nullopt, [](std::string_view, std::string_view, const boost::json::object&) {},
      [] { return std::string(64, 'a'); });

  const auto due = f.held({kDoctor, kSocial, kPsychologist}, "YA-2026-0042", 30min);
  const auto running = f.held({kDoctor, kSocial}, "YA-2026-0043", 120min);
  mailer.run_round();
  const std::string uid = "UID:meeting-" + std::to_string(due.id.value) + "@yhteisaika.local";
  const auto count = [&](std::string_view what) {
    return std::count_if(sent.begin(), sent.end(), [&](const std::string& m) { return has(m, uid) && has(m, what); });
  };
  // Everyone is asked, tentatively.
  CHECK(count("STATUS:TENTATIVE") == 3);
  CHECK(count("METHOD:REQUEST") == 3);

  f.now = kMonday + 45min;
  auto expired = f.service->holds().expire_due(f.now);
  REQUIRE(expired.has_value());
  REQUIRE(expired->size() == 1);
  CHECK(expired->front().id == due.id);
  CHECK(expired->front().status == store::MeetingStatus::expired);
  CHECK(expired->front().sequence == 1);
  CHECK(f.service->booking().meeting(running.id)->status == store::MeetingStatus::held);
  CHECK(f.audit().back() == std::pair<std::string, std::string>{"expire_hold", "service"});
  // Done once: the next round finds nothing.
  CHECK(f.service->holds().expire_due(f.now + 1min)->empty());

  mailer.run_round();
  // Then a CANCEL to each of the three, for the meeting's next SEQUENCE.
  CHECK(count("METHOD:CANCEL") == 3);
  CHECK(count("SEQUENCE:1") == 3);
  CHECK(count("STATUS:CANCELLED") == 3);

  auto invite = f.service->booking().invite(due.id);
  REQUIRE(invite.has_value());
  CHECK(invite->method == "CANCEL");
  CHECK(has(invite->text, "STATUS:CANCELLED\r\n"));

  // Its time is free again: the same people can be booked exactly there.
  auto again = f.input({kDoctor, kPsychologist}, "YA-2026-0044", std::nullopt);
  again.start = due.when.start;
  CHECK(f.service->booking().book(again, kCoordinator).has_value());
}

TEST_CASE("cancelling a held meeting releases it: expired, CANCEL, audited release_hold", "[service][holds]") {
  HoldsFixture f;
  const auto hold = f.held({kDoctor, kSocial}, "YA-2026-0042", 60min);
  f.now = kMonday + 5min;
  auto released = f.service->booking().cancel(hold.id, kCoordinator);
  REQUIRE(released.has_value());
  CHECK(released->status == store::MeetingStatus::expired);
  CHECK(released->sequence == 1);
  CHECK(f.audit().back() == std::pair<std::string, std::string>{"release_hold", "coordinator:Sanna"});
  CHECK(f.service->booking().invite(hold.id)->method == "CANCEL");

  SECTION("cancelling it again is refused as for a cancelled meeting") {
    auto again = f.service->booking().cancel(hold.id, kCoordinator);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == store::Errc::not_scheduled);
  }
  SECTION("the service's own round has nothing left to expire") {
    f.now = kMonday + 2h;
    CHECK(f.service->holds().expire_due(f.now)->empty());
  }
}

TEST_CASE("a held meeting is moved only once confirmed", "[service][holds]") {
  HoldsFixture f;
  const auto hold = f.held({kDoctor, kSocial}, "YA-2026-0042", 60min);
  auto moved = f.service->booking().reschedule(hold.id, {}, kCoordinator);
  REQUIRE_FALSE(moved.has_value());
  CHECK(moved.error().code == store::Errc::not_scheduled);
  CHECK(has(moved.error().message, "is held: confirm it"));
}

TEST_CASE("feeds show a held meeting as TENTATIVE and an expired one as CANCELLED", "[service][holds][feeds]") {
  HoldsFixture f;
  const auto hold = f.held({kDoctor, kSocial}, "YA-2026-0042", 60min);
  auto secret = f.scratch.store()->rotate_feed_secret(kDoctor, {"test", kMonday});
  REQUIRE(secret.has_value());
  const std::string uid = "UID:meeting-" + std::to_string(hold.id.value) + "@yhteisaika.local";
  // The VEVENT of the meeting, from its UID to its end.
  const auto event_of_hold = [&]() -> std::string {
    auto feed = f.service->feeds().feed(*secret);
    REQUIRE(feed.has_value());
    const std::string& text = (*feed)->text;
    const auto at = text.find(uid);
    REQUIRE(at != std::string::npos);
    return text.substr(at, text.find("END:VEVENT", at) - at);
  };
  CHECK(has(event_of_hold(), "STATUS:TENTATIVE"));
  CHECK(has(event_of_hold(), "TRANSP:OPAQUE"));

  f.now = kMonday + 61min;
  REQUIRE(f.service->housekeeping().run_once(f.now).empty());
  CHECK(has(event_of_hold(), "STATUS:CANCELLED"));
  CHECK(has(event_of_hold(), "TRANSP:TRANSPARENT"));
}

TEST_CASE("the service's housekeeping expires holds as its job expire_holds", "[service][holds][housekeeping]") {
  HoldsFixture f;
  CHECK(f.service->housekeeping().jobs() == std::vector<std::string>{"expire_holds", "erase_due_contacts"});
  const auto hold = f.held({kDoctor}, "YA-2026-0042", 10min);
  CHECK(f.service->housekeeping().run_once(kMonday + 9min).empty());
  CHECK(f.service->booking().meeting(hold.id)->status == store::MeetingStatus::held);
  CHECK(f.service->housekeeping().run_once(kMonday + 10min).empty());
  CHECK(f.service->booking().meeting(hold.id)->status == store::MeetingStatus::expired);
}
