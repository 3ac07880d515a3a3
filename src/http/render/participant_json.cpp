#include "participant_json.hpp"

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/time/rfc3339.hpp>


#include <cstdio>

namespace yhteisaika::http {

namespace json = boost::json;

std::string clock_text(std::chrono::minutes since_midnight) {
  char out[8];
  const auto m = since_midnight.count();
  std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(m / 60), static_cast<int>(m % 60));
  return out;
}

json::object weekly_window_json(const cases::WeeklyWindow& w) {
  json::array days;  // Monday first, as a Finnish week is read
  for (std::string_view day : cases::day_names(w.days)) days.emplace_back(day);
  return {{"days", std::move(days)}, {"from", clock_text(w.from)}, {"to", clock_text(w.to)}};
}

json::object participant_json(const cases::Participant& p, const time::Zone& zone) {
  json::array availability;
  for (const auto& w : p.availability) availability.push_back(weekly_window_json(w));
  json::array unavailable;
  for (const auto& span : p.unavailable) {
    unavailable.push_back(json::object{{"from", time::format_rfc3339(span.start, zone)},
                                       {"to", time::format_rfc3339(span.end, zone)}});
  }
  return {{"id", p.id},
          {"kind", cases::to_string(p.kind)},
          {"label", p.label},
          {"email", p.email ? json::value(*p.email) : json::value(nullptr)},
          {"availability", std::move(availability)},
          {"unavailable", std::move(unavailable)}};
}

}  // namespace yhteisaika::http
