#include <yhteisaika/service/mail_desk.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/store/errc.hpp>

#include "mailer.hpp"
#include "meeting_event.hpp"

namespace yhteisaika::service {

namespace {

// The case's participant `who` of meeting `id`, as the answer page shows an
// attendee: their id, and their label (a role word) as the name.
Result<store::Professional> participant_named(store::Store& store, store::MeetingId id, const ParticipantId& who) {
  auto m = store.meeting(id);
  if (!m) return m.error();
  store::Professional out;
  out.id = who;
  out.name = who.value;
  auto circle = circle_of(store, *m);
  if (!circle) return circle.error();
  if (const cases::Participant* p = in_circle(*circle, who.value)) out.name = p->label;
  return out;
}

}  // namespace

MailDesk::MailDesk(StorePool& pool, Clock clock, Mailer* mailer)
    : pool_(pool), clock_(std::move(clock)), mailer_(mailer) {}

void MailDesk::start(std::string link_base) {
  if (mailer_) mailer_->start(std::move(link_base));
}

Result<std::vector<store::OutboxEntry>> MailDesk::outbox(std::optional<store::MailStatus> status, int limit) {
  return pool_.lease()->outbox(status, limit);
}

Result<LinkAnswer> MailDesk::answer_link(const std::string& secret, const std::optional<std::string>& partstat) {
  if (partstat && !store::is_answer(*partstat)) {
    return Error{Errc::invalid_value, "an answer is accepted, tentative or declined", Location::at_field("answer")};
  }
  auto store = pool_.lease();
  auto link = store->answer_link(secret);
  if (!link) return link.error();
  if (!*link) return Error{Errc::not_found, "no such answer link", {}};
  LinkAnswer out;
  auto attendee = store->professional((*link)->participant);
  if (attendee) {
    out.attendee = std::move(*attendee);
  } else if (attendee.error().code == store::Errc::not_found) {
    // One of the case's participants ("p1"): the page greets them by their label.
    auto named = participant_named(*store, (*link)->meeting, (*link)->participant);
    if (!named) return named.error();
    out.attendee = std::move(*named);
  } else {
    return attendee.error();
  }
  if (partstat) {
    auto outcome = store->record_answer((*link)->meeting, (*link)->participant, (*link)->sequence, *partstat, "link",
                                        {"link:" + (*link)->participant.value, clock_()});
    if (!outcome) return outcome.error();
    out.outcome = *outcome;
  }
  auto m = store->meeting((*link)->meeting);
  if (!m) return m.error();
  out.meeting = std::move(*m);
  if (!partstat) out.outcome = store::answer_outcome(out.meeting, (*link)->participant, (*link)->sequence);
  return out;
}

}  // namespace yhteisaika::service
