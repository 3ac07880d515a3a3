#include "mailer.hpp"

#include "mail_retry.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/calendar/itip_reply.hpp>
#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/mail/invite_text.hpp>
#include <yhteisaika/mail/mail_reader.hpp>

#include <algorithm>

namespace yhteisaika::service {

namespace {

using namespace std::chrono_literals;
using time::Instant;

constexpr int kBatch = 50;

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "yhteisaika.local" : address.substr(at + 1);
}

mail::InvitedPerson invited(const store::Attendee& a, const People& people) {
  auto it = people.find(a.id);
  return {it == people.end() ? a.id.value : it->second.name, it == people.end() ? "" : it->second.profession,
          a.role == store::AttendeeRole::required};
}

// A participant of the case as the mail's text names them: their label and
// kind in Finnish ("Äiti", "läheinen"), never a name.
mail::InvitedPerson invited(const store::CaseAttendee& a, const Circle& circle) {
  const cases::Participant* p = in_circle(circle, a.participant);
  return {p ? p->label : a.participant, p ? std::string(cases::finnish_word(p->kind)) : "",
          a.role == store::AttendeeRole::required};
}

// Everyone on `m` but `except` (a professional's or a participant's id), as the mail's text lists them.
std::vector<mail::InvitedPerson> others_on(const store::Meeting& m, const People& people, const Circle& circle,
                                           const std::string& except) {
  std::vector<mail::InvitedPerson> out;
  for (const store::Attendee& other : m.attendees) {
    if (other.id.value != except) out.push_back(invited(other, people));
  }
  for (const store::CaseAttendee& other : m.participants) {
    if (other.participant != except) out.push_back(invited(other, circle));
  }
  return out;
}

}  // namespace

Mailer::Mailer(const config::Config& config, const time::Zone& zone, StorePool& pool, Clock clock, SendMail send,
               std::optional<mailbox::ImapReader> imap, EventLog log, std::function<std::string()> new_secret)
    : config_(config),
      zone_(zone),
      pool_(pool),
      clock_(std::move(clock)),
      send_(std::move(send)),
      imap_(std::move(imap)),
      log_(std::move(log)),
      new_secret_(std::move(new_secret)) {}

Mailer::~Mailer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Mailer::start(std::string link_base) {
  // Before the thread exists, so it sees the value (wake() never reads it).
  link_base_ = std::move(link_base);
  thread_ = std::thread([this] { run(); });
}

void Mailer::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_all();
}

void Mailer::run() {
  // A round at least every 5 s, sooner when retries or the mailbox poll are shorter.
  const auto round = std::min<std::chrono::seconds>({5s, config_.mail_retry, config_.imap_poll});
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    run_round();
    lock.lock();
    wakeup_.wait_for(lock, round, [this] { return stopping_ || woken_; });
  }
}

void Mailer::run_round() {
  try {
    queue_notices();
    send_due();
    read_replies();
  } catch (const std::exception& e) {
    // A bug, not a mail problem: say so and go on with the next round.
    log_("error", "mailer round failed", {{"error", e.what()}});
  }
}

void Mailer::build(store::OutgoingMail& out, const store::Meeting& m, const People& people, Letter letter,
                   Instant now) {
  std::string organizer_name = config_.mail_from_name;
  if (m.organizer) {
    if (auto it = people.find(*m.organizer); it != people.end()) organizer_name = it->second.name;
  }
  mail::InviteSummary summary;
  summary.kind = letter.method == calendar::ItipMethod::cancel ? mail::InviteKind::cancellation
                 : m.sequence == 0                             ? mail::InviteKind::invitation
                                                               : mail::InviteKind::update;
  summary.case_ref = m.case_ref.value;
  summary.title = m.title;
  summary.when = m.when;
  summary.location = m.location;
  summary.organizer_name = organizer_name;
  summary.recipient = letter.to.as_invited;
  summary.others = std::move(letter.others);
  if (m.status == store::MeetingStatus::held) summary.held_until = m.hold_expires_at;
  if (!mail::is_plain_address(letter.to.email)) {
    // Stored before addresses were checked where they come in (service/field_checks.hpp).
    out.subject = mail::render_invite_text(summary, zone_).subject;
    out.error = "the message cannot be built: the address of " + letter.to.id.value + " is not a plain local@domain";
    if (people.contains(letter.to.id)) {
      out.error += " (an admin can correct it: PATCH /api/v1/professionals/" + letter.to.id.value + ")";
    }
    return;
  }
  // The coordinator is not asked (RSVP=FALSE in the invite): no answer links for them.
  if (letter.method == calendar::ItipMethod::request && letter.to.id != m.organizer) {
    out.answer_secret = new_secret_();
    const std::string link = link_base_ + "/answers/" + out.answer_secret + "?answer=";
    summary.links = mail::AnswerLinks{link + "accepted", link + "tentative", link + "declined"};
  }
  const mail::InviteText text = mail::render_invite_text(summary, zone_);
  const mail::Mailbox organizer{config_.mail_from_name, config_.organizer_email};
  mail::CalendarMail message;
  message.from = organizer;
  message.reply_to = organizer;
  message.to = {letter.to.name, letter.to.email};
  message.subject = text.subject;
  message.message_id = "yhteisaika." + std::to_string(m.id.value) + "." + std::to_string(m.sequence) + "." +
                       new_secret_().substr(0, 16) + "@" + domain_of(config_.organizer_email);
  message.date = now;
  message.text = text.body;
  // The same iTIP object as invite.ics (same DTSTAMP: the meeting's last change).
  message.calendar = calendar::render_itip(letter.method, letter.event, m.updated_at, zone_, config_.zone);
  message.method = out.method;
  out.subject = text.subject;
  out.message = mail::render_calendar_mail(message);
}

store::OutgoingMail Mailer::compose(const store::Meeting& m, const People& people, Letter letter, Instant now) {
  store::OutgoingMail out;
  out.meeting = m.id;
  out.sequence = m.sequence;
  out.participant = letter.to.id;
  out.recipient = letter.to.email;
  out.method = letter.method == calendar::ItipMethod::cancel ? "CANCEL" : "REQUEST";
  try {
    build(out, m, people, std::move(letter), now);
  } catch (const std::exception& e) {
    // A bug (render_calendar_mail's REQUIRES): the same as a bad address, for this message only.
    out.error = std::string("the message cannot be built: ") + e.what();
  }
  if (!out.error.empty()) {
    out.message.clear();
    out.answer_secret.clear();  // no links for a message never sent
  }
  return out;
}

std::vector<store::OutgoingMail> Mailer::mails_for(const store::MailNotice& notice, const store::Meeting& m,
                                                   const People& people, const Circle& circle, Instant now,
                                                   const std::optional<store::Room>& room) {
  std::vector<store::OutgoingMail> out;
  const calendar::MeetingEvent event = event_of(m, people, config_, circle, room);
  // The coordinator's copy also names the participants who get no mail.
  const calendar::MeetingEvent organizers = coordinator_copy(event, m, circle);
  // A later notice of the same meeting tells its newer state; this one still
  // tells the attendees it took off.
  if (notice.sequence == m.sequence) {
    const auto method = called_off(m) ? calendar::ItipMethod::cancel : calendar::ItipMethod::request;
    for (const store::Attendee& a : m.attendees) {
      auto who = people.find(a.id);
      if (who == people.end() || who->second.email.empty()) {
        log_("warn", "no e-mail address: invite not mailed", {{"meeting", m.id.value}, {"professional", a.id.value}});
        continue;
      }
      const Recipient to{a.id, who->second.name, who->second.email, invited(a, people)};
      out.push_back(compose(m, people, {to, method, a.id == m.organizer ? organizers : event,
                                        others_on(m, people, circle, a.id.value)},
                            now));
    }
    // The people around the client with an address are asked like the professionals.
    for (const store::CaseAttendee& a : m.participants) {
      if (!a.email || a.email->empty()) continue;  // listed in the coordinator's copy
      const cases::Participant* p = in_circle(circle, a.participant);
      const Recipient to{ParticipantId{a.participant}, p ? p->label : a.participant, *a.email, invited(a, circle)};
      out.push_back(compose(m, people, {to, method, event, others_on(m, people, circle, a.participant)}, now));
    }
  }
  // RFC 5546 §3.2.5: an attendee taken off gets a CANCEL that names them only.
  for (const ParticipantId& id : notice.removed) {
    auto who = people.find(id);
    if (who == people.end() || who->second.email.empty()) continue;
    calendar::MeetingEvent theirs = event;
    theirs.attendees = {{person_of(who->second), true, "NEEDS-ACTION", who->second.profession}};
    const Recipient gone{id, who->second.name, who->second.email,
                         {who->second.name, who->second.profession, true}};
    out.push_back(compose(m, people, {gone, calendar::ItipMethod::cancel, theirs, {}}, now));
  }
  return out;
}

void Mailer::queue_notices() {
  auto store = pool_.lease();
  auto notices = store->mail_notices(kBatch);
  if (!notices) {
    log_("error", "cannot read mail notices", {{"error", notices.error().to_string()}});
    return;
  }
  if (notices->empty()) return;
  auto people = store->professionals();
  if (!people) return;
  const People by = by_id(std::move(*people));
  const Instant now = clock_();
  for (const store::MailNotice& notice : *notices) {
    auto m = store->meeting(notice.meeting);
    if (!m) {
      // Only a read that failed: meetings are never deleted. The notice waits for the next round.
      log_("error", "cannot read a meeting to mail", {{"meeting", notice.meeting.value}, {"error", m.error().to_string()}});
      return;
    }
    auto circle = circle_of(*store, *m);
    if (!circle) {
      log_("error", "cannot read a meeting's case to mail", {{"meeting", notice.meeting.value}, {"error", circle.error().to_string()}});
      return;
    }
    std::vector<store::OutgoingMail> mails;
    // A meeting already over is not worth a message (e.g. when e-mail is switched on later).
    if (m->when.end > now) mails = mails_for(notice, *m, by, *circle, now, room_of(*store, *m));
    if (auto queued = store->enqueue_mail(notice.id, mails, now); !queued) {
      log_("error", "cannot queue mail", {{"meeting", notice.meeting.value}, {"error", queued.error().to_string()}});
      return;
    }
    log_("info", "mail queued", {{"meeting", notice.meeting.value}, {"sequence", notice.sequence}, {"messages", mails.size()}});
    for (const store::OutgoingMail& failed : mails) {
      if (failed.error.empty()) continue;
      log_("error", "mail failed",
           {{"meeting", failed.meeting.value}, {"professional", failed.participant.value}, {"error", failed.error}});
    }
  }
}

void Mailer::send_due() {
  // A connection of the pool only around each database step, never while
  // talking to the SMTP server (which may take up to its timeout).
  auto due = pool_.lease()->due_mail(clock_(), kBatch);
  if (!due) {
    log_("error", "cannot read the outbox", {{"error", due.error().to_string()}});
    return;
  }
  for (const store::OutboxEntry& e : *due) {
    auto sent = send_({config_.organizer_email, {e.recipient}}, e.message);
    const Instant at = clock_();
    if (sent) {
      // Should this fail, the message is sent again later: twice rather than never.
      if (auto marked = pool_.lease()->mail_sent(e.id, at); !marked) {
        log_("error", "cannot mark mail sent", {{"outbox", e.id}, {"error", marked.error().to_string()}});
      }
      log_("info", "mail sent", {{"outbox", e.id}, {"meeting", e.meeting.value}, {"method", e.method}});
      continue;
    }
    const std::string reason = sent.error().to_string();
    const bool permanent = sent.error().code == mailbox::Errc::permanent;
    const auto next = next_mail_attempt(e.attempts, e.created_at, at, permanent, config_.mail_retry, config_.mail_give_up);
    const std::string error =
        !next && !permanent ? "gave up after " + std::to_string(e.attempts + 1) + " tries: " + reason : reason;
    if (auto marked = pool_.lease()->mail_not_sent(e.id, error, next); !marked) {
      log_("error", "cannot mark mail not sent", {{"outbox", e.id}, {"error", marked.error().to_string()}});
    }
    log_(next ? "warn" : "error", next ? "mail not sent, will retry" : "mail failed",
         {{"outbox", e.id}, {"meeting", e.meeting.value}, {"attempts", e.attempts + 1}, {"error", reason}});
    // The server is down or refusing for now: the rest would fail alike.
    if (!permanent) return;
  }
}

void Mailer::read_replies() {
  if (!imap_) return;
  const Instant now = clock_();
  if (next_imap_read_ && now < *next_imap_read_) return;
  next_imap_read_ = now + config_.imap_poll;
  auto unseen = imap_->unseen();
  if (!unseen) {
    log_("warn", "cannot read the mailbox", {{"error", unseen.error().to_string()}});
    return;
  }
  for (std::uint32_t uid : *unseen) {
    auto message = imap_->fetch(uid);
    if (!message && message.error().code != mailbox::Errc::permanent) {
      log_("warn", "cannot fetch a message", {{"uid", uid}, {"error", message.error().to_string()}});
      return;  // the mailbox is away: the next round tries again
    }
    if (message) {
      apply_reply(uid, message->raw);
    } else {
      log_("info", "mail ignored", {{"uid", uid}, {"reason", message.error().to_string()}});
    }
    if (auto seen = imap_->mark_seen(uid); !seen) {
      log_("warn", "cannot mark a message seen", {{"uid", uid}, {"error", seen.error().to_string()}});
      return;
    }
  }
}

void Mailer::apply_reply(std::uint32_t uid, const std::string& raw) {
  const auto ignored = [&](const std::string& why) { log_("info", "mail ignored", {{"uid", uid}, {"reason", why}}); };
  auto received = mail::read_mail(raw);
  if (!received) return ignored(received.error().to_string());
  if (received->calendars.empty()) return ignored("no calendar part (not an iTIP reply)");
  auto store = pool_.lease();
  for (const std::string& text : received->calendars) {
    auto reply = calendar::read_itip_reply(text, "imap message " + std::to_string(uid));
    if (!reply) {
      ignored(reply.error().to_string());
      continue;
    }
    auto id = meeting_of_uid(reply->uid);
    if (!id) {
      ignored("UID " + reply->uid + " is not a meeting of Yhteisaika");
      continue;
    }
    if (!store::is_answer(reply->partstat)) {
      ignored("PARTSTAT " + reply->partstat + " is not an answer Yhteisaika takes");
      continue;
    }
    auto m = store->meeting(*id);
    auto people = store->professionals();
    if (!m || !people) {
      ignored("no meeting " + std::to_string(id->value));
      continue;
    }
    std::optional<ParticipantId> who;
    for (const store::Professional& p : *people) {
      if (!p.email.empty() && ascii_lower(p.email) == reply->attendee) who = p.id;
    }
    // Else one of the case's participants the meeting asked, by the address it was sent to.
    for (const store::CaseAttendee& a : m->participants) {
      if (!who && a.email && ascii_lower(*a.email) == reply->attendee) who = ParticipantId{a.participant};
    }
    if (!who) {
      ignored("the replying address is no professional's nor a participant's of the meeting");
      continue;
    }
    auto outcome = store->record_answer(*id, *who, reply->sequence, reply->partstat, "email",
                                        {"email:" + who->value, clock_()});
    if (!outcome) {
      log_("error", "cannot record an answer", {{"meeting", id->value}, {"error", outcome.error().to_string()}});
      continue;
    }
    static constexpr const char* kOutcome[] = {"applied", "superseded", "cancelled", "not_attendee"};
    log_(*outcome == store::AnswerOutcome::applied ? "info" : "warn",
         *outcome == store::AnswerOutcome::applied ? "reply applied" : "reply ignored",
         {{"uid", uid},
          {"meeting", id->value},
          {"professional", who->value},
          {"partstat", reply->partstat},
          {"sequence", reply->sequence},
          {"meeting_sequence", m->sequence},
          {"outcome", kOutcome[static_cast<int>(*outcome)]}});
  }
}

}  // namespace yhteisaika::service
