#include "case_requests.hpp"

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/solve/limits.hpp>
#include <yhteisaika/time/date.hpp>

#include "case_text.hpp"
#include "room_requests.hpp"

#include "../request_fields.hpp"

#include <algorithm>
#include <charconv>

namespace yhteisaika::http {

namespace {

std::string element(std::string_view name, std::size_t i) { return std::string(name) + "[" + std::to_string(i) + "]"; }

// One of the case's words (cases/words.hpp), read by `parse`; `required`:
// missing is an error too. A word that is none of them is cases' unknown_word
// error (its message lists the words), at the field `name`.
template <class Enum>
std::optional<Enum> read_word(Fields& fields, std::string_view name, Result<Enum> (*parse)(std::string_view),
                              bool required) {
  auto text = required ? required_value(fields, name) : fields.text(name);
  if (!text) return std::nullopt;
  auto value = parse(*text);
  if (!value) {
    Error e = value.error();
    e.where = Location::at_field(std::string(name));
    fields.fail(std::move(e));
    return std::nullopt;
  }
  return *value;
}

std::optional<int> read_segment(Fields& fields) {
  auto segment = fields.integer("segment");
  if (!segment) return std::nullopt;
  if (*segment < 1 || *segment > 4) {
    fields.fail(invalid_value("segment is 1 (omatoimi), 2 (tuki), 3 (yhteistyö) or 4 (huolenpito)", "segment"));
    return std::nullopt;
  }
  return static_cast<int>(*segment);
}

// An id named as the JSON names it: not empty.
std::optional<ParticipantId> read_professional(Fields& fields, std::string_view name, bool required) {
  auto text = required ? required_value(fields, name) : fields.text(name);
  if (!text) return std::nullopt;
  if (text->empty()) fields.fail(invalid_value(std::string(name) + " is a professional's id; it cannot be empty", name));
  return ParticipantId{*text};
}

// The team's professional ids, none empty and none twice; nullopt when not given.
std::optional<std::vector<ParticipantId>> read_team(Fields& fields) {
  if (!fields.array("team")) return std::nullopt;
  auto team = fields.ids("team", false);
  for (std::size_t i = 0; i < team.size(); ++i) {
    if (team[i].value.empty()) fields.fail(invalid_value("a professional's id cannot be empty", element("team", i)));
    for (std::size_t j = 0; j < i; ++j) {
      if (team[j] == team[i]) fields.fail(invalid_value(team[i].value + " is in the team twice", element("team", i)));
    }
  }
  return team;
}

// An array of ids as text (professionals' or the case's participants'); nullopt when not given.
std::optional<std::vector<std::string>> read_id_texts(Fields& fields, std::string_view name, const char* what) {
  const boost::json::array* items = fields.array(name);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    if (!item.is_string()) {
      fields.fail(type_error(element(name, i), what, item));
      return std::nullopt;
    }
    if (item.get_string().empty()) {
      fields.fail(invalid_value("an id cannot be empty", element(name, i)));
      return std::nullopt;
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

void read_people(Fields& fields, CaseMeetingRequest& request) {
  constexpr const char* kPerson = "an id (text): a professional's, or a participant's such as p1";
  request.required = read_id_texts(fields, "required", kPerson);
  if (request.required && request.required->empty()) {
    fields.fail(invalid_value("name at least one required person, or leave required out for the case's team and client",
                        "required"));
  }
  request.optional = read_id_texts(fields, "optional", kPerson).value_or(std::vector<std::string>{});
}

void read_place(Fields& fields, CaseMeetingRequest& request) { read_room_choice(fields, request.rooms, request.remote); }

void read_lengths(Fields& fields, CaseMeetingRequest& request) {
  if (auto days = fields.integer("days")) {
    if (!solve::window_days_allowed(*days)) fields.fail(invalid_value("days is " + solve::window_days_expected(), "days"));
    request.days = static_cast<int>(std::clamp<std::int64_t>(*days, 0, solve::kMaxWindowDays));
  }
  if (auto minutes = fields.integer("duration_minutes")) {
    if (*minutes < 1 || *minutes > solve::kMaxDuration.count()) {
      fields.fail(invalid_value("duration_minutes is a whole number of minutes from 1 to " +
                              std::to_string(solve::kMaxDuration.count()),
                          "duration_minutes"));
    }
    request.duration = std::chrono::minutes{std::clamp<std::int64_t>(*minutes, 0, solve::kMaxDuration.count())};
  }
  if (auto minutes = fields.integer("hold_minutes")) {
    if (*minutes < kMinHold.count() || *minutes > kMaxHold.count()) {
      fields.fail(invalid_value("hold_minutes is " + std::to_string(kMinHold.count()) + " to " +
                              std::to_string(kMaxHold.count()) + " (14 days)",
                          "hold_minutes"));
    }
    request.hold = std::chrono::minutes{std::clamp<std::int64_t>(*minutes, 0, kMaxHold.count())};
  }
}

}  // namespace

NewCase read_new_case(Fields& fields, const std::regex& case_ref_pattern) {
  NewCase c;
  if (auto ref = required_value(fields, "case_ref")) {
    c.ref = CaseRef{*ref};
    if (auto e = case_ref_error(c.ref, case_ref_pattern)) fields.fail(std::move(*e));
  }
  c.coordinator = read_professional(fields, "coordinator", true).value_or(ParticipantId{});
  if (auto text = required_value(fields, "identified_on")) {
    if (auto date = time::parse_date(*text)) {
      c.identified_on = *date;
    } else {
      fields.fail(invalid_value(date.error().message, "identified_on"));
    }
  }
  c.trigger = read_word(fields, "trigger", cases::parse_trigger, true).value_or(cases::Trigger::other);
  c.segment = read_segment(fields);
  c.team = read_team(fields).value_or(std::vector<ParticipantId>{});
  return c;
}

CaseChange read_case_change(Fields& fields) {
  CaseChange change;
  change.team = read_team(fields);
  change.coordinator = read_professional(fields, "coordinator", false);
  change.segment = read_segment(fields);
  change.stage = read_word(fields, "stage", cases::parse_stage, false);
  return change;
}

Result<CaseFilter> read_case_filter(const std::map<std::string, std::string>& query) {
  CaseFilter filter;
  if (auto it = query.find("stage"); it != query.end()) {
    auto stage = cases::parse_stage(it->second);
    if (!stage) return Error{stage.error().code, stage.error().message, Location::at_field("stage")};
    filter.stage = *stage;
  }
  if (auto it = query.find("coordinator"); it != query.end()) filter.coordinator = ParticipantId{it->second};
  return filter;
}

CaseMeetingRequest read_case_meeting_request(Fields& fields, const time::Zone& zone) {
  CaseMeetingRequest request;
  request.kind = read_word(fields, "kind", cases::parse_meeting_kind, true).value_or(cases::MeetingKind::joint);
  read_people(fields, request);
  request.from = fields.instant("from", zone);
  read_lengths(fields, request);
  read_place(fields, request);
  return request;
}

Result<cases::CaseId> case_id(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
    return Error{Errc::not_found, "no case " + std::string(text), {}};
  }
  return cases::CaseId{value};
}

}  // namespace yhteisaika::http
