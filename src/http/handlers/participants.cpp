#include "participants.hpp"

#include "../render/participant_json.hpp"
#include "../request_fields.hpp"
#include "../responses.hpp"
#include "case_requests.hpp"
#include "participant_requests.hpp"

namespace yhteisaika::http::handlers {

namespace {

using beast_http::field;
using beast_http::status;

}  // namespace

Result<Response> add_participant(const Call& call, const Services& s) {
  auto id = case_id(call.param);
  if (!id) return id.error();
  const time::Zone& zone = s.service.zone();
  auto asked = read_body(call.req.body(), [&](Fields& f) { return read_new_participant(f, zone); });
  if (!asked) return asked.error();
  auto added = s.service.cases().add_participant(*id, *asked, *call.actor);
  if (!added) return added.error();
  auto res = json_response(call.req, status::created, participant_json(*added, zone));
  res.set(field::location, "/api/v1/cases/" + std::to_string(id->value) + "/participants/" + added->id);
  return res;
}

Result<Response> update_participant(const Call& call, const Services& s) {
  auto id = case_id(call.param);
  if (!id) return id.error();
  auto body = parse_json_object(call.req.body());
  if (!body) return body.error();
  auto p = s.service.cases().participant(*id, std::string(call.param2));
  if (!p) return p.error();
  Fields fields(*body);
  read_participant_fields(fields, *p, s.service.zone());
  if (auto e = fields.finish()) return *e;
  auto updated = s.service.cases().update_participant(*id, *p, *call.actor);
  if (!updated) return updated.error();
  return json_response(call.req, status::ok, participant_json(*updated, s.service.zone()));
}

Result<Response> remove_participant(const Call& call, const Services& s) {
  auto id = case_id(call.param);
  if (!id) return id.error();
  auto removed = s.service.cases().remove_participant(*id, std::string(call.param2), *call.actor);
  if (!removed) return removed.error();
  return json_response(call.req, status::ok, participant_json(*removed, s.service.zone()));
}

}  // namespace yhteisaika::http::handlers
