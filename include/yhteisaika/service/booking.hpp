#pragma once
// What coordinators do: find the earliest joint slot (solve), book it, move
// (reschedule) or cancel it, read meetings and their invites. A booking is
// re-checked against every stored booking in its write transaction, so two
// coordinators never double-book a professional.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/booking_queue.hpp>
#include <yhteisaika/service/feeds.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/sources/calendar_index.hpp>
#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace yhteisaika::service {

struct SolveInput {
  std::vector<ParticipantId> required;  // REQUIRES (checked): not empty
  std::vector<ParticipantId> optional;
  std::optional<time::Instant> from;    // default: now
  int days = 0;                         // 0 = the configured default
  std::chrono::minutes duration{60};
  solve::Strategy strategy = solve::Strategy::hole_first;
  // Any one of these rooms will do (with enough capacity for everyone); empty:
  // no room. The earliest one listed that is free for the slot is taken.
  // (issue 13, rooms)
  std::vector<RoomId> rooms;
  // A case meeting's participants from the case (cases::Participant ids, "p1"):
  // required ones constrain the slot by their windows, optional ones are
  // reported. (issue 13, case meetings)
  std::optional<store::CaseId> case_id;
  std::vector<std::string> required_participants;
  std::vector<std::string> optional_participants;
};

struct Solution {
  solve::SolveAnswer answer;
  time::Interval window;
  std::vector<ParticipantId> required;
  solve::Strategy strategy = solve::Strategy::hole_first;
};

struct BookInput {
  SolveInput solve;
  CaseRef case_ref;
  // Book exactly here, or fail: invalid_value before now or off the grid and
  // working hours, slot_taken naming who is not free.
  std::optional<time::Instant> start;
  std::string title;
  std::string location;
  std::string description;
  std::optional<ParticipantId> coordinator;  // the organizer; default the service's mailbox
  std::optional<std::chrono::year_month_day> identified_on;  // for a new case; default today
  bool remote = false;  // a remote meeting: takes no room (REQUIRES: solve.rooms empty)
  cases::MeetingKind kind = cases::MeetingKind::other;
  // Held, not booked: blocks its slot until now + hold, waiting to be
  // confirmed (1 minute to 14 days). (issue 13, holds)
  std::optional<std::chrono::minutes> hold;
};

struct RescheduleInput {
  std::optional<time::Instant> start;  // move exactly here (refused as BookInput::start is)
  std::optional<time::Instant> from;   // else re-solve from here (default now)
  int days = 0;
  std::optional<solve::Strategy> strategy;
  // Attendees to take off (they get a CANCEL); `without_declined` adds every
  // required attendee who declined (Errc::nothing_to_do when none has: the
  // meeting is left as it is). Everyone else is solved for, and asked anew.
  std::vector<ParticipantId> without;
  bool without_declined = false;
};

// An iTIP message (RFC 5546) ready to send or download.
struct Invite {
  std::string method;  // "REQUEST" or "CANCEL"
  std::string text;
};

class SlotSearch;

class Booking {
 public:
  // What a booking is made of; everything referred to must outlive the Booking.
  struct Parts {
    const config::Config& config;
    const time::Zone& zone;
    const std::regex& case_ref_pattern;  // config case_ref_pattern, compiled
    Clock clock;
    StorePool& pool;                     // reads, and reschedules and cancels
    sources::CalendarIndex& calendars;   // every attendee's busy time
    BookingQueue& queue;                 // new bookings (group commit)
    Feeds& feeds;                        // told whose feeds change
    std::function<void()> wake_mail;     // a change was written (empty: no e-mail)
  };
  explicit Booking(Parts parts);
  ~Booking();
  Booking(const Booking&) = delete;
  Booking& operator=(const Booking&) = delete;

  // The earliest slot for `input` in its window (from now at the earliest).
  // Errors name the field: an unknown or twice-listed attendee, days,
  // duration_minutes, a window past horizon_days; calendar_unavailable names
  // whose calendar cannot be read (never taken as free).
  Result<Solution> solve(const SolveInput& input);
  // Books the solver's slot (or exactly `start`). When a concurrent booking
  // takes the slot first, the solver looks again (see Booking::place in
  // booking.cpp); no_slot when nothing fits. With `hold`, the meeting is held
  // until now + hold (status held; invalid_value at "hold_minutes" outside
  // 1 minute to 14 days); see holds.hpp for what happens to it then.
  Result<store::Meeting> book(const BookInput& input, const Actor& actor);
  // Moves a scheduled meeting (same attendees less those taken off, same
  // duration) to a new solved time, or exactly to `start` (which may overlap
  // its own old time); its sequence rises and everyone is asked anew.
  Result<store::Meeting> reschedule(store::MeetingId id, const RescheduleInput& input, const Actor& actor);
  // Cancels a scheduled meeting; a held one is released instead (status
  // expired, audited "release_hold"): either way everyone gets a CANCEL.
  Result<store::Meeting> cancel(store::MeetingId id, const Actor& actor);
  Result<store::Meeting> meeting(store::MeetingId id);
  // Meetings overlapping [from, to), of one case when given, by start; with
  // `declined`, only those where someone declined.
  Result<std::vector<store::Meeting>> meetings(const std::optional<CaseRef>& case_ref, time::Interval window,
                                               bool declined = false);
  // The meeting's iTIP message: REQUEST while scheduled or held (held:
  // STATUS:TENTATIVE), CANCEL once cancelled or expired.
  Result<Invite> invite(store::MeetingId id);
  // The calendars among `ids` answered from a stale copy (for solve and booking answers).
  std::vector<sources::SourceStatus> stale_calendars(const std::vector<ParticipantId>& ids);

 private:
  // Writes the meeting at `when`, in `room` (the room chosen, when it names rooms).
  using Write = std::function<Result<store::Meeting>(time::Interval when, const std::optional<RoomId>& room)>;
  Result<store::Meeting> place(const SolveInput& input, std::optional<time::Instant> start, time::Instant now,
                               std::optional<time::Interval> own_time, const Write& write);
  // A change to these attendees' meetings (and that room's, if any) was written.
  void changed(const std::vector<store::Attendee>& attendees, const std::optional<RoomId>& room);

  const config::Config& config_;
  const time::Zone& zone_;
  const std::regex& case_ref_pattern_;
  Clock clock_;
  StorePool& pool_;
  sources::CalendarIndex& calendars_;
  BookingQueue& queue_;
  Feeds& feeds_;
  std::function<void()> wake_mail_;
  const std::unique_ptr<SlotSearch> slots_;
};

}  // namespace yhteisaika::service
