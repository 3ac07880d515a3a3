#include "admin.hpp"

#include <yhteisaika/service/errc.hpp>

#include "../render/audit_json.hpp"
#include "../render/outbox_json.hpp"
#include "../request_fields.hpp"
#include "../responses.hpp"

namespace yhteisaika::http::handlers {

namespace json = boost::json;
using beast_http::status;

Result<Response> audit(const Call& call, const Services& s) {
  const time::Instant now = s.service.now();
  auto window = query_window(parse_query(call.query), {now - std::chrono::days{30}, now + std::chrono::hours{1}},
                             s.service.zone());
  if (!window) return window.error();
  auto entries = s.service.directory().audit(*window);
  if (!entries) return entries.error();
  json::array list;
  for (const auto& e : *entries) list.push_back(audit_entry_json(e, s.service.zone()));
  return json_response(call.req, status::ok, json::object{{"entries", std::move(list)}});
}

Result<Response> outbox(const Call& call, const Services& s) {
  const auto q = parse_query(call.query);
  std::optional<store::MailStatus> wanted;
  if (auto it = q.find("status"); it != q.end()) {
    for (auto one : {store::MailStatus::queued, store::MailStatus::sent, store::MailStatus::failed}) {
      if (it->second == store::to_string(one)) wanted = one;
    }
    if (!wanted) return Error{service::Errc::invalid_value, "status is queued, sent or failed",
                              Location::at_field("status")};
  }
  auto entries = s.service.mail().outbox(wanted, 500);
  if (!entries) return entries.error();
  json::array list;
  for (const auto& e : *entries) list.push_back(outbox_entry_json(e, s.service.zone()));
  return json_response(call.req, status::ok, json::object{{"outbox", std::move(list)}});
}

}  // namespace yhteisaika::http::handlers
