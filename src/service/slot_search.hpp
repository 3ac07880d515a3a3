#pragma once
// Private to service/: where a meeting may go, for Booking. Joins each
// attendee's calendar (the busy index), their stored bookings and the pure
// solver. A calendar that cannot be read is never free: the answer is then
// Errc::calendar_unavailable naming whose. A meeting that names rooms
// (SolveInput::rooms) takes the first of them free for its whole slot and
// seating everyone; a room is busy by its calendar (in the busy index under
// room_key(), rooms.hpp) and by the meetings stored in it. A room whose
// calendar cannot be read is never free: nothing else fails for it, but when
// no slot is found the reason names it.
//
// Thread safety: as the calendar index's; the store is the caller's.

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/service/booking.hpp>
#include <yhteisaika/sources/calendar_index.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <deque>
#include <optional>

namespace yhteisaika::service {

class SlotSearch {
 public:
  // Everything referred to must outlive this.
  SlotSearch(const config::Config& config, const time::Zone& zone, sources::CalendarIndex& calendars);

  // A request's window lies in [now, now + horizon_days]: `start` (when given),
  // else the window of `days` from `from` (an earlier `from` starts now).
  // Errc::invalid_value names "start", "from" or "days" otherwise.
  Result<void> check_window(std::optional<time::Instant> from, int days, std::optional<time::Instant> start,
                            time::Instant now) const;
  // The solver's answer for `input` as of `now`, with every attendee's stored
  // bookings busy (but for `ignore_booking`, a meeting's own time).
  Result<Solution> solve(store::Store& store, const SolveInput& input, time::Instant now,
                         std::optional<time::Interval> ignore_booking);
  // Whether a meeting of `input` may start exactly at `start`: not before `now`
  // (invalid_value), on the grid in working hours (invalid_value), every required
  // attendee free (store slot_taken naming who is not) and, when it names rooms,
  // one of them (slot_taken naming the rooms). All name the field "start".
  // Answers the room to take (nullopt when it names none).
  Result<std::optional<RoomId>> check_start(store::Store& store, const SolveInput& input, time::Instant start, time::Instant now,
                           std::optional<time::Interval> ignore_booking);

 private:
  // The solver's request for `input` over `window`: each attendee's busy time
  // from their calendar and their bookings.
  Result<solve::SolveRequest> request_for(store::Store& store, const SolveInput& input, time::Interval window,
                                          time::Instant now, std::optional<time::Interval> ignore_booking,
                                          std::deque<std::vector<time::Interval>>& busy);
  // Adds the rooms `input` names to `request` (their busy time, from calendar
  // and bookings, into `busy`), and answers why rooms it names can never be
  // taken ("room x seats 4", "the calendar of room y cannot be read: ...").
  // Errc::invalid_value names "rooms[i]": an unknown room, or one listed twice.
  Result<std::vector<std::string>> add_rooms(store::Store& store, const SolveInput& input, time::Interval window,
                                             time::Instant now, std::optional<time::Interval> ignore_booking,
                                             std::deque<std::vector<time::Interval>>& busy,
                                             solve::SolveRequest& request);
  // Who among `input`'s required attendees is not free over `slot`.
  Result<std::string> not_free(store::Store& store, const SolveInput& input, time::Interval slot,
                               time::Instant now, std::optional<time::Interval> ignore_booking);
  time::Interval window_from(time::Instant from, int days) const;

  const config::Config& config_;
  const time::Zone& zone_;
  sources::CalendarIndex& calendars_;
};

}  // namespace yhteisaika::service
