// Service::open over its seams (seams.hpp): what a test passes in is what the
// service uses, in place of SQLite at db_path and of SMTP.
#include <yhteisaika/service/seams.hpp>

#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/sqlite_store.hpp>

#include <catch2/catch.hpp>

#include "scratch_team.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace yhteisaika;
using test::kMonday;
using test::ScratchTeam;

TEST_CASE("the service opens every connection through the store factory", "[service][seams]") {
  ScratchTeam scratch;
  config::Config config = scratch.config();
  config.db_path = (scratch.dir / "never-opened.db").string();
  const std::string elsewhere = (scratch.dir / "elsewhere.db").string();
  auto calls = std::make_shared<std::atomic<int>>(0);
  service::Seams seams;
  seams.clock = [] { return kMonday; };
  seams.open_store = [calls, real = service::sqlite_store_at(elsewhere, store::kDefaultBusyTimeout)] {
    ++*calls;
    return real();
  };
  auto opened = service::Service::open(config, std::move(seams));
  REQUIRE(opened.has_value());
  auto& s = **opened;
  CHECK(s.directory().professionals()->size() == 10);  // imported there
  CHECK(*calls >= 4);  // the pool (at least two), the booking queue's and the feeds' own
  CHECK_FALSE(std::filesystem::exists(config.db_path));
  CHECK((*store::open_sqlite_store(elsewhere))->professionals()->size() == 10);
}

TEST_CASE("invites are mailed through the mail transport seam, also without smtp_url", "[service][seams][mail]") {
  ScratchTeam scratch;
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<std::string> recipients;
  service::Seams seams = scratch.seams([] { return kMonday; });
  seams.send_mail = [&](const mailbox::Envelope& envelope, std::string_view message) -> Result<void> {
    CHECK(message.find("text/calendar; method=REQUEST") != std::string_view::npos);
    std::lock_guard lock(mutex);
    recipients.insert(recipients.end(), envelope.to.begin(), envelope.to.end());
    arrived.notify_all();
    return {};
  };
  auto opened = service::Service::open(scratch.config(), std::move(seams));
  REQUIRE(opened.has_value());
  auto& s = **opened;
  s.mail().start("http://yhteisaika.test");

  service::BookInput in;
  in.solve.required = {ParticipantId{"laakari-korhonen"}, ParticipantId{"psykologi-makela"}};
  in.case_ref = CaseRef{"YA-2026-0042"};
  auto booked = s.booking().book(in, {"Sanna", store::TokenRole::coordinator});
  REQUIRE(booked.has_value());
  {
    // The booking wakes the mailer; only a failing test waits the bound.
    std::unique_lock lock(mutex);
    CHECK(arrived.wait_for(lock, std::chrono::seconds{10}, [&] { return recipients.size() >= 2; }));
  }
  opened->reset();  // stops the mailer once the message being sent is recorded
  CHECK(recipients.size() == 2);  // the two attendees, no one twice
  auto sent = scratch.store()->outbox(store::MailStatus::sent, 10);
  REQUIRE(sent.has_value());
  CHECK(sent->size() == 2);
}
