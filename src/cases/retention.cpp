#include <yhteisaika/cases/retention.hpp>

#include <algorithm>

namespace yhteisaika::cases {

std::optional<time::Instant> closed_at(const Case& c) {
  if (c.stage != Stage::closed) return std::nullopt;
  const auto move = std::find_if(c.history.rbegin(), c.history.rend(),
                                 [](const StageMove& m) { return m.to == Stage::closed; });
  if (move == c.history.rend()) return std::nullopt;
  return move->at;
}

std::optional<time::Instant> erasure_due_at(const Case& c, std::chrono::days retention) {
  const auto closed = closed_at(c);
  if (!closed) return std::nullopt;
  return *closed + retention;
}

bool due_for_erasure(const Case& c, time::Instant now, std::chrono::days retention) {
  const auto due = erasure_due_at(c, retention);
  return due && now >= *due;
}

Case without_participant_contacts(Case c) {
  for (Participant& p : c.participants) p.email.reset();
  return c;
}

}  // namespace yhteisaika::cases
