// The Store contract over any Backend (rule_store.hpp): professionals, rooms,
// secrets, the audit log, mail and answers. Bookings and holds are
// rule_store_meetings.cpp's; cases rule_store_cases.cpp's.

#include "rule_store.hpp"

#include "rules.hpp"

#include <yhteisaika/store/sha256.hpp>

#include <boost/json.hpp>

#include <algorithm>

namespace yhteisaika::store::detail {

using time::Instant;
using time::Interval;
using Access = Backend::Access;

void audit(Tables& t, const Change& change, const char* action, std::string before, std::string after) {
  t.insert_audit({0, change.actor, action, change.at, std::move(before), std::move(after)});
}

void notice(Tables& t, const Meeting& m, const std::vector<ParticipantId>& removed, Instant at) {
  t.insert_notice({0, m.id, m.sequence, removed, at});
}

void RuleStore::set_busy_timeout(std::chrono::milliseconds timeout) {
  backend_->set_busy_timeout(std::max(timeout, std::chrono::milliseconds{0}));
}

// --- Professionals and rooms -------------------------------------------------------

Result<void> RuleStore::create_professional(const Professional& p, const Change& change) {
  return in_run<void>("creating a professional", Access::write, [&](Tables& t) -> Result<void> {
    if (t.professional(p.id)) {
      return Error{Errc::already_exists, "a professional with id " + p.id.value + " exists already", Location::at_field("id")};
    }
    t.put_professional(p);
    audit(t, change, "create_professional", "", professional_json(p));
    return {};
  });
}

Result<void> RuleStore::update_professional(const Professional& p, const Change& change) {
  return in_run<void>("updating a professional", Access::write, [&](Tables& t) -> Result<void> {
    auto before = t.professional(p.id);
    if (!before) return no_professional(p.id);
    t.put_professional(p);
    audit(t, change, "update_professional", professional_json(*before), professional_json(p));
    return {};
  });
}

Result<Professional> RuleStore::professional(const ParticipantId& id) {
  return in_run<Professional>("reading a professional", Access::read, [&](Tables& t) -> Result<Professional> {
    auto p = t.professional(id);
    if (!p) return no_professional(id);
    return std::move(*p);
  });
}

Result<std::vector<Professional>> RuleStore::professionals() {
  return in_run<std::vector<Professional>>(
      "listing professionals", Access::read,
      [&](Tables& t) -> Result<std::vector<Professional>> { return t.professionals(); });
}

Result<void> RuleStore::create_room(const Room& r, const Change& change) {
  if (auto valid = validate(r); !valid) return valid.error();
  return in_run<void>("creating a room", Access::write, [&](Tables& t) -> Result<void> {
    if (t.room(r.id)) return Error{Errc::already_exists, "a room with id " + r.id.value + " exists already", Location::at_field("id")};
    t.put_room(r);
    audit(t, change, "create_room", "", room_json(r));
    return {};
  });
}

Result<void> RuleStore::update_room(const Room& r, const Change& change) {
  if (auto valid = validate(r); !valid) return valid.error();
  return in_run<void>("updating a room", Access::write, [&](Tables& t) -> Result<void> {
    auto before = t.room(r.id);
    if (!before) return no_room(r.id);
    t.put_room(r);
    audit(t, change, "update_room", room_json(*before), room_json(r));
    return {};
  });
}

Result<Room> RuleStore::room(const RoomId& id) {
  return in_run<Room>("reading a room", Access::read, [&](Tables& t) -> Result<Room> {
    auto r = t.room(id);
    if (!r) return no_room(id);
    return std::move(*r);
  });
}

Result<std::vector<Room>> RuleStore::rooms() {
  return in_run<std::vector<Room>>("listing rooms", Access::read,
                                   [&](Tables& t) -> Result<std::vector<Room>> { return t.rooms(); });
}

Result<void> RuleStore::delete_room(const RoomId& id, const Change& change) {
  return in_run<void>("deleting a room", Access::write, [&](Tables& t) -> Result<void> {
    auto before = t.room(id);
    if (!before) return no_room(id);
    if (auto taken = t.room_booked_after(id, change.at)) {
      return Error{Errc::conflict,
                   "room " + id.value + " is booked for meeting " + std::to_string(taken->value) +
                       "; cancel or move it first",
                   Location::at_field("id")};
    }
    t.delete_room(id);
    audit(t, change, "delete_room", room_json(*before), "");
    return {};
  });
}

// --- Secrets and the audit log --------------------------------------------------------

Result<IssuedToken> RuleStore::issue_token(const std::string& name, TokenRole role, const Change& change) {
  if (name.empty()) return Error{Errc::invalid_argument, "a token needs a name", Location::at_field("name")};
  return in_run<IssuedToken>("issuing a token", Access::write, [&](Tables& t) -> Result<IssuedToken> {
    IssuedToken issued{{0, name, role, change.at}, random_secret()};
    issued.token.id = t.insert_token(issued.token, sha256_hex(issued.secret));
    boost::json::object after{{"id", issued.token.id}, {"name", name}, {"role", to_string(role)}};
    audit(t, change, "issue_token", "", boost::json::serialize(after));
    return issued;
  });
}

Result<std::optional<ApiToken>> RuleStore::verify_token(const std::string& secret) {
  if (secret.empty()) return std::optional<ApiToken>{};
  return in_run<std::optional<ApiToken>>(
      "verifying a token", Access::read,
      [&](Tables& t) -> Result<std::optional<ApiToken>> { return t.token_by_hash(sha256_hex(secret)); });
}

Result<std::string> RuleStore::rotate_feed_secret(const ParticipantId& id, const Change& change) {
  return in_run<std::string>("rotating a feed secret", Access::write, [&](Tables& t) -> Result<std::string> {
    if (!t.professional(id)) return no_professional(id);
    std::string secret = random_secret();
    t.put_feed_secret(id, sha256_hex(secret), change.at);
    boost::json::object after{{"participant", id.value}};
    audit(t, change, "rotate_feed_secret", "", boost::json::serialize(after));
    return secret;
  });
}

Result<std::optional<ParticipantId>> RuleStore::feed_owner(const std::string& secret) {
  if (secret.empty()) return std::optional<ParticipantId>{};
  return in_run<std::optional<ParticipantId>>(
      "looking up a feed", Access::read,
      [&](Tables& t) -> Result<std::optional<ParticipantId>> { return t.feed_owner_by_hash(sha256_hex(secret)); });
}

Result<std::string> RuleStore::rotate_room_feed_secret(const RoomId& id, const Change& change) {
  return in_run<std::string>("rotating a room's feed secret", Access::write, [&](Tables& t) -> Result<std::string> {
    if (!t.room(id)) return no_room(id);
    std::string secret = random_secret();
    t.put_room_feed_secret(id, sha256_hex(secret), change.at);
    boost::json::object after{{"room", id.value}};
    audit(t, change, "rotate_room_feed_secret", "", boost::json::serialize(after));
    return secret;
  });
}

Result<std::optional<RoomId>> RuleStore::room_feed_owner(const std::string& secret) {
  if (secret.empty()) return std::optional<RoomId>{};
  return in_run<std::optional<RoomId>>(
      "looking up a room's feed", Access::read,
      [&](Tables& t) -> Result<std::optional<RoomId>> { return t.room_feed_owner_by_hash(sha256_hex(secret)); });
}

Result<std::int64_t> RuleStore::others_changed() { return backend_->others_changed(); }

Result<std::vector<AuditEntry>> RuleStore::audit_log(Interval window) {
  return in_run<std::vector<AuditEntry>>(
      "reading the audit log", Access::read,
      [&](Tables& t) -> Result<std::vector<AuditEntry>> { return t.audit_log(window); });
}

// --- E-mail and answers -------------------------------------------------------------

Result<std::vector<MailNotice>> RuleStore::mail_notices(int limit) {
  return in_run<std::vector<MailNotice>>(
      "reading mail notices", Access::read,
      [&](Tables& t) -> Result<std::vector<MailNotice>> { return t.mail_notices(limit); });
}

Result<void> RuleStore::enqueue_mail(std::int64_t notice_id, const std::vector<OutgoingMail>& mails, Instant at) {
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

Result<std::vector<OutboxEntry>> RuleStore::due_mail(Instant now, int limit) {
  return in_run<std::vector<OutboxEntry>>(
      "reading the outbox", Access::read,
      [&](Tables& t) -> Result<std::vector<OutboxEntry>> { return t.due_mail(now, limit); });
}

Result<void> RuleStore::mail_sent(std::int64_t id, Instant at) {
  return in_run<void>("marking mail sent", Access::write, [&](Tables& t) -> Result<void> {
    t.mark_sent(id, at);
    return {};
  });
}

Result<void> RuleStore::mail_not_sent(std::int64_t id, const std::string& error, std::optional<Instant> next) {
  return in_run<void>("marking mail not sent", Access::write, [&](Tables& t) -> Result<void> {
    t.mark_not_sent(id, error, next ? MailStatus::queued : MailStatus::failed, next.value_or(Instant{}));
    return {};
  });
}

Result<std::vector<OutboxEntry>> RuleStore::outbox(std::optional<MailStatus> status, int limit) {
  return in_run<std::vector<OutboxEntry>>(
      "listing the outbox", Access::read,
      [&](Tables& t) -> Result<std::vector<OutboxEntry>> { return t.outbox(status, limit); });
}

Result<std::optional<AnswerLink>> RuleStore::answer_link(const std::string& secret) {
  if (secret.empty()) return std::optional<AnswerLink>{};
  return in_run<std::optional<AnswerLink>>(
      "looking up an answer link", Access::read,
      [&](Tables& t) -> Result<std::optional<AnswerLink>> { return t.answer_link_by_hash(sha256_hex(secret)); });
}

namespace {

// Sets the answer of `who` (an attendee, else a case participant) on `m`; the
// PARTSTAT it had. REQUIRES: answer_outcome(m, who, ...) is applied.
std::string set_answer(Meeting& m, const ParticipantId& who, const std::string& partstat, Instant at) {
  std::string before;
  const auto answer = [&](auto& a) {
    before = a.partstat;
    a.partstat = partstat;
    a.answered_at = at;
  };
  auto a = std::find_if(m.attendees.begin(), m.attendees.end(), [&](const Attendee& x) { return x.id == who; });
  if (a != m.attendees.end()) {
    answer(*a);
  } else {
    auto p = std::find_if(m.participants.begin(), m.participants.end(),
                          [&](const CaseAttendee& x) { return x.participant == who.value; });
    answer(*p);
  }
  return before;
}

}  // namespace

Result<AnswerOutcome> RuleStore::record_answer(MeetingId id, const ParticipantId& who, int sequence,
                                               const std::string& partstat, const std::string& via,
                                               const Change& change) {
  return in_run<AnswerOutcome>("recording an answer", Access::write, [&](Tables& t) -> Result<AnswerOutcome> {
    auto m = t.meeting(id);
    if (!m) return no_meeting(id);
    if (auto outcome = answer_outcome(*m, who, sequence); outcome != AnswerOutcome::applied) return outcome;
    const std::string was = set_answer(*m, who, partstat, change.at);
    t.update_meeting(*m);
    boost::json::object before{{"meeting", id.value}, {"participant", who.value}, {"partstat", was}};
    boost::json::object after{{"meeting", id.value},
                              {"participant", who.value},
                              {"partstat", partstat},
                              {"sequence", sequence},
                              {"via", via}};
    audit(t, change, "answer", boost::json::serialize(before), boost::json::serialize(after));
    return AnswerOutcome::applied;
  });
}

std::unique_ptr<Store> make_store(std::unique_ptr<Backend> backend) {
  return std::make_unique<RuleStore>(std::move(backend));
}

}  // namespace yhteisaika::store::detail
