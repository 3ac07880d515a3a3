// Remote calendars through the whole service, as a coordinator and an admin see
// them: the background refresh (a 100 ms refresh interval) and the fetch before a
// solve of a copy older than max_age, with a fake clock, the fake fetcher and the
// database in memory. The test waits for fetches to begin, never for time to pass.
#include <yhteisaika/service/calendar_sources.hpp>

#include <yhteisaika/service/service.hpp>
#include <yhteisaika/time/work_rules.hpp>

#include "../support/fake_calendar_fetcher.hpp"
#include "../support/memory_database.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <optional>

using namespace yhteisaika;
using namespace std::chrono_literals;

namespace {

// Monday 2026-11-23 09:00 in Helsinki: "now" at the start.
const time::Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;
// The Monday after, 08:00 in Helsinki (06:00 UTC): where the solves look.
const std::chrono::sys_days kMonday = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30};
const ParticipantId kDoctor{"laakari-korhonen"};
const std::string kUrl = "https://cal.example.fi/korhonen.ics";
const service::Actor kAdmin{"Admin", store::TokenRole::admin};

// A calendar busy 08:00-16:00 Helsinki time on the given days after kMonday.
std::string busy_days(std::initializer_list<int> days) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Yhteisaika tests//EN\r\n";
  for (int n : days) {
    const auto day = std::chrono::year_month_day{kMonday + std::chrono::days{n}};
    const auto two = [](unsigned v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    const std::string date = std::to_string(static_cast<int>(day.year())) + two(static_cast<unsigned>(day.month())) +
                             two(static_cast<unsigned>(day.day()));
    out += "BEGIN:VEVENT\r\nUID:busy-" + std::to_string(n) + "@tests\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:" + date +
           "T060000Z\r\nDTEND:" + date + "T140000Z\r\nSUMMARY:Varattu\r\nEND:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

// The service over the demo team (its files only read), the database in memory,
// `fetcher` for remote calendars and `clock` for now.
std::unique_ptr<service::Service> open(config::Config config, std::shared_ptr<std::atomic<time::Instant>> clock,
                                       std::shared_ptr<const sources::CalendarFetcher> fetcher) {
  config.calendars_dir = std::string(YHTEISAIKA_SOURCE_DIR) + "/calendars";
  auto opened = service::Service::open(config, {.clock = [clock] { return clock->load(); },
                                                .open_store = test::new_memory_store(),
                                                .fetcher = std::move(fetcher)});
  REQUIRE(opened.has_value());
  return std::move(*opened);
}

void set_source(service::Service& s, const std::string& source) {
  auto p = s.directory().professional(kDoctor);
  REQUIRE(p.has_value());
  p->calendar_source = source;
  REQUIRE(s.directory().update_professional(*p, kAdmin).has_value());
}

// The doctor's earliest free hour from kMonday 08:00 over five days.
Result<service::Solution> solve_doctor(service::Service& s) {
  service::SolveInput in;
  in.required = {kDoctor};
  in.from = kMonday + 6h;
  in.days = 5;
  in.strategy = solve::Strategy::earliest;
  return s.booking().solve(in);
}

// That hour as the number of days after kMonday (the integration tests' "first
// free day"). On the test's thread only (Catch's assertions are not thread-safe).
int first_free_day(service::Service& s, Result<service::Solution> answer) {
  REQUIRE(answer.has_value());
  REQUIRE(answer->answer.chosen.has_value());
  const auto day = time::local_date(answer->answer.chosen->time.start, s.zone());
  return static_cast<int>((std::chrono::sys_days{day} - kMonday).count());
}
int first_free_day(service::Service& s) { return first_free_day(s, solve_doctor(s)); }

sources::SourceStatus row(service::Service& s) {
  auto all = s.sources().all();
  REQUIRE(all.has_value());
  for (const auto& r : *all) {
    if (r.id == kDoctor) return r;
  }
  FAIL("no sources row of " << kDoctor.value);
  return {};
}

// A source whose last attempt succeeded.
void check_good(const sources::SourceStatus& r) {
  CHECK_FALSE(r.stale);
  CHECK_FALSE(r.unknown);
  CHECK(r.last_error.empty());
  REQUIRE(r.last_success.has_value());
  CHECK(r.last_attempt == r.last_success);
}

}  // namespace

TEST_CASE("the background refresh reads a changed calendar at its interval, conditionally, and solves see it",
          "[service][sources][refresher]") {
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  auto clock = std::make_shared<std::atomic<time::Instant>>(kNow);
  config::Config config;
  config.refresh = 100ms;  // copies stay fresh for max_age, 15 minutes: only the refresh fetches again
  auto s = open(config, clock, fetcher);
  test::ReleaseOnExit release{*fetcher};
  fetcher->serve(kUrl, busy_days({0}));

  // Every fetch waits for the test's word: the first is made at kNow (by the
  // solve, or by a background round the solve then waits for).
  fetcher->hold(kUrl);
  set_source(*s, kUrl);
  auto first = std::async(std::launch::async, [&] { return solve_doctor(*s); });
  REQUIRE(fetcher->started(kUrl, 1));
  *clock = kNow + 1min;  // every later round reads this "now"
  fetcher->hold_after(kUrl, 1);
  CHECK(first_free_day(*s, first.get()) == 1);  // Monday is busy in the remote calendar
  const auto p1 = row(*s);
  check_good(p1);
  CHECK(p1.last_success == kNow);
  CHECK(p1.etag == fetcher->etag(kUrl));

  // The calendar changes; Yhteisaika is not told. A fresh copy is used as is,
  // while the background round's fetch waits.
  fetcher->serve(kUrl, busy_days({0, 1}));
  CHECK(first_free_day(*s) == 1);

  // The background round fetches it without any request, conditionally.
  REQUIRE(fetcher->started(kUrl, 2));
  CHECK(fetcher->requests(kUrl)[1].validators.etag == p1.etag);
  fetcher->hold_after(kUrl, 2);   // that one fetch answers...
  REQUIRE(fetcher->started(kUrl, 3));  // ...and its round ends: the next round's fetch waits
  CHECK(fetcher->requests(kUrl)[1].status == 200);
  const auto p2 = row(*s);
  check_good(p2);
  REQUIRE(p2.last_success.has_value());
  CHECK(*p2.last_success > *p1.last_success);  // the background round read the calendar
  CHECK(p2.etag == fetcher->etag(kUrl));
  CHECK(first_free_day(*s) == 2);  // the change is seen without a refresh request
  CHECK(fetcher->requests(kUrl).size() == 3);  // the solve used the refreshed copy: no fetch of its own
}

TEST_CASE("a background round that cannot read a calendar keeps the last good copy, marked stale, until one can",
          "[service][sources][refresher]") {
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  auto clock = std::make_shared<std::atomic<time::Instant>>(kNow);
  config::Config config;
  config.refresh = 100ms;
  auto s = open(config, clock, fetcher);
  test::ReleaseOnExit release{*fetcher};
  fetcher->serve(kUrl, busy_days({0}));
  fetcher->hold_after(kUrl, 1);  // the first fetch answers; each later one waits for the test
  set_source(*s, kUrl);
  CHECK(first_free_day(*s) == 1);
  const auto good = row(*s);
  check_good(good);

  // The server goes down; the next background round's fetch fails.
  fetcher->stop_serving(kUrl);
  REQUIRE(fetcher->started(kUrl, 2));
  fetcher->hold_after(kUrl, 2);
  REQUIRE(fetcher->started(kUrl, 3));  // that round has ended
  CHECK(fetcher->requests(kUrl)[1].status == 503);
  const auto down = row(*s);
  CHECK(down.stale);
  CHECK_FALSE(down.unknown);
  CHECK(down.last_error.find("503") != std::string::npos);
  CHECK(down.last_success == good.last_success);
  CHECK(first_free_day(*s) == 1);  // the last good copy is still used
  const auto stale = s->booking().stale_calendars({kDoctor});  // and the answer says so
  REQUIRE(stale.size() == 1);
  CHECK(stale.front().last_error.find("503") != std::string::npos);

  // It is back: the next round reads it, and it is no longer stale.
  fetcher->serve(kUrl, busy_days({0, 1}));
  fetcher->hold_after(kUrl, 3);
  REQUIRE(fetcher->started(kUrl, 4));
  CHECK(fetcher->requests(kUrl)[2].status == 200);
  check_good(row(*s));
  CHECK(s->booking().stale_calendars({kDoctor}).empty());
  CHECK(first_free_day(*s) == 2);
}

TEST_CASE("a solve fetches a copy older than max_age first and answers from the new calendar",
          "[service][sources][max_age]") {
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  auto clock = std::make_shared<std::atomic<time::Instant>>(kNow);
  config::Config config;
  config.refresh = 1h;  // no background round within the test
  config.max_age = 1min;
  auto s = open(config, clock, fetcher);
  fetcher->serve(kUrl, busy_days({0}));
  set_source(*s, kUrl);
  CHECK(first_free_day(*s) == 1);
  const auto a1 = row(*s);
  check_good(a1);
  CHECK(fetcher->requests(kUrl).size() == 1);

  fetcher->serve(kUrl, busy_days({0, 1, 2}));
  *clock = kNow + 30s;
  CHECK(first_free_day(*s) == 1);  // a fresh copy is used as is
  CHECK(fetcher->requests(kUrl).size() == 1);  // younger than max_age: not fetched

  *clock = kNow + 61s;
  CHECK(fetcher->requests(kUrl).size() == 1);  // no background round
  CHECK(row(*s).last_success == a1.last_success);
  CHECK(first_free_day(*s) == 3);  // the solve fetched the old copy first, and answered from the new calendar
  CHECK(fetcher->requests(kUrl).size() == 2);
  CHECK(s->booking().stale_calendars({kDoctor}).empty());  // the solve's answer lists nothing stale
  const auto a2 = row(*s);
  check_good(a2);
  CHECK(a2.last_success == kNow + 61s);  // last_success moves
}
