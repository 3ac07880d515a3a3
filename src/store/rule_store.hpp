#pragma once
// Private to store/: the Store contract, kept once over any Backend
// (tables.hpp). Its members are defined by subject: rule_store.cpp
// (professionals, rooms, secrets, audit, mail and answers),
// rule_store_meetings.cpp (bookings and holds) and rule_store_cases.cpp (cases,
// their participants and erasure).

#include "tables.hpp"

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace yhteisaika::store::detail {

// Writes an audit entry for `change` in the current write run.
void audit(Tables& t, const Change& change, const char* action, std::string before, std::string after);
// The change to `m` waits to be told by e-mail (in the change's own transaction).
void notice(Tables& t, const Meeting& m, const std::vector<ParticipantId>& removed, time::Instant at);

// A case's own sense against the rows (create_case's checks): a reference, a
// valid date, a coordinator and team of professionals (none twice), a segment 1-4.
Result<void> check_case(Tables& t, const Case& c);
// Saves a booking's case_record (NewMeeting::case_record), unaudited: a new
// case, or the coordinator and identification date of the case it names.
Result<void> save_case_record(Tables& t, const Case& record);

class RuleStore final : public Store {
 public:
  explicit RuleStore(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}

  void set_busy_timeout(std::chrono::milliseconds timeout) override;

  Result<void> create_professional(const Professional& p, const Change& change) override;
  Result<void> update_professional(const Professional& p, const Change& change) override;
  Result<Professional> professional(const ParticipantId& id) override;
  Result<std::vector<Professional>> professionals() override;
  Result<void> create_room(const Room& r, const Change& change) override;
  Result<void> update_room(const Room& r, const Change& change) override;
  Result<Room> room(const RoomId& id) override;
  Result<std::vector<Room>> rooms() override;
  Result<void> delete_room(const RoomId& id, const Change& change) override;

  Result<Case> create_case(const Case& c, const Change& change) override;
  Result<Case> case_by_id(CaseId id) override;
  Result<Case> case_by_ref(const CaseRef& ref) override;
  Result<std::vector<Case>> list_cases(const CaseFilter& filter) override;
  Result<Case> update_case(CaseId id, const CaseUpdate& update, const Change& change) override;
  Result<Case> move_stage(CaseId id, cases::Stage from, cases::Stage to, const Change& change) override;
  Result<cases::Participant> add_participant(CaseId id, const cases::Participant& p, const Change& change) override;
  Result<cases::Participant> update_participant(CaseId id, const cases::Participant& p,
                                                const Change& change) override;
  Result<void> remove_participant(CaseId id, const std::string& participant, const Change& change) override;
  Result<std::vector<CaseId>> erase_closed_contacts(std::chrono::days retention, const Change& change) override;

  std::vector<Result<Meeting>> book_meetings(const std::vector<BookingRequest>& requests) override;
  Result<std::vector<Meeting>> import_meetings(const std::vector<ImportedMeeting>& meetings,
                                               const Change& change) override;
  Result<Meeting> cancel_meeting(MeetingId id, const Change& change) override;
  Result<Meeting> confirm_hold(MeetingId id, const Change& change) override;
  Result<Meeting> release_hold(MeetingId id, const Change& change) override;
  Result<Meeting> expire_hold(MeetingId id, const Change& change) override;
  Result<std::vector<Meeting>> holds_due(time::Instant now) override;
  Result<Meeting> reschedule_meeting(MeetingId id, time::Interval when, bool in_hole, const Change& change,
                                     const std::vector<ParticipantId>& remove) override;
  Result<Meeting> meeting(MeetingId id) override;
  Result<std::vector<Meeting>> meetings_for_case(const CaseRef& ref) override;
  Result<std::vector<Meeting>> meetings_in(time::Interval window, const std::optional<ParticipantId>& who) override;
  Result<BusyByParticipant> busy_from_bookings(time::Interval window) override;
  Result<BusyByRoom> busy_rooms(time::Interval window) override;
  Result<BusyByCaseParticipant> busy_of_case_participants(CaseId id, time::Interval window) override;

  Result<IssuedToken> issue_token(const std::string& name, TokenRole role, const Change& change) override;
  Result<std::optional<ApiToken>> verify_token(const std::string& secret) override;
  Result<std::string> rotate_feed_secret(const ParticipantId& id, const Change& change) override;
  Result<std::optional<ParticipantId>> feed_owner(const std::string& secret) override;
  Result<std::string> rotate_room_feed_secret(const RoomId& id, const Change& change) override;
  Result<std::optional<RoomId>> room_feed_owner(const std::string& secret) override;
  Result<std::int64_t> others_changed() override;
  Result<std::vector<AuditEntry>> audit_log(time::Interval window) override;

  Result<std::vector<MailNotice>> mail_notices(int limit) override;
  Result<void> enqueue_mail(std::int64_t notice_id, const std::vector<OutgoingMail>& mails,
                            time::Instant at) override;
  Result<std::vector<OutboxEntry>> due_mail(time::Instant now, int limit) override;
  Result<void> mail_sent(std::int64_t id, time::Instant at) override;
  Result<void> mail_not_sent(std::int64_t id, const std::string& error, std::optional<time::Instant> next) override;
  Result<std::vector<OutboxEntry>> outbox(std::optional<MailStatus> status, int limit) override;
  Result<std::optional<AnswerLink>> answer_link(const std::string& secret) override;
  Result<AnswerOutcome> record_answer(MeetingId id, const ParticipantId& who, int sequence,
                                      const std::string& partstat, const std::string& via,
                                      const Change& change) override;

 private:
  // Runs `body` (Tables& -> Result<T>) in one run of the backend and returns its answer.
  template <class T, class Body>
  Result<T> in_run(const char* what, Backend::Access access, Body&& body) {
    if constexpr (std::is_void_v<T>) {
      return backend_->run(what, access, body);
    } else {
      std::optional<T> out;
      auto done = backend_->run(what, access, [&](Tables& t) -> Result<void> {
        Result<T> r = body(t);
        if (!r) return r.error();
        out.emplace(std::move(*r));
        return {};
      });
      if (!done) return done.error();
      return std::move(*out);
    }
  }
  // A write run that ends a hold (release or expiry), audited as `action`.
  Result<Meeting> end_hold(MeetingId id, const Change& change, const char* action, bool only_when_due);

  std::unique_ptr<Backend> backend_;
};

}  // namespace yhteisaika::store::detail
