#pragma once
// Private to service/: when the mailer tries an unsent message again. Pure.

#include <yhteisaika/time/interval.hpp>

#include <algorithm>
#include <chrono>
#include <optional>

namespace yhteisaika::service {

// After a failed try at `now` of a message queued at `created_at` that had
// failed `attempts_before` times already: the next try, `first_retry` after
// the first failure and twice as long after each further one (at most an
// hour), or nullopt to give up: a permanent refusal, or a next try that would
// come after `give_up_after` from queueing.
inline std::optional<time::Instant> next_mail_attempt(int attempts_before, time::Instant created_at,
                                                      time::Instant now, bool permanent,
                                                      std::chrono::seconds first_retry,
                                                      std::chrono::hours give_up_after) {
  if (permanent) return std::nullopt;
  constexpr std::chrono::seconds kLongest = std::chrono::hours{1};
  const auto wait = std::min<std::chrono::seconds>(first_retry * (1LL << std::clamp(attempts_before, 0, 20)), kLongest);
  if (now + wait > created_at + give_up_after) return std::nullopt;
  return now + wait;
}

}  // namespace yhteisaika::service
