#include "outbox_json.hpp"

#include <yhteisaika/time/rfc3339.hpp>

#include "values.hpp"

namespace yhteisaika::http {

boost::json::object outbox_entry_json(const store::OutboxEntry& e, const time::Zone& zone) {
  const bool queued = e.status == store::MailStatus::queued;
  return {{"id", e.id},
          {"meeting", e.meeting.value},
          {"sequence", e.sequence},
          {"professional", e.participant.value},
          {"recipient", e.recipient},
          {"method", e.method},
          {"subject", e.subject},
          {"status", store::to_string(e.status)},
          {"attempts", e.attempts},
          {"created_at", time::format_rfc3339(e.created_at, zone)},
          {"next_attempt_at", queued ? time_or_null(e.next_attempt_at, zone) : nullptr},
          {"sent_at", time_or_null(e.sent_at, zone)},
          {"last_error", text_or_null(e.last_error)}};
}

}  // namespace yhteisaika::http
