#include "case_json.hpp"

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "participant_json.hpp"
#include "values.hpp"

namespace yhteisaika::http {

namespace json = boost::json;

namespace {

// The fields a case shows in a list and whole alike.
json::object case_head(const cases::Case& c) {
  return {{"id", c.id.value},
          {"case_ref", c.ref.value},
          {"coordinator", c.coordinator.value},
          {"identified_on", date_text(c.identified_on)},
          {"trigger", cases::to_string(c.trigger)},
          {"segment", c.segment ? json::value(*c.segment) : json::value(nullptr)},
          {"stage", cases::to_string(c.stage)}};
}

}  // namespace

json::object stage_move_json(const cases::StageMove& move, const time::Zone& zone) {
  return {{"from", cases::to_string(move.from)},
          {"to", cases::to_string(move.to)},
          {"at", time::format_rfc3339(move.at, zone)},
          {"actor", move.actor}};
}

json::object case_json(const cases::Case& c, const time::Zone& zone) {
  json::object o = case_head(c);
  o["team"] = ids_json(c.team);
  json::array participants;
  for (const auto& p : c.participants) participants.push_back(participant_json(p, zone));
  o["participants"] = std::move(participants);
  json::array history;
  for (const auto& move : c.history) history.push_back(stage_move_json(move, zone));
  o["history"] = std::move(history);
  return o;
}

json::object case_list_item_json(const cases::Case& c, const time::Zone& zone) {
  json::object o = case_head(c);
  o["stage_since"] = c.history.empty() ? json::value(nullptr) : time_or_null(c.history.back().at, zone);
  o["team_size"] = c.team.size();
  o["participants_count"] = c.participants.size();
  return o;
}

}  // namespace yhteisaika::http
