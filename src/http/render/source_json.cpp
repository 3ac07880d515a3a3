#include "source_json.hpp"

#include "values.hpp"

namespace yhteisaika::http {

namespace json = boost::json;

json::object source_json(const sources::SourceStatus& row, const time::Zone& zone) {
  return {{"id", row.id.value},
          {"kind", std::string(sources::to_string(row.kind))},
          {"location", row.location},
          {"last_success", time_or_null(row.last_success, zone)},
          {"last_attempt", time_or_null(row.last_attempt, zone)},
          {"last_error", text_or_null(row.last_error)},
          {"etag", text_or_null(row.etag)},
          {"stale", row.stale},
          {"unknown", row.unknown}};
}

json::array stale_json(const std::vector<sources::SourceStatus>& rows, const time::Zone& zone) {
  json::array out;
  for (const auto& row : rows) {
    out.push_back(json::object{
        {"id", row.id.value}, {"since", time_or_null(row.last_success, zone)}, {"error", row.last_error}});
  }
  return out;
}

}  // namespace yhteisaika::http
