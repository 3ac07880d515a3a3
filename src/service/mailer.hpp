#pragma once
// Private to service/: invites by e-mail (iMIP, RFC 6047) and the answers that
// come back. One background thread, three steps a round:
//   1. notices -> outbox: each booking, reschedule or cancel left a MailNotice in
//      its own transaction; it becomes one message per attendee (REQUEST or
//      CANCEL, the same iTIP object as invite.ics) in one transaction.
//   2. outbox -> SMTP: due messages are sent; a temporary failure is retried
//      after mail_retry, doubling up to an hour, until mail_give_up has passed
//      since it was queued; a permanent one (5xx) fails at once with the reason.
//   3. IMAP -> answers: unseen messages of the organizer mailbox are read; each
//      iTIP REPLY is matched by UID, attendee address and SEQUENCE and recorded.
//      Anything else is logged and marked seen, never applied.
// The outbox is in SQLite, so nothing is lost across a restart. A message that
// cannot be built (an address that is not a plain local@domain, stored before
// addresses were checked) is stored as failed with the reason and logged, and
// the notices behind it go on: one bad address never holds up the others.

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/mail/invite_text.hpp>
#include <yhteisaika/mailbox/imap_reader.hpp>
#include <yhteisaika/mailbox/smtp_sender.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>

#include "meeting_event.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace yhteisaika::service {

class Mailer {
 public:
  // `send` delivers; `imap`, when given, is read for replies. `new_secret` makes
  // the secret of an attendee's answer links. The thread runs from start().
  Mailer(const config::Config& config, const time::Zone& zone, StorePool& pool, Clock clock, SendMail send,
         std::optional<mailbox::ImapReader> imap, EventLog log, std::function<std::string()> new_secret);
  ~Mailer();  // stops the thread; a message being sent finishes first
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;

  // Starts the background thread; answer links in the mails start with
  // `link_base`. REQUIRES: called once, and no run_round() from then on.
  void start(std::string link_base);
  // A change was just written: queue and send without waiting for the next
  // round. Safe from any thread, before start() too (then the first round does it).
  void wake();
  // One round on the caller's thread (notices -> outbox -> SMTP -> IMAP), what
  // the thread does every few seconds; for tests, which drive it with their
  // clock instead of starting the thread.
  void run_round();

 private:
  void run();
  void queue_notices();
  void send_due();
  void read_replies();
  void apply_reply(std::uint32_t uid, const std::string& raw);
  // `room`: the room `m` takes (its invite names it as a CUTYPE=ROOM attendee).
  std::vector<store::OutgoingMail> mails_for(const store::MailNotice& notice, const store::Meeting& m,
                                             const People& people, const Circle& circle, time::Instant now,
                                             const std::optional<store::Room>& room);
  // Whom a message goes to: a professional, or one of the case's participants
  // with an e-mail address (who answers by link or reply the same way).
  struct Recipient {
    ParticipantId id;  // the professional's id, or the participant's ("p1")
    std::string name;  // the professional's name, or the participant's label (a role word)
    std::string email;
    mail::InvitedPerson as_invited;  // how the mail's text names them
  };
  // One message of meeting `m`: to whom, of which method and iTIP object, and
  // the other attendees its text names.
  struct Letter {
    Recipient to;
    calendar::ItipMethod method;
    const calendar::MeetingEvent& event;
    std::vector<mail::InvitedPerson> others;
  };
  // The outbox row of `letter`. One that cannot be built is kept as failed,
  // with the reason and never sent, so that it holds up nothing behind it.
  store::OutgoingMail compose(const store::Meeting& m, const People& people, Letter letter, time::Instant now);
  // Fills `out` (its meeting, attendee and method set) with the message, or its error.
  void build(store::OutgoingMail& out, const store::Meeting& m, const People& people, Letter letter,
             time::Instant now);

  const config::Config& config_;
  const time::Zone& zone_;
  StorePool& pool_;
  Clock clock_;
  SendMail send_;
  std::optional<mailbox::ImapReader> imap_;
  EventLog log_;
  std::function<std::string()> new_secret_;
  std::string link_base_;
  std::optional<time::Instant> next_imap_read_;

  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yhteisaika::service
