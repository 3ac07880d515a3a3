#include "case_meetings.hpp"

#include "../render/meeting_json.hpp"
#include "../render/source_json.hpp"
#include "../responses.hpp"
#include "case_requests.hpp"
#include "meetings.hpp"

namespace yhteisaika::http::handlers {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

Result<Response> book_case_meeting(const Call& call, const Services& s) {
  auto id = case_id(call.param);
  if (!id) return id.error();
  auto request = read_body(call.req.body(), [&](Fields& f) { return read_case_meeting_request(f, s.service.zone()); });
  if (!request) return request.error();
  auto booked = s.service.case_meetings().book(*id, *request, *call.actor);
  if (!booked) return booked.error();
  s.counters.bookings.fetch_add(1, std::memory_order_relaxed);
  s.logger.info("case meeting booked",
                {{"meeting", booked->id.value}, {"case", id->value}, {"actor", call.actor->audit_name()}});
  auto o = meeting_object(s, *booked);
  if (!o) return o.error();
  std::vector<ParticipantId> professionals;
  for (const auto& a : booked->attendees) professionals.push_back(a.id);
  (*o)["stale"] = stale_json(s.service.booking().stale_calendars(professionals), s.service.zone());
  auto res = json_response(call.req, status::created, *o);
  res.set(field::location, "/api/v1/meetings/" + std::to_string(booked->id.value));
  return res;
}

}  // namespace yhteisaika::http::handlers
