#include "meetings.hpp"

#include "../render/meeting_json.hpp"
#include "../render/solution_json.hpp"
#include "../render/source_json.hpp"
#include "../responses.hpp"
#include "meeting_requests.hpp"

namespace yhteisaika::http::handlers {

namespace {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

Result<People> people(service::Service& service) {
  auto list = service.directory().professionals();
  if (!list) return list.error();
  People out;
  for (auto& p : *list) out.emplace(p.id, std::move(p));
  return out;
}

Result<RoomsById> rooms(service::Service& service) {
  auto list = service.rooms().list();
  if (!list) return list.error();
  RoomsById out;
  for (auto& r : *list) out.emplace(r.id, std::move(r));
  return out;
}

Result<Response> meeting_response(const Call& call, const Services& s, status code, Result<store::Meeting> m) {
  if (!m) return m.error();
  auto o = meeting_object(s, *m);
  if (!o) return o.error();
  return json_response(call.req, code, *o);
}

// The request's calendars that were answered from a stale copy.
json::array stale(const Services& s, const service::SolveInput& input) {
  std::vector<ParticipantId> ids = input.required;
  ids.insert(ids.end(), input.optional.begin(), input.optional.end());
  return stale_json(s.service.booking().stale_calendars(ids), s.service.zone());
}

}  // namespace

Result<json::array> meeting_objects(const Services& s, const std::vector<store::Meeting>& meetings) {
  auto by_id = people(s.service);
  if (!by_id) return by_id.error();
  auto places = rooms(s.service);
  if (!places) return places.error();
  json::array list;
  for (const auto& m : meetings) {
    auto circle = s.service.case_meetings().circle(m);
    if (!circle) return circle.error();
    list.push_back(meeting_json(m, *by_id, s.service.zone(), *places, *circle));
  }
  return list;
}

Result<json::object> meeting_object(const Services& s, const store::Meeting& m) {
  auto list = meeting_objects(s, {m});
  if (!list) return list.error();
  return std::move(list->at(0).as_object());
}

Result<Response> solve(const Call& call, const Services& s) {
  auto input = read_body(call.req.body(), [&](Fields& f) { return read_solve_input(f, s.service.zone()); });
  if (!input) return input.error();
  auto solution = s.service.booking().solve(*input);
  if (!solution) return solution.error();
  s.counters.solves.fetch_add(1, std::memory_order_relaxed);
  json::object o = solution_json(*solution, s.service.zone());
  o["stale"] = stale(s, *input);
  return json_response(call.req, status::ok, o);
}

Result<Response> book_meeting(const Call& call, const Services& s) {
  auto input = read_body(call.req.body(), [&](Fields& f) { return read_book_input(f, s.service.zone()); });
  if (!input) return input.error();
  auto booked = s.service.booking().book(*input, *call.actor);
  if (!booked) return booked.error();
  s.counters.bookings.fetch_add(1, std::memory_order_relaxed);
  s.logger.info("meeting booked", {{"meeting", booked->id.value}, {"actor", call.actor->audit_name()}});
  auto o = meeting_object(s, *booked);
  if (!o) return o.error();
  (*o)["stale"] = stale(s, input->solve);
  auto res = json_response(call.req, status::created, *o);
  res.set(field::location, "/api/v1/meetings/" + std::to_string(booked->id.value));
  return res;
}

Result<Response> list_meetings(const Call& call, const Services& s) {
  const auto q = parse_query(call.query);
  const time::Instant now = s.service.now();
  auto window = query_window(q, {now - std::chrono::days{366}, now + std::chrono::days{366}}, s.service.zone());
  if (!window) return window.error();
  std::optional<CaseRef> case_ref;
  if (auto it = q.find("case_ref"); it != q.end()) case_ref = CaseRef{it->second};
  bool declined = false;
  if (auto it = q.find("declined"); it != q.end()) {
    if (it->second != "true" && it->second != "false") {
      return Error{service::Errc::invalid_value, "declined is true or false", Location::at_field("declined")};
    }
    declined = it->second == "true";
  }
  auto meetings = s.service.booking().meetings(case_ref, *window, declined);
  if (!meetings) return meetings.error();
  auto list = meeting_objects(s, *meetings);
  if (!list) return list.error();
  return json_response(call.req, status::ok, json::object{{"meetings", std::move(*list)}});
}

Result<Response> get_meeting(const Call& call, const Services& s) {
  auto id = meeting_id(call.param);
  if (!id) return id.error();
  return meeting_response(call, s, status::ok, s.service.booking().meeting(*id));
}

Result<Response> reschedule_meeting(const Call& call, const Services& s) {
  auto id = meeting_id(call.param);
  if (!id) return id.error();
  const std::string_view body = call.req.body().empty() ? std::string_view("{}") : std::string_view(call.req.body());
  auto input = read_body(body, [&](Fields& f) { return read_reschedule_input(f, s.service.zone()); });
  if (!input) return input.error();
  auto moved = s.service.booking().reschedule(*id, *input, *call.actor);
  if (moved) {
    s.logger.info("meeting rescheduled",
                  {{"meeting", id->value}, {"sequence", moved->sequence}, {"actor", call.actor->audit_name()}});
  }
  return meeting_response(call, s, status::ok, std::move(moved));
}

Result<Response> cancel_meeting(const Call& call, const Services& s) {
  auto id = meeting_id(call.param);
  if (!id) return id.error();
  auto cancelled = s.service.booking().cancel(*id, *call.actor);
  if (cancelled) s.logger.info("meeting cancelled", {{"meeting", id->value}, {"actor", call.actor->audit_name()}});
  return meeting_response(call, s, status::ok, std::move(cancelled));
}

Result<Response> meeting_invite(const Call& call, const Services& s) {
  auto id = meeting_id(call.param);
  if (!id) return id.error();
  auto invite = s.service.booking().invite(*id);
  if (!invite) return invite.error();
  return text_response(call.req, status::ok, "text/calendar; charset=utf-8; method=" + invite->method,
                       std::move(invite->text));
}

Result<Response> confirm_meeting(const Call& call, const Services& s) {
  auto id = meeting_id(call.param);
  if (!id) return id.error();
  auto confirmed = s.service.holds().confirm(*id, *call.actor);
  if (confirmed) s.logger.info("hold confirmed", {{"meeting", id->value}, {"actor", call.actor->audit_name()}});
  return meeting_response(call, s, status::ok, std::move(confirmed));
}

}  // namespace yhteisaika::http::handlers
