#include "audit_json.hpp"

#include <yhteisaika/time/rfc3339.hpp>

#include <boost/json/parse.hpp>

namespace yhteisaika::http {

namespace json = boost::json;

namespace {

json::value parsed_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}

}  // namespace

json::object audit_entry_json(const store::AuditEntry& e, const time::Zone& zone) {
  return {{"id", e.id},
          {"actor", e.actor},
          {"action", e.action},
          {"at", time::format_rfc3339(e.at, zone)},
          {"before", parsed_or_null(e.before_json)},
          {"after", parsed_or_null(e.after_json)}};
}

}  // namespace yhteisaika::http
