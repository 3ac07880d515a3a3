#pragma once
// Holds: a meeting booked "held" (BookInput::hold) blocks its slot and room
// for everyone else exactly like a booking while the client is asked for
// consent, and goes out as STATUS:TENTATIVE (invites and feeds). Then either
//   - the coordinator confirms it before its hold runs out: status scheduled,
//     SEQUENCE + 1, a STATUS:CONFIRMED REQUEST to everyone; or
//   - its hold runs out (hold_expires_at <= now): the service expires it
//     itself (expire_due, run by the housekeeping, housekeeping.hpp): status
//     expired, SEQUENCE + 1, an iTIP CANCEL to everyone, audited
//     "expire_hold"; or
//   - the coordinator lets it go first (DELETE; Booking::cancel releases it).
// An expired meeting is shown as a cancelled one is (CANCEL, STATUS:CANCELLED).
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/error.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/feeds.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace yhteisaika::service {

// How long a hold may last: 1 minute to 14 days.
inline constexpr std::chrono::minutes kMinHold{1};
inline constexpr std::chrono::minutes kMaxHold{14 * 24 * 60};

// Nothing, or a hold within [kMinHold, kMaxHold]; else Errc::invalid_value at
// "hold_minutes".
Result<void> check_hold(const std::optional<std::chrono::minutes>& hold);

class Holds {
 public:
  // Everything referred to must outlive the Holds.
  struct Parts {
    const time::Zone& zone;           // local times in messages
    Clock clock;
    StorePool& pool;
    Feeds& feeds;                     // told whose feeds change
    std::function<void()> wake_mail;  // a change was written (empty: no e-mail)
  };
  explicit Holds(Parts parts);

  // Confirms held meeting `id` before its hold runs out. store::Errc::not_held
  // (409) when it is not held (scheduled, cancelled or expired) or its hold ran
  // out at or before now, saying which and since when; Errc::not_found.
  Result<store::Meeting> confirm(store::MeetingId id, const Actor& actor);
  // Expires every hold due at `now` (store holds_due), as actor "service":
  // returns those expired now. A hold confirmed or released meanwhile is
  // skipped; an error reading or writing the store stops the round (the next
  // round goes on).
  Result<std::vector<store::Meeting>> expire_due(time::Instant now);

 private:
  // A change to these attendees' meetings was written.
  void changed(const std::vector<store::Attendee>& attendees);

  const time::Zone& zone_;
  Clock clock_;
  StorePool& pool_;
  Feeds& feeds_;
  std::function<void()> wake_mail_;
};

}  // namespace yhteisaika::service
