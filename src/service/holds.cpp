#include <yhteisaika/service/holds.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <string>

namespace yhteisaika::service {

namespace {

// Who expires holds in the audit log: the service itself, not a token.
constexpr const char* kServiceActor = "service";

// Why meeting `m` cannot be confirmed (it is not held, or its hold ran out at
// or before `now`), in words that say what to do.
std::string not_confirmable(const store::Meeting& m, time::Instant now, const time::Zone& zone) {
  const std::string id = "meeting " + std::to_string(m.id.value);
  const auto ran_out = [&] {
    return "the hold of " + id + " ran out at " + time::format_rfc3339(*m.hold_expires_at, zone) +
           ", so it cannot be confirmed: its time is free again; book the meeting anew";
  };
  switch (m.status) {
    case store::MeetingStatus::held:
      if (m.hold_expires_at && *m.hold_expires_at <= now) return ran_out();
      break;
    case store::MeetingStatus::expired:
      if (m.hold_expires_at && *m.hold_expires_at <= m.updated_at) return ran_out();
      return id + " was released before it was confirmed: it cannot be confirmed; book the meeting anew";
    case store::MeetingStatus::scheduled:
      return id + " is confirmed already (scheduled), not held";
    case store::MeetingStatus::cancelled:
      return id + " is cancelled, not held";
  }
  return id + " is " + store::to_string(m.status) + ", not held";
}

}  // namespace

Result<void> check_hold(const std::optional<std::chrono::minutes>& hold) {
  if (hold && (*hold < kMinHold || *hold > kMaxHold)) {
    return Error{Errc::invalid_value,
                 "hold_minutes must be " + std::to_string(kMinHold.count()) + "-" + std::to_string(kMaxHold.count()) +
                     " (1 minute to 14 days)",
                 Location::at_field("hold_minutes")};
  }
  return {};
}

Holds::Holds(Parts parts)
    : zone_(parts.zone),
      clock_(std::move(parts.clock)),
      pool_(parts.pool),
      feeds_(parts.feeds),
      wake_mail_(std::move(parts.wake_mail)) {}

Result<store::Meeting> Holds::confirm(store::MeetingId id, const Actor& actor) {
  const time::Instant now = clock_();
  auto store = pool_.lease();
  auto confirmed = store->confirm_hold(id, {actor.audit_name(), now});
  if (confirmed) {
    changed(confirmed->attendees);
    return confirmed;
  }
  if (confirmed.error().code != store::Errc::not_held) return confirmed;
  // The store says only "not held"; the coordinator needs to know why and what to do.
  auto current = store->meeting(id);
  if (!current) return current.error();
  return Error{store::Errc::not_held, not_confirmable(*current, now, zone_), {}};
}

Result<std::vector<store::Meeting>> Holds::expire_due(time::Instant now) {
  std::vector<store::Meeting> expired;
  auto store = pool_.lease();
  auto due = store->holds_due(now);
  if (!due) return due.error();
  for (const auto& m : *due) {
    auto done = store->expire_hold(m.id, {kServiceActor, now});
    if (done) {
      expired.push_back(std::move(*done));
      continue;
    }
    // Confirmed or released since holds_due read it (not_held), or not yet due
    // by another clock (conflict): nothing to do for this one.
    const auto code = done.error().code;
    if (code == store::Errc::not_held || code == store::Errc::conflict) continue;
    for (const auto& e : expired) changed(e.attendees);
    return done.error();
  }
  for (const auto& e : expired) changed(e.attendees);
  return expired;
}

void Holds::changed(const std::vector<store::Attendee>& attendees) {
  feeds_.forget(attendees);
  if (wake_mail_) wake_mail_();
}

}  // namespace yhteisaika::service
