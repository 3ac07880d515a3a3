// The Store contract, kept once over any Backend (tables.hpp).

#include "rules.hpp"
#include "tables.hpp"

#include <yhteisaika/store/sha256.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <type_traits>

namespace yhteisaika::store::detail {

namespace {

using time::Instant;
using time::Interval;
using Access = Backend::Access;

void audit(Tables& t, const Change& change, const char* action, std::string before, std::string after) {
  t.insert_audit({0, change.actor, action, change.at, std::move(before), std::move(after)});
}

// The change to `m` waits to be told by e-mail (in the change's own transaction).
void notice(Tables& t, const Meeting& m, const std::vector<ParticipantId>& removed, Instant at) {
  t.insert_notice({0, m.id, m.sequence, removed, at});
}

// Whether every REQUIRED attendee is free for `when`: none has a scheduled
// meeting other than `exclude` that overlaps it, whatever their role there.
// Optional attendees are not checked: they never block a slot and may be
// double-booked by choice (docs/scheduling-rules.md, "Choosing"). Errc::slot_taken
// names everyone who is not free, with the meeting they have; `where` is the
// first of them.
Result<void> check_free(Tables& t, const std::vector<Attendee>& attendees, Interval when, MeetingId exclude) {
  std::string taken;
  Location where;
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    if (attendees[i].role != AttendeeRole::required) continue;
    if (auto other = t.clash(attendees[i].id, when, exclude)) {
      taken += (taken.empty() ? "" : ", ") + attendees[i].id.value + " (meeting " + std::to_string(other->value) + ")";
      if (where.empty()) where = Location::at_field(attendee_field(i));
    }
  }
  if (taken.empty()) return {};
  return Error{Errc::slot_taken, "already booked at that time: " + taken, where};
}

Result<void> save_case(Tables& t, const Case& c) {
  if (!c.identified_on.ok()) return Error{Errc::invalid_argument, "not a valid date",
                                          Location::at_field("identified_on")};
  if (!t.professional(c.coordinator)) {
    return Error{Errc::invalid_argument, "no professional " + c.coordinator.value, Location::at_field("coordinator")};
  }
  t.put_case(c);
  return {};
}

// Checks and writes one meeting (with its case_record), re-checked when
// scheduled; unaudited. On an error the caller undoes what it wrote.
Result<Meeting> write_meeting(Tables& t, const NewMeeting& m, MeetingStatus status, int reschedules,
                              Instant created_at) {
  if (m.case_record) {
    if (auto saved = save_case(t, *m.case_record); !saved) return saved.error();
  }
  if (!t.find_case(m.case_ref)) return Error{Errc::invalid_argument, "no case " + m.case_ref.value,
                                             Location::at_field("case_ref")};
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    if (!t.professional(m.attendees[i].id)) {
      return Error{Errc::invalid_argument, "no professional " + m.attendees[i].id.value,
                   Location::at_field(attendee_field(i))};
    }
  }
  if (status == MeetingStatus::scheduled) {
    if (auto free = check_free(t, m.attendees, m.when, MeetingId{}); !free) return free.error();
  }
  const MeetingId id = t.insert_meeting(new_meeting(m, status, reschedules, created_at));
  return *t.meeting(id);
}

// One booking of a batch, in a savepoint: refused (or failing), it writes nothing.
Result<Meeting> book_one(Tables& t, const BookingRequest& r) {
  if (auto valid = validate(r.meeting); !valid) return valid.error();
  std::optional<Meeting> booked;
  auto tried = t.attempt("booking a meeting", [&]() -> Result<void> {
    auto m = write_meeting(t, r.meeting, MeetingStatus::scheduled, 0, r.change.at);
    if (!m) return m.error();
    audit(t, r.change, "book", "", meeting_json(*m));
    notice(t, *m, {}, r.change.at);
    booked = std::move(*m);
    return {};
  });
  if (!tried) return tried.error();
  return std::move(*booked);
}

// Stores `after` over `before` (a cancel or a move), audited as `action`, with its notice.
Meeting write_change(Tables& t, const Meeting& before, const Meeting& after, const char* action, const Change& change,
                     const std::vector<ParticipantId>& removed) {
  t.update_meeting(after);
  Meeting stored = *t.meeting(after.id);
  audit(t, change, action, meeting_json(before), meeting_json(stored));
  notice(t, stored, removed, change.at);
  return stored;
}

BusyByParticipant busy_in(Tables& t, Interval window) {
  BusyByParticipant busy;
  for (auto& [id, when] : t.attendance(window)) {
    busy[id].push_back({std::max(window.start, when.start), std::min(window.end, when.end)});
  }
  for (auto& [id, intervals] : busy) intervals = time::merge_intervals(std::move(intervals));
  return busy;
}

class RuleStore final : public Store {
 public:
  explicit RuleStore(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}

  void set_busy_timeout(std::chrono::milliseconds timeout) override {
    backend_->set_busy_timeout(std::max(timeout, std::chrono::milliseconds{0}));
  }

  Result<void> create_professional(const Professional& p, const Change& change) override {
    return in_run<void>("creating a professional", Access::write, [&](Tables& t) -> Result<void> {
      if (t.professional(p.id)) {
        return Error{Errc::already_exists, "a professional with id " + p.id.value + " exists already",
                     Location::at_field("id")};
      }
      t.put_professional(p);
      audit(t, change, "create_professional", "", professional_json(p));
      return {};
    });
  }

  Result<void> update_professional(const Professional& p, const Change& change) override {
    return in_run<void>("updating a professional", Access::write, [&](Tables& t) -> Result<void> {
      auto before = t.professional(p.id);
      if (!before) return no_professional(p.id);
      t.put_professional(p);
      audit(t, change, "update_professional", professional_json(*before), professional_json(p));
      return {};
    });
  }

  Result<Professional> professional(const ParticipantId& id) override {
    return in_run<Professional>("reading a professional", Access::read, [&](Tables& t) -> Result<Professional> {
      auto p = t.professional(id);
      if (!p) return no_professional(id);
      return std::move(*p);
    });
  }

  Result<std::vector<Professional>> professionals() override {
    return in_run<std::vector<Professional>>(
        "listing professionals", Access::read,
        [&](Tables& t) -> Result<std::vector<Professional>> { return t.professionals(); });
  }

  Result<Case> case_by_ref(const CaseRef& ref) override {
    return in_run<Case>("reading a case", Access::read, [&](Tables& t) -> Result<Case> {
      auto c = t.find_case(ref);
      if (!c) return Error{Errc::not_found, "no case " + ref.value, {}};
      return std::move(*c);
    });
  }

  std::vector<Result<Meeting>> book_meetings(const std::vector<BookingRequest>& requests) override {
    std::vector<Result<Meeting>> answers;
    auto committed = backend_->run("booking meetings", Access::write, [&](Tables& t) -> Result<void> {
      answers.clear();
      for (const BookingRequest& r : requests) answers.push_back(book_one(t, r));
      return {};
    });
    if (!committed) answers.assign(requests.size(), committed.error());
    return answers;
  }

  Result<std::vector<Meeting>> import_meetings(const std::vector<ImportedMeeting>& meetings,
                                               const Change& change) override {
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

  Result<Meeting> cancel_meeting(MeetingId id, const Change& change) override {
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

  Result<Meeting> reschedule_meeting(MeetingId id, Interval when, bool in_hole, const Change& change,
                                     const std::vector<ParticipantId>& remove) override {
    if (when.empty()) return Error{Errc::invalid_argument, "the meeting must end after it starts",
                                   Location::at_field("when")};
    return in_run<Meeting>("rescheduling a meeting", Access::write, [&](Tables& t) -> Result<Meeting> {
      auto before = require_scheduled(t.meeting(id), id);
      if (!before) return before.error();
      auto staying = attendees_without(*before, remove);
      if (!staying) return staying.error();
      if (auto free = check_free(t, *staying, when, id); !free) return free.error();
      Meeting after = *before;
      after.attendees = asked_anew(std::move(*staying), before->organizer);
      after.when = when;
      after.in_hole = in_hole;
      after.sequence += 1;
      after.reschedules += 1;
      after.updated_at = change.at;
      return write_change(t, *before, after, "reschedule", change, remove);
    });
  }

  Result<Meeting> meeting(MeetingId id) override {
    return in_run<Meeting>("reading a meeting", Access::read, [&](Tables& t) -> Result<Meeting> {
      auto m = t.meeting(id);
      if (!m) return no_meeting(id);
      return std::move(*m);
    });
  }

  Result<std::vector<Meeting>> meetings_for_case(const CaseRef& ref) override {
    return in_run<std::vector<Meeting>>(
        "listing a case's meetings", Access::read,
        [&](Tables& t) -> Result<std::vector<Meeting>> { return t.meetings_for_case(ref); });
  }

  Result<std::vector<Meeting>> meetings_in(Interval window, const std::optional<ParticipantId>& who) override {
    return in_run<std::vector<Meeting>>(
        "listing meetings", Access::read,
        [&](Tables& t) -> Result<std::vector<Meeting>> { return t.meetings_in(window, who); });
  }

  Result<BusyByParticipant> busy_from_bookings(Interval window) override {
    return in_run<BusyByParticipant>("reading bookings as busy", Access::read,
                                     [&](Tables& t) -> Result<BusyByParticipant> { return busy_in(t, window); });
  }

  Result<IssuedToken> issue_token(const std::string& name, TokenRole role, const Change& change) override {
    if (name.empty()) return Error{Errc::invalid_argument, "a token needs a name", Location::at_field("name")};
    return in_run<IssuedToken>("issuing a token", Access::write, [&](Tables& t) -> Result<IssuedToken> {
      IssuedToken issued{{0, name, role, change.at}, random_secret()};
      issued.token.id = t.insert_token(issued.token, sha256_hex(issued.secret));
      boost::json::object after{{"id", issued.token.id}, {"name", name}, {"role", to_string(role)}};
      audit(t, change, "issue_token", "", boost::json::serialize(after));
      return issued;
    });
  }

  Result<std::optional<ApiToken>> verify_token(const std::string& secret) override {
    if (secret.empty()) return std::optional<ApiToken>{};
    return in_run<std::optional<ApiToken>>(
        "verifying a token", Access::read,
        [&](Tables& t) -> Result<std::optional<ApiToken>> { return t.token_by_hash(sha256_hex(secret)); });
  }

  Result<std::string> rotate_feed_secret(const ParticipantId& id, const Change& change) override {
    return in_run<std::string>("rotating a feed secret", Access::write, [&](Tables& t) -> Result<std::string> {
      if (!t.professional(id)) return no_professional(id);
      std::string secret = random_secret();
      t.put_feed_secret(id, sha256_hex(secret), change.at);
      boost::json::object after{{"participant", id.value}};
      audit(t, change, "rotate_feed_secret", "", boost::json::serialize(after));
      return secret;
    });
  }

  Result<std::optional<ParticipantId>> feed_owner(const std::string& secret) override {
    if (secret.empty()) return std::optional<ParticipantId>{};
    return in_run<std::optional<ParticipantId>>(
        "looking up a feed", Access::read,
        [&](Tables& t) -> Result<std::optional<ParticipantId>> { return t.feed_owner_by_hash(sha256_hex(secret)); });
  }

  Result<std::int64_t> others_changed() override { return backend_->others_changed(); }

  Result<std::vector<AuditEntry>> audit_log(Interval window) override {
    return in_run<std::vector<AuditEntry>>(
        "reading the audit log", Access::read,
        [&](Tables& t) -> Result<std::vector<AuditEntry>> { return t.audit_log(window); });
  }

  Result<std::vector<MailNotice>> mail_notices(int limit) override {
    return in_run<std::vector<MailNotice>>(
        "reading mail notices", Access::read,
        [&](Tables& t) -> Result<std::vector<MailNotice>> { return t.mail_notices(limit); });
  }

  Result<void> enqueue_mail(std::int64_t notice_id, const std::vector<OutgoingMail>& mails, Instant at) override {
    return in_run<void>("queueing mail", Access::write, [&](Tables& t) -> Result<void> {
      for (const OutgoingMail& m : mails) {
        t.insert_mail(queued_mail(m, at));
        if (!m.answer_secret.empty()) {
          t.insert_answer_link(sha256_hex(m.answer_secret), {m.meeting, m.participant, m.sequence}, at);
        }
      }
      t.delete_notice(notice_id);
      return {};
    });
  }

  Result<std::vector<OutboxEntry>> due_mail(Instant now, int limit) override {
    return in_run<std::vector<OutboxEntry>>(
        "reading the outbox", Access::read,
        [&](Tables& t) -> Result<std::vector<OutboxEntry>> { return t.due_mail(now, limit); });
  }

  Result<void> mail_sent(std::int64_t id, Instant at) override {
    return in_run<void>("marking mail sent", Access::write, [&](Tables& t) -> Result<void> {
      t.mark_sent(id, at);
      return {};
    });
  }

  Result<void> mail_not_sent(std::int64_t id, const std::string& error, std::optional<Instant> next) override {
    return in_run<void>("marking mail not sent", Access::write, [&](Tables& t) -> Result<void> {
      t.mark_not_sent(id, error, next ? MailStatus::queued : MailStatus::failed, next.value_or(Instant{}));
      return {};
    });
  }

  Result<std::vector<OutboxEntry>> outbox(std::optional<MailStatus> status, int limit) override {
    return in_run<std::vector<OutboxEntry>>(
        "listing the outbox", Access::read,
        [&](Tables& t) -> Result<std::vector<OutboxEntry>> { return t.outbox(status, limit); });
  }

  Result<std::optional<AnswerLink>> answer_link(const std::string& secret) override {
    if (secret.empty()) return std::optional<AnswerLink>{};
    return in_run<std::optional<AnswerLink>>(
        "looking up an answer link", Access::read,
        [&](Tables& t) -> Result<std::optional<AnswerLink>> { return t.answer_link_by_hash(sha256_hex(secret)); });
  }

  Result<AnswerOutcome> record_answer(MeetingId id, const ParticipantId& who, int sequence, const std::string& partstat,
                                      const std::string& via, const Change& change) override {
    return in_run<AnswerOutcome>("recording an answer", Access::write, [&](Tables& t) -> Result<AnswerOutcome> {
      auto m = t.meeting(id);
      if (!m) return no_meeting(id);
      if (auto outcome = answer_outcome(*m, who, sequence); outcome != AnswerOutcome::applied) return outcome;
      auto a = std::find_if(m->attendees.begin(), m->attendees.end(), [&](const Attendee& x) { return x.id == who; });
      boost::json::object before{{"meeting", id.value}, {"participant", who.value}, {"partstat", a->partstat}};
      a->partstat = partstat;
      a->answered_at = change.at;
      t.update_meeting(*m);
      boost::json::object after{{"meeting", id.value},
                                {"participant", who.value},
                                {"partstat", partstat},
                                {"sequence", sequence},
                                {"via", via}};
      audit(t, change, "answer", boost::json::serialize(before), boost::json::serialize(after));
      return AnswerOutcome::applied;
    });
  }

 private:
  // Runs `body` (Tables& -> Result<T>) in one run of the backend and returns its answer.
  template <class T, class Body>
  Result<T> in_run(const char* what, Access access, Body&& body) {
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

  std::unique_ptr<Backend> backend_;
};

}  // namespace

std::unique_ptr<Store> make_store(std::unique_ptr<Backend> backend) {
  return std::make_unique<RuleStore>(std::move(backend));
}

}  // namespace yhteisaika::store::detail
