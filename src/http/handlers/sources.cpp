#include "sources.hpp"

#include "../render/source_json.hpp"
#include "../responses.hpp"

namespace yhteisaika::http::handlers {

namespace json = boost::json;
using beast_http::status;

Result<Response> list_sources(const Call& call, const Services& s) {
  auto rows = s.service.sources().all();
  if (!rows) return rows.error();
  json::array list;
  for (const auto& row : *rows) list.push_back(source_json(row, s.service.zone()));
  return json_response(call.req, status::ok, json::object{{"sources", std::move(list)}});
}

Result<Response> refresh_source(const Call& call, const Services& s) {
  auto row = s.service.sources().refresh(ParticipantId{std::string(call.param)});
  if (!row) return row.error();
  s.logger.info("calendar refreshed", {{"professional", call.param}, {"actor", call.actor->audit_name()}});
  return json_response(call.req, status::ok, source_json(*row, s.service.zone()));
}

}  // namespace yhteisaika::http::handlers
