#include "professionals.hpp"

#include <yhteisaika/service/errc.hpp>

#include "../render/professional_json.hpp"
#include "../request_fields.hpp"
#include "../responses.hpp"
#include "feed_url.hpp"

namespace yhteisaika::http::handlers {

namespace {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

// Reads the professional's editable fields over `p`; every one is optional.
void read_professional_fields(Fields& fields, store::Professional& p) {
  if (auto v = fields.text("name")) p.name = *v;
  if (auto v = fields.text("profession")) p.profession = *v;
  if (auto v = fields.text("unit")) p.unit = *v;
  if (auto v = fields.text("email")) p.email = *v;
  if (auto v = fields.text("calendar_source")) p.calendar_source = *v;
}

store::Professional read_new_professional(Fields& fields) {
  store::Professional p;
  p.id = ParticipantId{fields.required_text("id")};
  p.name = fields.required_text("name");
  read_professional_fields(fields, p);
  return p;
}

// Ids go into URLs and file names: ASCII letters and digits, '-', '_' and '.'.
std::optional<Error> id_error(const ParticipantId& id) {
  for (char c : id.value) {
    const bool letter_or_digit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!letter_or_digit && c != '-' && c != '_' && c != '.') {
      return Error{service::Errc::invalid_value, "an id uses letters a-z, digits, '-', '_' and '.'",
                   Location::at_field("id")};
    }
  }
  if (id.value.empty()) return Error{service::Errc::invalid_value, "an id cannot be empty", Location::at_field("id")};
  return std::nullopt;
}

}  // namespace

Result<Response> list_professionals(const Call& call, const Services& s) {
  auto people = s.service.directory().professionals();
  if (!people) return people.error();
  json::array list;
  for (const auto& p : *people) list.push_back(professional_json(p, call.actor->role));
  return json_response(call.req, status::ok, json::object{{"professionals", std::move(list)}});
}

Result<Response> get_professional(const Call& call, const Services& s) {
  auto p = s.service.directory().professional(ParticipantId{std::string(call.param)});
  if (!p) return p.error();
  return json_response(call.req, status::ok, professional_json(*p, call.actor->role));
}

Result<Response> create_professional(const Call& call, const Services& s) {
  auto p = read_body(call.req.body(), read_new_professional);
  if (!p) return p.error();
  if (p->calendar_source.empty()) p->calendar_source = p->id.value;
  if (auto e = id_error(p->id)) return *e;
  auto secret = s.service.directory().create_professional(*p, *call.actor);
  if (!secret) return secret.error();
  json::object o = professional_json(*p, call.actor->role);
  o["feed_url"] = feed_url(call, s, *secret);
  auto res = json_response(call.req, status::created, o);
  res.set(field::location, "/api/v1/professionals/" + p->id.value);
  return res;
}

Result<Response> update_professional(const Call& call, const Services& s) {
  auto body = parse_json_object(call.req.body());
  if (!body) return body.error();
  auto p = s.service.directory().professional(ParticipantId{std::string(call.param)});
  if (!p) return p.error();
  Fields fields(*body);
  read_professional_fields(fields, *p);
  if (auto e = fields.finish()) return *e;
  auto updated = s.service.directory().update_professional(*p, *call.actor);
  if (!updated) return updated.error();
  return json_response(call.req, status::ok, professional_json(*updated, call.actor->role));
}

Result<Response> rotate_feed_secret(const Call& call, const Services& s) {
  auto secret = s.service.directory().rotate_feed_secret(ParticipantId{std::string(call.param)}, *call.actor);
  if (!secret) return secret.error();
  return json_response(call.req, status::ok, json::object{{"feed_url", feed_url(call, s, *secret)}});
}

}  // namespace yhteisaika::http::handlers
