#include "cases.hpp"

#include <yhteisaika/cases/words.hpp>

#include "../render/case_json.hpp"
#include "../request_fields.hpp"
#include "../responses.hpp"
#include "case_requests.hpp"
#include "meetings.hpp"

namespace yhteisaika::http::handlers {

namespace {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

// The case a POST asks for; the store gives its id and stage.
store::Case case_of(const NewCase& n) {
  store::Case c;
  c.ref = n.ref;
  c.coordinator = n.coordinator;
  c.identified_on = n.identified_on;
  c.trigger = n.trigger;
  c.segment = n.segment;
  c.team = n.team;
  return c;
}

service::CaseChanges changes_of(const CaseChange& change) {
  service::CaseChanges out;
  out.fields.coordinator = change.coordinator;
  out.fields.team = change.team;
  if (change.segment) out.fields.segment = std::optional<int>(*change.segment);
  out.stage = change.stage;
  return out;
}

}  // namespace

Result<Response> list_cases(const Call& call, const Services& s) {
  auto filter = read_case_filter(parse_query(call.query));
  if (!filter) return filter.error();
  auto list = s.service.cases().list(*filter);
  if (!list) return list.error();
  json::array items;
  for (const auto& c : *list) items.push_back(case_list_item_json(c, s.service.zone()));
  return json_response(call.req, status::ok, json::object{{"cases", std::move(items)}});
}

Result<Response> create_case(const Call& call, const Services& s) {
  service::CaseDesk& desk = s.service.cases();
  auto asked = read_body(call.req.body(), [&](Fields& f) { return read_new_case(f, desk.case_ref_pattern()); });
  if (!asked) return asked.error();
  auto created = desk.create(case_of(*asked), *call.actor);
  if (!created) return created.error();
  s.logger.info("case opened", {{"case", created->id.value}, {"actor", call.actor->audit_name()}});
  auto res = json_response(call.req, status::created, case_json(*created, s.service.zone()));
  res.set(field::location, "/api/v1/cases/" + std::to_string(created->id.value));
  return res;
}

Result<Response> get_case(const Call& call, const Services& s) {
  auto id = case_id(call.param);
  if (!id) return id.error();
  auto file = s.service.cases().get(*id);
  if (!file) return file.error();
  json::object o = case_json(file->c, s.service.zone());
  auto meetings = meeting_objects(s, file->meetings);
  if (!meetings) return meetings.error();
  o["meetings"] = std::move(*meetings);
  return json_response(call.req, status::ok, o);
}

Result<Response> update_case(const Call& call, const Services& s) {
  auto id = case_id(call.param);
  if (!id) return id.error();
  auto change = read_body(call.req.body(), read_case_change);
  if (!change) return change.error();
  auto updated = s.service.cases().update(*id, changes_of(*change), *call.actor);
  if (!updated) return updated.error();
  if (change->stage) {
    s.logger.info("case stage moved", {{"case", updated->id.value},
                                       {"stage", cases::to_string(updated->stage)},
                                       {"actor", call.actor->audit_name()}});
  }
  return json_response(call.req, status::ok, case_json(*updated, s.service.zone()));
}

}  // namespace yhteisaika::http::handlers
