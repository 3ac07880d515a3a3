#pragma once
// Test support: a Store that hands every call to another one. A test derives
// from it and overrides the calls it wants to watch or to interfere with (e.g.
// another coordinator's booking landing just before a write), the rest passing
// through unchanged.

#include <yhteisaika/store/store.hpp>

#include <memory>
#include <utility>

namespace yhteisaika::test {

class ForwardingStore : public store::Store {
 public:
  explicit ForwardingStore(std::unique_ptr<store::Store> inner) : inner_(std::move(inner)) {}

  void set_busy_timeout(std::chrono::milliseconds timeout) override { inner_->set_busy_timeout(timeout); }
  Result<void> create_professional(const store::Professional& p, const store::Change& change) override {
    return inner_->create_professional(p, change);
  }
  Result<void> update_professional(const store::Professional& p, const store::Change& change) override {
    return inner_->update_professional(p, change);
  }
  Result<store::Professional> professional(const ParticipantId& id) override { return inner_->professional(id); }
  Result<std::vector<store::Professional>> professionals() override { return inner_->professionals(); }
  Result<void> create_room(const store::Room& r, const store::Change& change) override {
    return inner_->create_room(r, change);
  }
  Result<void> update_room(const store::Room& r, const store::Change& change) override {
    return inner_->update_room(r, change);
  }
  Result<store::Room> room(const RoomId& id) override { return inner_->room(id); }
  Result<std::vector<store::Room>> rooms() override { return inner_->rooms(); }
  Result<void> delete_room(const RoomId& id, const store::Change& change) override {
    return inner_->delete_room(id, change);
  }
  Result<store::Case> create_case(const store::Case& c, const store::Change& change) override {
    return inner_->create_case(c, change);
  }
  Result<store::Case> case_by_id(store::CaseId id) override { return inner_->case_by_id(id); }
  Result<store::Case> case_by_ref(const CaseRef& ref) override { return inner_->case_by_ref(ref); }
  Result<std::vector<store::Case>> list_cases(const store::CaseFilter& filter) override {
    return inner_->list_cases(filter);
  }
  Result<store::Case> update_case(store::CaseId id, const store::CaseUpdate& update,
                                  const store::Change& change) override {
    return inner_->update_case(id, update, change);
  }
  Result<store::Case> move_stage(store::CaseId id, cases::Stage from, cases::Stage to,
                                 const store::Change& change) override {
    return inner_->move_stage(id, from, to, change);
  }
  Result<cases::Participant> add_participant(store::CaseId id, const cases::Participant& p,
                                             const store::Change& change) override {
    return inner_->add_participant(id, p, change);
  }
  Result<cases::Participant> update_participant(store::CaseId id, const cases::Participant& p,
                                                const store::Change& change) override {
    return inner_->update_participant(id, p, change);
  }
  Result<void> remove_participant(store::CaseId id, const std::string& participant,
                                  const store::Change& change) override {
    return inner_->remove_participant(id, participant, change);
  }
  Result<std::vector<store::CaseId>> erase_closed_contacts(std::chrono::days retention,
                                                           const store::Change& change) override {
    return inner_->erase_closed_contacts(retention, change);
  }
  std::vector<Result<store::Meeting>> book_meetings(const std::vector<store::BookingRequest>& requests) override {
    return inner_->book_meetings(requests);
  }
  Result<std::vector<store::Meeting>> import_meetings(const std::vector<store::ImportedMeeting>& meetings,
                                                      const store::Change& change) override {
    return inner_->import_meetings(meetings, change);
  }
  Result<store::Meeting> cancel_meeting(store::MeetingId id, const store::Change& change) override {
    return inner_->cancel_meeting(id, change);
  }
  Result<store::Meeting> confirm_hold(store::MeetingId id, const store::Change& change) override {
    return inner_->confirm_hold(id, change);
  }
  Result<store::Meeting> release_hold(store::MeetingId id, const store::Change& change) override {
    return inner_->release_hold(id, change);
  }
  Result<store::Meeting> expire_hold(store::MeetingId id, const store::Change& change) override {
    return inner_->expire_hold(id, change);
  }
  Result<std::vector<store::Meeting>> holds_due(time::Instant now) override { return inner_->holds_due(now); }
  Result<store::Meeting> reschedule_meeting(store::MeetingId id, time::Interval when, bool in_hole,
                                            const store::Change& change,
                                            const std::vector<ParticipantId>& remove) override {
    return inner_->reschedule_meeting(id, when, in_hole, change, remove);
  }
  Result<store::Meeting> meeting(store::MeetingId id) override { return inner_->meeting(id); }
  Result<std::vector<store::Meeting>> meetings_for_case(const CaseRef& ref) override {
    return inner_->meetings_for_case(ref);
  }
  Result<std::vector<store::Meeting>> meetings_in(time::Interval window,
                                                  const std::optional<ParticipantId>& who) override {
    return inner_->meetings_in(window, who);
  }
  Result<store::BusyByParticipant> busy_from_bookings(time::Interval window) override {
    return inner_->busy_from_bookings(window);
  }
  Result<store::BusyByRoom> busy_rooms(time::Interval window) override { return inner_->busy_rooms(window); }
  Result<store::BusyByCaseParticipant> busy_of_case_participants(store::CaseId id, time::Interval window) override {
    return inner_->busy_of_case_participants(id, window);
  }
  Result<store::IssuedToken> issue_token(const std::string& name, store::TokenRole role,
                                         const store::Change& change) override {
    return inner_->issue_token(name, role, change);
  }
  Result<std::optional<store::ApiToken>> verify_token(const std::string& secret) override {
    return inner_->verify_token(secret);
  }
  Result<std::string> rotate_feed_secret(const ParticipantId& id, const store::Change& change) override {
    return inner_->rotate_feed_secret(id, change);
  }
  Result<std::optional<ParticipantId>> feed_owner(const std::string& secret) override {
    return inner_->feed_owner(secret);
  }
  Result<std::string> rotate_room_feed_secret(const RoomId& id, const store::Change& change) override {
    return inner_->rotate_room_feed_secret(id, change);
  }
  Result<std::optional<RoomId>> room_feed_owner(const std::string& secret) override {
    return inner_->room_feed_owner(secret);
  }
  Result<std::int64_t> others_changed() override { return inner_->others_changed(); }
  Result<std::vector<store::AuditEntry>> audit_log(time::Interval window) override {
    return inner_->audit_log(window);
  }
  Result<std::vector<store::MailNotice>> mail_notices(int limit) override { return inner_->mail_notices(limit); }
  Result<void> enqueue_mail(std::int64_t notice_id, const std::vector<store::OutgoingMail>& mails,
                            time::Instant at) override {
    return inner_->enqueue_mail(notice_id, mails, at);
  }
  Result<std::vector<store::OutboxEntry>> due_mail(time::Instant now, int limit) override {
    return inner_->due_mail(now, limit);
  }
  Result<void> mail_sent(std::int64_t id, time::Instant at) override { return inner_->mail_sent(id, at); }
  Result<void> mail_not_sent(std::int64_t id, const std::string& error,
                             std::optional<time::Instant> next) override {
    return inner_->mail_not_sent(id, error, next);
  }
  Result<std::vector<store::OutboxEntry>> outbox(std::optional<store::MailStatus> status, int limit) override {
    return inner_->outbox(status, limit);
  }
  Result<std::optional<store::AnswerLink>> answer_link(const std::string& secret) override {
    return inner_->answer_link(secret);
  }
  Result<store::AnswerOutcome> record_answer(store::MeetingId id, const ParticipantId& who, int sequence,
                                             const std::string& partstat, const std::string& via,
                                             const store::Change& change) override {
    return inner_->record_answer(id, who, sequence, partstat, via, change);
  }

 protected:
  store::Store& inner() { return *inner_; }

 private:
  std::unique_ptr<store::Store> inner_;
};

}  // namespace yhteisaika::test
