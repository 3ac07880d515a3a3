// The Store contract for bookings and holds (rule_store.hpp): the re-check of
// attendees, participants and rooms inside the write transaction, sequences,
// audit entries and notices.

#include "rule_store.hpp"

#include "rules.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace yhteisaika::store::detail {

namespace {

using time::Instant;
using time::Interval;
using Access = Backend::Access;

// Whether everyone REQUIRED on `m` is free for m.when, and its room: none has a
// scheduled or held meeting other than `exclude` that overlaps it, whatever
// their role there. Optional attendees are not checked: they never block a slot
// and may be double-booked by choice (docs/scheduling-rules.md, "Choosing").
// Errc::slot_taken names everyone who is not free, with the meeting they have,
// and the room; `where` is the first of them.
Result<void> check_free(Tables& t, const Meeting& m, MeetingId exclude) {
  std::string taken;
  Location where;
  const auto clashes = [&](const std::string& who, MeetingId other, std::string field) {
    taken += (taken.empty() ? "" : ", ") + who + " (meeting " + std::to_string(other.value) + ")";
    if (where.empty()) where = Location::at_field(std::move(field));
  };
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    if (m.attendees[i].role != AttendeeRole::required) continue;
    if (auto other = t.clash(m.attendees[i].id, m.when, exclude)) {
      clashes(m.attendees[i].id.value, *other, attendee_field(i));
    }
  }
  for (std::size_t i = 0; i < m.participants.size() && m.case_id; ++i) {
    if (m.participants[i].role != AttendeeRole::required) continue;
    if (auto other = t.participant_clash(*m.case_id, m.participants[i].participant, m.when, exclude)) {
      clashes(m.participants[i].participant, *other, "participants[" + std::to_string(i) + "]");
    }
  }
  if (m.room) {
    if (auto other = t.room_clash(*m.room, m.when, exclude)) clashes("room " + m.room->value, *other, "room");
  }
  if (taken.empty()) return {};
  return Error{Errc::slot_taken, "already booked at that time: " + taken, where};
}

// The case of `m` (saving its case_record first): by id, else by reference.
Result<Case> case_of(Tables& t, const NewMeeting& m) {
  if (m.case_record) {
    if (auto saved = save_case_record(t, *m.case_record); !saved) return saved.error();
  }
  if (m.case_id) {
    auto c = t.case_by_id(*m.case_id);
    if (!c) return Error{Errc::invalid_argument, "no case " + std::to_string(m.case_id->value), Location::at_field("case_id")};
    if (!m.case_ref.value.empty() && m.case_ref != c->ref) {
      return Error{Errc::invalid_argument, "case " + std::to_string(c->id.value) + " is " + c->ref.value, Location::at_field("case_ref")};
    }
    return std::move(*c);
  }
  auto c = t.find_case(m.case_ref);
  if (!c) return Error{Errc::invalid_argument, "no case " + m.case_ref.value, Location::at_field("case_ref")};
  return std::move(*c);
}

// Whether everyone and everything `m` names exists: its professionals, its
// case's participants and its room.
Result<void> check_known(Tables& t, const NewMeeting& m, const Case& c) {
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    if (!t.professional(m.attendees[i].id)) {
      return Error{Errc::invalid_argument, "no professional " + m.attendees[i].id.value,
                   Location::at_field(attendee_field(i))};
    }
  }
  for (std::size_t i = 0; i < m.participants.size(); ++i) {
    const std::string& id = m.participants[i].participant;
    if (std::none_of(c.participants.begin(), c.participants.end(),
                     [&](const cases::Participant& p) { return p.id == id; })) {
      return Error{Errc::invalid_argument, "case " + c.ref.value + " has no participant " + id,
                   Location::at_field("participants[" + std::to_string(i) + "]")};
    }
  }
  if (m.room && !t.room(*m.room)) return Error{Errc::invalid_argument, "no room " + m.room->value, Location::at_field("room")};
  return {};
}

// Checks and writes one meeting (with its case_record), re-checked when it
// blocks its slot; unaudited. On an error the caller undoes what it wrote.
Result<Meeting> write_meeting(Tables& t, const NewMeeting& m, MeetingStatus status, int reschedules,
                              Instant created_at) {
  auto c = case_of(t, m);
  if (!c) return c.error();
  if (auto known = check_known(t, m, *c); !known) return known.error();
  Meeting row = new_meeting(m, *c, status, reschedules, created_at);
  if (blocks(status)) {
    if (c->stage == cases::Stage::closed) {
      return Error{Errc::case_closed, "case " + c->ref.value + " is closed and takes no new meetings", Location::at_field("case_ref")};
    }
    if (auto free = check_free(t, row, MeetingId{}); !free) return free.error();
  }
  const MeetingId id = t.insert_meeting(row);
  return *t.meeting(id);
}

// One booking of a batch, in a savepoint: refused (or failing), it writes nothing.
Result<Meeting> book_one(Tables& t, const BookingRequest& r) {
  if (auto valid = validate(r.meeting); !valid) return valid.error();
  const auto& hold = r.meeting.hold_expires_at;
  if (hold && *hold <= r.change.at) {
    return Error{Errc::invalid_argument, "a hold must last beyond the booking", Location::at_field("hold_expires_at")};
  }
  std::optional<Meeting> booked;
  auto tried = t.attempt("booking a meeting", [&]() -> Result<void> {
    auto m = write_meeting(t, r.meeting, hold ? MeetingStatus::held : MeetingStatus::scheduled, 0, r.change.at);
    if (!m) return m.error();
    audit(t, r.change, "book", "", meeting_json(*m));
    notice(t, *m, {}, r.change.at);
    booked = std::move(*m);
    return {};
  });
  if (!tried) return tried.error();
  return std::move(*booked);
}

// Stores `after` over `before` (a cancel, a move, a confirm or a release),
// audited as `action`, with its notice.
Meeting write_change(Tables& t, const Meeting& before, const Meeting& after, const char* action, const Change& change,
                     const std::vector<ParticipantId>& removed) {
  t.update_meeting(after);
  Meeting stored = *t.meeting(after.id);
  audit(t, change, action, meeting_json(before), meeting_json(stored));
  notice(t, stored, removed, change.at);
  return stored;
}

// Rows of (key, whole meeting time) as busy intervals per key, clipped to `window`, sorted and merged.
template <class Key>
std::map<Key, std::vector<Interval>> busy_per(std::vector<std::pair<Key, Interval>> rows, Interval window) {
  std::map<Key, std::vector<Interval>> busy;
  for (auto& [key, when] : rows) {
    busy[key].push_back({std::max(window.start, when.start), std::min(window.end, when.end)});
  }
  for (auto& [key, intervals] : busy) intervals = time::merge_intervals(std::move(intervals));
  return busy;
}

std::string hold_end_text(const Meeting& m) { return m.hold_expires_at ? utc_text(*m.hold_expires_at) : "?"; }

}  // namespace

std::vector<Result<Meeting>> RuleStore::book_meetings(const std::vector<BookingRequest>& requests) {
  std::vector<Result<Meeting>> answers;
  auto committed = backend_->run("booking meetings", Access::write, [&](Tables& t) -> Result<void> {
    answers.clear();
    for (const BookingRequest& r : requests) answers.push_back(book_one(t, r));
    return {};
  });
  if (!committed) answers.assign(requests.size(), committed.error());
  return answers;
}

Result<std::vector<Meeting>> RuleStore::import_meetings(const std::vector<ImportedMeeting>& meetings,
                                                        const Change& change) {
  if (auto valid = validate(meetings); !valid) return valid.error();
  return in_run<std::vector<Meeting>>(
      "importing meetings", Access::write, [&](Tables& t) -> Result<std::vector<Meeting>> {
        std::vector<Meeting> out;
        boost::json::array ids;
        for (std::size_t i = 0; i < meetings.size(); ++i) {
          const ImportedMeeting& m = meetings[i];
          auto written = write_meeting(t, m.meeting, m.status, m.reschedules, m.created_at);
          if (!written) return imported_error(i, written.error());
          ids.push_back(written->id.value);
          out.push_back(std::move(*written));
        }
        boost::json::object after{{"count", out.size()}, {"ids", std::move(ids)}};
        audit(t, change, "import_meetings", "", boost::json::serialize(after));
        return out;
      });
}

Result<Meeting> RuleStore::cancel_meeting(MeetingId id, const Change& change) {
  return in_run<Meeting>("cancelling a meeting", Access::write, [&](Tables& t) -> Result<Meeting> {
    auto before = require_scheduled(t.meeting(id), id);
    if (!before) return before.error();
    Meeting after = *before;
    after.status = MeetingStatus::cancelled;
    after.sequence += 1;
    after.updated_at = change.at;
    return write_change(t, *before, after, "cancel", change, {});
  });
}

Result<Meeting> RuleStore::confirm_hold(MeetingId id, const Change& change) {
  return in_run<Meeting>("confirming a hold", Access::write, [&](Tables& t) -> Result<Meeting> {
    auto before = require_held(t.meeting(id), id);
    if (!before) return before.error();
    if (before->hold_expires_at && *before->hold_expires_at <= change.at) {
      return Error{Errc::not_held,
                   "the hold of meeting " + std::to_string(id.value) + " ran out at " + hold_end_text(*before), {}};
    }
    Meeting after = *before;
    after.status = MeetingStatus::scheduled;
    after.sequence += 1;
    after.updated_at = change.at;
    return write_change(t, *before, after, "confirm_hold", change, {});
  });
}

Result<Meeting> RuleStore::end_hold(MeetingId id, const Change& change, const char* action, bool only_when_due) {
  return in_run<Meeting>("ending a hold", Access::write, [&](Tables& t) -> Result<Meeting> {
    auto before = require_held(t.meeting(id), id);
    if (!before) return before.error();
    if (only_when_due && before->hold_expires_at && *before->hold_expires_at > change.at) {
      return Error{Errc::conflict,
                   "the hold of meeting " + std::to_string(id.value) + " runs until " + hold_end_text(*before), {}};
    }
    Meeting after = *before;
    after.status = MeetingStatus::expired;
    after.sequence += 1;
    after.updated_at = change.at;
    return write_change(t, *before, after, action, change, {});
  });
}

Result<Meeting> RuleStore::release_hold(MeetingId id, const Change& change) {
  return end_hold(id, change, "release_hold", false);
}

Result<Meeting> RuleStore::expire_hold(MeetingId id, const Change& change) {
  return end_hold(id, change, "expire_hold", true);
}

Result<std::vector<Meeting>> RuleStore::holds_due(Instant now) {
  return in_run<std::vector<Meeting>>("listing holds that are due", Access::read,
                                      [&](Tables& t) -> Result<std::vector<Meeting>> { return t.holds_due(now); });
}

Result<Meeting> RuleStore::reschedule_meeting(MeetingId id, Interval when, bool in_hole, const Change& change,
                                              const std::vector<ParticipantId>& remove) {
  if (when.empty()) return Error{Errc::invalid_argument, "the meeting must end after it starts", Location::at_field("when")};
  return in_run<Meeting>("rescheduling a meeting", Access::write, [&](Tables& t) -> Result<Meeting> {
    auto before = require_scheduled(t.meeting(id), id);
    if (!before) return before.error();
    auto staying = attendees_without(*before, remove);
    if (!staying) return staying.error();
    Meeting after = *before;
    after.attendees = asked_anew(std::move(*staying), before->organizer);
    after.participants = asked_anew(std::move(after.participants));
    after.when = when;
    if (auto free = check_free(t, after, id); !free) return free.error();
    after.in_hole = in_hole;
    after.sequence += 1;
    after.reschedules += 1;
    after.updated_at = change.at;
    return write_change(t, *before, after, "reschedule", change, remove);
  });
}

Result<Meeting> RuleStore::meeting(MeetingId id) {
  return in_run<Meeting>("reading a meeting", Access::read, [&](Tables& t) -> Result<Meeting> {
    auto m = t.meeting(id);
    if (!m) return no_meeting(id);
    return std::move(*m);
  });
}

Result<std::vector<Meeting>> RuleStore::meetings_for_case(const CaseRef& ref) {
  return in_run<std::vector<Meeting>>(
      "listing a case's meetings", Access::read,
      [&](Tables& t) -> Result<std::vector<Meeting>> { return t.meetings_for_case(ref); });
}

Result<std::vector<Meeting>> RuleStore::meetings_in(Interval window, const std::optional<ParticipantId>& who) {
  return in_run<std::vector<Meeting>>(
      "listing meetings", Access::read,
      [&](Tables& t) -> Result<std::vector<Meeting>> { return t.meetings_in(window, who); });
}

Result<BusyByParticipant> RuleStore::busy_from_bookings(Interval window) {
  return in_run<BusyByParticipant>("reading bookings as busy", Access::read, [&](Tables& t) -> Result<BusyByParticipant> {
    return busy_per(t.attendance(window), window);
  });
}

Result<BusyByRoom> RuleStore::busy_rooms(Interval window) {
  return in_run<BusyByRoom>("reading rooms' bookings", Access::read, [&](Tables& t) -> Result<BusyByRoom> {
    return busy_per(t.room_occupancy(window), window);
  });
}

Result<BusyByCaseParticipant> RuleStore::busy_of_case_participants(CaseId id, Interval window) {
  return in_run<BusyByCaseParticipant>(
      "reading participants' bookings", Access::read,
      [&](Tables& t) -> Result<BusyByCaseParticipant> { return busy_per(t.case_attendance(id, window), window); });
}

}  // namespace yhteisaika::store::detail
