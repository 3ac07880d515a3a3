#include "solution_json.hpp"

#include <yhteisaika/time/rfc3339.hpp>

#include "values.hpp"

namespace yhteisaika::http {

namespace json = boost::json;

namespace {

json::object slot_json(const solve::Slot& slot, const time::Zone& zone) {
  json::object o{{"start", time::format_rfc3339(slot.time.start, zone)},
                 {"end", time::format_rfc3339(slot.time.end, zone)},
                 {"in_hole", slot.in_hole}};
  if (slot.room) o["room"] = slot.room->value;  // the room it would take
  return o;
}

}  // namespace

json::object solution_json(const service::Solution& solution, const time::Zone& zone) {
  const auto& answer = solution.answer;
  json::object o;
  json::array alternatives;
  for (const auto& slot : answer.alternatives) alternatives.push_back(slot_json(slot, zone));
  if (answer.chosen) {
    o = slot_json(*answer.chosen, zone);
    o["optional_free"] = ids_json(answer.optional_free);
    o["optional_busy"] = ids_json(answer.optional_busy);
  } else {
    o["start"] = nullptr;
    o["reason"] = answer.reason;
    o["without_free_time"] = ids_json(answer.without_free_time);
  }
  o["strategy"] = solve::to_string(solution.strategy);
  o["required"] = ids_json(solution.required);
  o["alternatives"] = std::move(alternatives);
  o["window"] = json::object{{"from", time::format_rfc3339(solution.window.start, zone)},
                             {"to", time::format_rfc3339(solution.window.end, zone)}};
  return o;
}

}  // namespace yhteisaika::http
