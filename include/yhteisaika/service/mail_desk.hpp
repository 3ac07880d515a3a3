#pragma once
// Invites by e-mail (iMIP) and the answers that come back: starting the
// mailer (src/service/mailer.hpp, which sends and reads in the background),
// the outbox (admins) and the answer links in the mails (professionals, no token).
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/error.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/store/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::service {

// What an answer link (sent in an invite mail) speaks of, and what became of it.
struct LinkAnswer {
  store::Meeting meeting;
  // Who answers: a professional, or one of the case's participants (their id
  // "p1", and their label as the name).
  store::Professional attendee;
  // applied: the answer is recorded (or, when only looking, the link is current);
  // superseded: the meeting changed after this invite; cancelled; not_attendee:
  // they were taken off the meeting.
  store::AnswerOutcome outcome = store::AnswerOutcome::applied;
};

class Mailer;

class MailDesk {
 public:
  // `mailer` is null without e-mail. Everything referred to must outlive this.
  MailDesk(StorePool& pool, Clock clock, Mailer* mailer);

  // Starts sending with the mailer that Service::open made (a no-op without
  // e-mail). Answer links in the mails start with `link_base` (the public URL,
  // e.g. config base_url), which may be known only once the server listens.
  // Until then bookings, reschedules and cancels wait as notices in the
  // database. REQUIRES: called at most once.
  void start(std::string link_base);
  // The outbox, newest first: one status or all (admins).
  Result<std::vector<store::OutboxEntry>> outbox(std::optional<store::MailStatus> status, int limit);
  // An answer link's meeting and attendee (Errc::not_found for an unknown
  // secret). With `partstat` (ACCEPTED, TENTATIVE or DECLINED) records it when
  // the link is current; without, only looks.
  Result<LinkAnswer> answer_link(const std::string& secret, const std::optional<std::string>& partstat);

 private:
  StorePool& pool_;
  Clock clock_;
  Mailer* const mailer_;
};

}  // namespace yhteisaika::service
