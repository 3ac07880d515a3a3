#include <yhteisaika/service/booking.hpp>

#include <yhteisaika/calendar/itip.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/rooms.hpp>
#include <yhteisaika/service/holds.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/time/work_rules.hpp>

#include "field_checks.hpp"
#include "meeting_event.hpp"
#include "slot_search.hpp"

#include <algorithm>

namespace yhteisaika::service {

namespace {

using time::Instant;
using time::Interval;

// Concurrent coordinators may take the solver's slot first; each retry sees
// their bookings, so a few rounds suffice before answering 409.
constexpr int kBookingAttempts = 8;

// The case to create or update with a booking, if anything changes.
Result<std::optional<store::Case>> case_to_save(store::Store& store, const BookInput& input, Instant requested,
                                                const time::Zone& zone) {
  // A case meeting's case exists already; the meeting changes nothing of it.
  if (input.solve.case_id) return std::optional<store::Case>{};
  auto existing = store.case_by_ref(input.case_ref);
  if (!existing && existing.error().code != store::Errc::not_found) return existing.error();
  if (existing && !input.coordinator && !input.identified_on) return std::optional<store::Case>{};
  if (input.solve.required.empty()) {
    return Error{Errc::invalid_value, "name at least one required attendee", Location::at_field("required")};
  }
  // A new case without a named coordinator is kept by its first required attendee.
  store::Case c;
  c.ref = input.case_ref;
  c.coordinator = input.solve.required.front();
  c.identified_on = time::local_date(requested, zone);
  if (existing) c = *existing;
  if (input.coordinator) c.coordinator = *input.coordinator;
  if (input.identified_on) c.identified_on = *input.identified_on;
  if (auto known = store.professional(c.coordinator); !known) {
    const bool named = input.coordinator.has_value();
    return Error{Errc::unknown_attendee, "no professional " + c.coordinator.value + " in the team",
                 Location::at_field(named ? "coordinator" : "required[0]")};
  }
  return std::optional<store::Case>{c};
}

// The meeting of `input` (its time still to be chosen).
store::NewMeeting new_meeting(const BookInput& input, Instant requested, std::optional<store::Case> case_record) {
  store::NewMeeting m;
  m.case_ref = input.case_ref;
  m.title = input.title;
  m.location = input.location;
  m.description = input.description;
  m.organizer = input.coordinator;
  m.requested_at = requested;
  m.case_record = std::move(case_record);
  // The coordinator organizes the meeting and so attends it: ACCEPTED from the
  // start (as calendar programs record their organizer), the others are asked.
  const auto partstat = [&](const ParticipantId& id) { return id == input.coordinator ? "ACCEPTED" : "NEEDS-ACTION"; };
  for (const auto& id : input.solve.required) {
    m.attendees.push_back({id, store::AttendeeRole::required, partstat(id), std::nullopt});
  }
  for (const auto& id : input.solve.optional) {
    m.attendees.push_back({id, store::AttendeeRole::optional, partstat(id), std::nullopt});
  }
  // A case meeting: the case by id, and the people around the client it asks
  // (their e-mail addresses the store copies from the case).
  m.case_id = input.solve.case_id;
  for (const auto& id : input.solve.required_participants) {
    m.participants.push_back({id, store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt, std::nullopt});
  }
  for (const auto& id : input.solve.optional_participants) {
    m.participants.push_back({id, store::AttendeeRole::optional, "NEEDS-ACTION", std::nullopt, std::nullopt});
  }
  m.kind = input.kind;
  m.remote = input.remote;
  return m;
}

// Puts `m` in `room` (none: no room): LOCATION is then the room's name and
// place, with the request's own `location` after it.
Result<void> put_in_room(store::Store& store, store::NewMeeting& m, const std::optional<RoomId>& room,
                         const std::string& location) {
  m.room = room;
  m.location = location;
  if (!room) return {};
  auto taken = store.room(*room);
  if (!taken) return taken.error();
  m.location = room_place(*taken) + (location.empty() ? "" : " – " + location);
  return {};
}

// What a reschedule of `current` solves for, and who it takes off.
struct Move {
  SolveInput solve;
  std::vector<ParticipantId> remove;
};

Result<Move> move_of(const store::Meeting& current, const RescheduleInput& input) {
  const std::string id = std::to_string(current.id.value);
  if (current.status == store::MeetingStatus::held) {
    return Error{store::Errc::not_scheduled, "meeting " + id + " is held: confirm it before moving it", {}};
  }
  if (current.status != store::MeetingStatus::scheduled) {
    return Error{store::Errc::not_scheduled, "meeting " + id + " is " + store::to_string(current.status), {}};
  }
  Move out;
  const auto on_meeting = [&](const ParticipantId& who) {
    return std::any_of(current.attendees.begin(), current.attendees.end(), [&](const auto& a) { return a.id == who; });
  };
  const auto take_off = [&](const ParticipantId& who) {
    if (std::find(out.remove.begin(), out.remove.end(), who) == out.remove.end()) out.remove.push_back(who);
  };
  for (std::size_t i = 0; i < input.without.size(); ++i) {
    if (!on_meeting(input.without[i])) {
      return Error{Errc::invalid_value, input.without[i].value + " is not on meeting " + id,
                   Location::at_field("without[" + std::to_string(i) + "]")};
    }
    take_off(input.without[i]);
  }
  if (input.without_declined) {
    const auto declined = current.required_declines();
    if (declined.empty()) {
      // Re-solving anyway would move a meeting nobody asked to move.
      return Error{Errc::nothing_to_do,
                   "no required attendee has declined meeting " + id +
                       ", so nobody is taken off and the meeting stays as it is",
                   Location::at_field("without_declined")};
    }
    std::for_each(declined.begin(), declined.end(), take_off);
  }
  for (const auto& a : current.attendees) {
    if (std::find(out.remove.begin(), out.remove.end(), a.id) != out.remove.end()) continue;
    (a.role == store::AttendeeRole::required ? out.solve.required : out.solve.optional).push_back(a.id);
  }
  // The case's participants stay on it, and their windows still rule.
  out.solve.case_id = current.participants.empty() ? std::nullopt : current.case_id;
  for (const auto& p : current.participants) {
    (p.role == store::AttendeeRole::required ? out.solve.required_participants : out.solve.optional_participants)
        .push_back(p.participant);
  }
  if (out.solve.required.empty()) return Error{Errc::invalid_value, "no required attendee would be left",
                                               Location::at_field("without")};
  // It keeps its room (the store re-checks that room at the new time).
  if (current.room) out.solve.rooms = {*current.room};
  out.solve.duration = std::chrono::duration_cast<std::chrono::minutes>(current.when.end - current.when.start);
  out.solve.from = input.from;
  out.solve.days = input.days;
  out.solve.strategy = input.strategy.value_or(solve::Strategy::hole_first);
  return out;
}

}  // namespace

Booking::Booking(Parts parts)
    : config_(parts.config),
      zone_(parts.zone),
      case_ref_pattern_(parts.case_ref_pattern),
      clock_(std::move(parts.clock)),
      pool_(parts.pool),
      calendars_(parts.calendars),
      queue_(parts.queue),
      feeds_(parts.feeds),
      wake_mail_(std::move(parts.wake_mail)),
      slots_(std::make_unique<SlotSearch>(config_, zone_, calendars_)) {}

Booking::~Booking() = default;

Result<Solution> Booking::solve(const SolveInput& input) {
  const Instant now = clock_();
  if (auto ok = slots_->check_window(input.from, input.days, std::nullopt, now); !ok) return ok.error();
  return slots_->solve(*pool_.lease(), input, now, std::nullopt);
}

// The one retry rule of book and reschedule. The time is chosen (exactly
// `start`, which may overlap `own_time`; or the solver's slot for `input`) and
// handed to `write`, which re-checks it in its write transaction. When another
// booking took that time first (store slot_taken), a solved time is chosen
// again, now seeing that booking, up to kBookingAttempts times, and then the
// answer is no_slot; a fixed start is refused at once. The time is written
// without a pooled connection held (the write may wait for the write lock).
Result<store::Meeting> Booking::place(const SolveInput& input, std::optional<Instant> start, Instant now,
                                      std::optional<Interval> own_time, const Write& write) {
  for (int attempt = 1;; ++attempt) {
    Interval when;
    std::optional<RoomId> room;
    {
      auto store = pool_.lease();
      if (start) {
        auto free_room = slots_->check_start(*store, input, *start, now, own_time);
        if (!free_room) return free_room.error();
        when = {*start, *start + input.duration};
        room = std::move(*free_room);
      } else {
        // A meeting's own booking stays busy, so a re-solved slot is a different time.
        auto solution = slots_->solve(*store, input, now, std::nullopt);
        if (!solution) return solution.error();
        if (!solution->answer.chosen) return Error{Errc::no_slot, solution->answer.reason, {}};
        when = solution->answer.chosen->time;
        room = solution->answer.chosen->room;
      }
    }
    // A room taken meanwhile is refused by the store's re-check (slot_taken at
    // "room") like a person: the next round sees that booking.
    auto written = write(when, room);
    if (written || written.error().code != store::Errc::slot_taken || start) return written;
    if (attempt == kBookingAttempts) return Error{Errc::no_slot, "other bookings took every fitting slot", {}};
  }
}

void Booking::changed(const std::vector<store::Attendee>& attendees, const std::optional<RoomId>& room) {
  feeds_.forget(attendees);
  if (room) feeds_.forget_room(*room);
  if (wake_mail_) wake_mail_();
}

Result<store::Meeting> Booking::book(const BookInput& input, const Actor& actor) {
  if (auto ok = check_meeting_text(input.case_ref, input.title, input.location, input.description, case_ref_pattern_);
      !ok) {
    return ok.error();
  }
  const Instant requested = clock_();
  if (auto ok = slots_->check_window(input.solve.from, input.solve.days, input.start, requested); !ok) {
    return ok.error();
  }
  if (input.remote && !input.solve.rooms.empty()) {
    return Error{Errc::invalid_value, "a meeting is in one of its rooms or remote, not both",
                 Location::at_field("remote")};
  }
  if (auto ok = check_hold(input.hold); !ok) return ok.error();
  auto case_record = case_to_save(*pool_.lease(), input, requested, zone_);
  if (!case_record) return case_record.error();
  store::NewMeeting m = new_meeting(input, requested, std::move(*case_record));
  m.remote = input.remote;
  if (input.hold) m.hold_expires_at = requested + *input.hold;
  auto booked = place(input.solve, input.start, requested, std::nullopt,
                      [&](Interval when, const std::optional<RoomId>& room) -> Result<store::Meeting> {
                        m.when = when;
                        m.in_hole = time::in_hole(when, config_.rules, zone_);
                        auto placed = put_in_room(*pool_.lease(), m, room, input.location);
                        if (!placed) return placed.error();
                        return queue_.book({m, {actor.audit_name(), clock_()}});
                      });
  if (booked) changed(booked->attendees, booked->room);
  return booked;
}

Result<store::Meeting> Booking::reschedule(store::MeetingId id, const RescheduleInput& input, const Actor& actor) {
  const Instant now = clock_();
  if (auto ok = slots_->check_window(input.from, input.days, input.start, now); !ok) return ok.error();
  auto current = pool_.lease()->meeting(id);
  if (!current) return current.error();
  auto move = move_of(*current, input);
  if (!move) return move.error();
  auto moved = place(move->solve, input.start, now, current->when, [&](Interval when, const std::optional<RoomId>&) {
    return pool_.lease()->reschedule_meeting(id, when, time::in_hole(when, config_.rules, zone_),
                                             {actor.audit_name(), clock_()}, move->remove);
  });
  if (moved) changed(current->attendees, current->room);  // those taken off too
  return moved;
}

Result<store::Meeting> Booking::cancel(store::MeetingId id, const Actor& actor) {
  const store::Change change{actor.audit_name(), clock_()};
  auto store = pool_.lease();
  auto cancelled = store->cancel_meeting(id, change);
  if (!cancelled && cancelled.error().code == store::Errc::not_scheduled) {
    // A held meeting is not cancelled but released (holds.hpp); anything else
    // keeps the store's answer (cancelled or expired already).
    auto released = store->release_hold(id, change);
    if (released || released.error().code != store::Errc::not_held) cancelled = std::move(released);
  }
  if (cancelled) changed(cancelled->attendees, cancelled->room);
  return cancelled;
}

Result<store::Meeting> Booking::meeting(store::MeetingId id) { return pool_.lease()->meeting(id); }

Result<std::vector<store::Meeting>> Booking::meetings(const std::optional<CaseRef>& case_ref, Interval window,
                                                      bool declined) {
  auto store = pool_.lease();
  auto found = case_ref ? store->meetings_for_case(*case_ref) : store->meetings_in(window);
  if (!found) return found;
  std::erase_if(*found, [&](const store::Meeting& m) {
    const bool any_decline = std::any_of(m.attendees.begin(), m.attendees.end(),
                                         [](const store::Attendee& a) { return a.partstat == "DECLINED"; });
    return !m.when.overlaps(window) || (declined && !any_decline);
  });
  return found;
}

Result<Invite> Booking::invite(store::MeetingId id) {
  auto store = pool_.lease();
  auto m = store->meeting(id);
  if (!m) return m.error();
  auto people = store->professionals();
  if (!people) return people.error();
  auto circle = circle_of(*store, *m);
  if (!circle) return circle.error();
  const bool cancelled = called_off(*m);
  Invite out;
  out.method = cancelled ? "CANCEL" : "REQUEST";
  // DTSTAMP is the meeting's last change, so the same version always reads the same.
  // The coordinator's copy: it names the participants without e-mail too.
  const calendar::MeetingEvent event = coordinator_copy(
      event_of(*m, by_id(std::move(*people)), config_, *circle, room_of(*store, *m)), *m, *circle);
  out.text = calendar::render_itip(cancelled ? calendar::ItipMethod::cancel : calendar::ItipMethod::request, event,
                                   m->updated_at, zone_, config_.zone);
  return out;
}

std::vector<sources::SourceStatus> Booking::stale_calendars(const std::vector<ParticipantId>& ids) {
  std::vector<sources::SourceStatus> out;
  auto store = pool_.lease();
  for (const auto& id : ids) {
    auto who = store->professional(id);
    if (!who) continue;
    auto row = calendars_.status(id, who->calendar_source);
    if (row.stale) out.push_back(std::move(row));
  }
  return out;
}

}  // namespace yhteisaika::service
