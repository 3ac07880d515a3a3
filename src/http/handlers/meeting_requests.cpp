#include "meeting_requests.hpp"

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include "room_requests.hpp"

#include <charconv>

namespace yhteisaika::http {

namespace {

// Out-of-range values are the service's to refuse; keep them out of int's range trouble.
int days_of(std::int64_t days) { return days < 1 || days > 10'000 ? -1 : static_cast<int>(days); }

std::optional<solve::Strategy> read_strategy(Fields& fields) {
  auto text = fields.text("strategy");
  if (!text) return std::nullopt;
  auto parsed = solve::parse_strategy(*text);
  if (!parsed) fields.fail(Error{service::Errc::invalid_value, "strategy is hole-first or earliest",
                                 Location::at_field("strategy")});
  return parsed;
}

}  // namespace

service::SolveInput read_solve_input(Fields& fields, const time::Zone& zone) {
  service::SolveInput input;
  input.required = fields.ids("required", true);
  input.optional = fields.ids("optional", false);
  input.from = fields.instant("from", zone);
  if (auto days = fields.integer("days")) input.days = days_of(*days);
  if (auto minutes = fields.integer("duration_minutes")) {
    input.duration = std::chrono::minutes{*minutes < 1 || *minutes > 100'000 ? -1 : *minutes};
  }
  if (auto strategy = read_strategy(fields)) input.strategy = *strategy;
  bool remote = false;  // a remote meeting needs no room: nothing more to solve for
  read_room_choice(fields, input.rooms, remote);
  return input;
}

service::BookInput read_book_input(Fields& fields, const time::Zone& zone) {
  service::BookInput input;
  input.solve = read_solve_input(fields, zone);
  input.case_ref = CaseRef{fields.required_text("case_ref")};
  input.start = fields.instant("start", zone);
  input.title = fields.text("title").value_or("");
  input.location = fields.text("location").value_or("");
  input.description = fields.text("description").value_or("");
  if (auto coordinator = fields.text("coordinator")) input.coordinator = ParticipantId{*coordinator};
  input.identified_on = fields.date("identified_on");
  input.remote = fields.boolean("remote").value_or(false);
  if (auto minutes = fields.integer("hold_minutes")) {
    input.hold = std::chrono::minutes{*minutes < 1 || *minutes > 100'000 ? -1 : *minutes};
  }
  return input;
}

service::RescheduleInput read_reschedule_input(Fields& fields, const time::Zone& zone) {
  service::RescheduleInput input;
  input.start = fields.instant("start", zone);
  input.from = fields.instant("from", zone);
  if (auto days = fields.integer("days")) input.days = days_of(*days);
  input.strategy = read_strategy(fields);
  input.without = fields.ids("without", false);
  input.without_declined = fields.boolean("without_declined").value_or(false);
  return input;
}

Result<store::MeetingId> meeting_id(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
    return Error{Errc::not_found, "no meeting " + std::string(text), {}};
  }
  return store::MeetingId{value};
}

}  // namespace yhteisaika::http
