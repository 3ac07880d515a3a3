// When an unsent invite is tried again, and when the mailer gives up (issue 6).
#include "mail_retry.hpp"

#include <catch2/catch.hpp>

using namespace yhteisaika;
using namespace std::chrono_literals;
using service::next_mail_attempt;

namespace {
const time::Instant kQueued = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 9h;
}

TEST_CASE("a temporary failure is retried after the first wait, doubling up to an hour", "[service][mail]") {
  struct Row {
    int attempts_before;
    std::chrono::seconds wait;
  };
  const Row rows[] = {{0, 60s}, {1, 120s}, {2, 240s}, {5, 1920s}, {6, 3600s}, {12, 3600s}, {1000, 3600s}};
  for (const Row& row : rows) {
    CAPTURE(row.attempts_before);
    const time::Instant now = kQueued + 10min;
    CHECK(next_mail_attempt(row.attempts_before, kQueued, now, false, 60s, 24h) == now + row.wait);
  }
}

TEST_CASE("the mailer gives up on a permanent refusal at once", "[service][mail]") {
  CHECK_FALSE(next_mail_attempt(0, kQueued, kQueued, true, 60s, 24h).has_value());
}

TEST_CASE("the mailer gives up when the next try would come after the give-up time", "[service][mail]") {
  CHECK(next_mail_attempt(20, kQueued, kQueued + 23h, false, 60s, 24h) == kQueued + 24h);
  CHECK_FALSE(next_mail_attempt(20, kQueued, kQueued + 23h + 1s, false, 60s, 24h).has_value());
}
