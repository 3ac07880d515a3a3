#include "answers.hpp"

#include <yhteisaika/http/errors.hpp>

#include "../answer_page.hpp"
#include "../request_fields.hpp"
#include "../responses.hpp"

namespace yhteisaika::http::handlers {

namespace {

using beast_http::status;

// `record`: the POST, whose form is in the body; else the GET's query.
Result<Response> answer_link(const Call& call, const Services& s, bool record) {
  const auto q = parse_query(record ? std::string_view(call.req.body()) : call.query);
  std::optional<std::string> partstat;
  if (auto it = q.find("answer"); it != q.end()) partstat = answer_partstat(it->second);
  if (record && !partstat) {
    return html_response(call.req, status::bad_request, render_answer_error(AnswerError::bad_answer));
  }
  auto seen = s.service.mail().answer_link(std::string(call.param), record ? partstat : std::nullopt);
  if (!seen) {
    if (http_error(seen.error().code).status != status::not_found) return seen.error();
    return html_response(call.req, status::not_found, render_answer_error(AnswerError::unknown_link));
  }
  AnswerView view{seen->meeting, seen->attendee, seen->outcome, partstat, record, s.service.zone()};
  const bool current = seen->outcome == store::AnswerOutcome::applied;
  return html_response(call.req, current ? status::ok : status::gone, render_answer_page(view));
}

}  // namespace

Result<Response> answer_page(const Call& call, const Services& s) { return answer_link(call, s, false); }

Result<Response> answer(const Call& call, const Services& s) { return answer_link(call, s, true); }

}  // namespace yhteisaika::http::handlers
