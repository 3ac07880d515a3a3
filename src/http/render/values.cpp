#include "values.hpp"

#include <yhteisaika/time/rfc3339.hpp>

#include <cstdio>

namespace yhteisaika::http {

namespace json = boost::json;

json::array ids_json(const std::vector<ParticipantId>& ids) {
  json::array a;
  for (const auto& id : ids) a.emplace_back(id.value);
  return a;
}

json::value time_or_null(const std::optional<time::Instant>& t, const time::Zone& zone) {
  if (!t) return nullptr;
  return json::value(time::format_rfc3339(*t, zone));
}

json::value text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return json::value(text);
}

std::string date_text(std::chrono::year_month_day date) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return out;
}

}  // namespace yhteisaika::http
