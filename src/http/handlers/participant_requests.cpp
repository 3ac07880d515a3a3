#include "participant_requests.hpp"

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include "case_text.hpp"

#include "../request_fields.hpp"

#include <charconv>
#include <string>

namespace yhteisaika::http {

namespace {

std::string element(std::string_view name, std::size_t i) { return std::string(name) + "[" + std::to_string(i) + "]"; }

// The days of a weekly window: at least one, each a day word.
cases::DaySet read_days(Fields& fields) {
  cases::DaySet days{};
  const boost::json::array* items = fields.array("days");
  if (!items) {
    fields.fail(Error{Errc::bad_request, "this field is required: an array of days such as [\"tue\", \"thu\"]", Location::at_field("days")});
    return days;
  }
  if (items->empty()) fields.fail(invalid_value("name at least one day", "days"));
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    if (!item.is_string()) {
      fields.fail(type_error(element("days", i), "a day (text) such as \"tue\"", item));
      return days;
    }
    auto day = cases::parse_day(item.get_string());
    if (!day) {
      fields.fail(Error{day.error().code, day.error().message, Location::at_field(element("days", i))});
      return days;
    }
    days[day->c_encoding()] = true;
  }
  return days;
}

cases::WeeklyWindow read_window(Fields& fields) {
  cases::WeeklyWindow w;
  w.days = read_days(fields);
  const std::string from = required_value(fields, "from").value_or("");
  const std::string to = required_value(fields, "to").value_or("");
  auto start = parse_clock(from, false);
  if (!start) fields.fail(invalid_value("from is a time of day HH:MM such as 12:00", "from"));
  auto end = parse_clock(to, true);
  if (!end) fields.fail(invalid_value("to is a time of day HH:MM such as 16:00 (24:00 for midnight)", "to"));
  if (start && end && *end <= *start) fields.fail(invalid_value("to must be after from", "to"));
  w.from = start.value_or(std::chrono::minutes{0});
  w.to = end.value_or(std::chrono::minutes{0});
  return w;
}

time::Interval read_span(Fields& fields, const time::Zone& zone) {
  required_value(fields, "from");
  required_value(fields, "to");
  auto from = fields.instant("from", zone);
  auto to = fields.instant("to", zone);
  if (from && to && *to <= *from) fields.fail(invalid_value("to must be after from", "to"));
  return {from.value_or(time::Instant{}), to.value_or(time::Instant{})};
}

}  // namespace

std::optional<std::chrono::minutes> parse_clock(std::string_view text, bool end_of_day) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto digits = [&](std::size_t at) -> int {
    int v = 0;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + 2, v);
    return ec == std::errc{} && end == text.data() + at + 2 ? v : -1;
  };
  const int h = digits(0), m = digits(3);
  if (h < 0 || m < 0 || m > 59) return std::nullopt;
  if (h == 24 && m == 0 && end_of_day) return std::chrono::hours{24};
  if (h > 23) return std::nullopt;
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

void read_participant_fields(Fields& fields, cases::Participant& p, const time::Zone& zone) {
  if (auto kind = fields.text("kind")) {
    if (auto value = cases::parse_participant_kind(*kind)) {
      p.kind = *value;
    } else {
      fields.fail(Error{value.error().code, value.error().message, Location::at_field("kind")});
    }
  }
  if (auto label = fields.text("label")) {
    if (auto e = one_line_text_error(*label, "label", kMaxLabelChars, true)) fields.fail(std::move(*e));
    p.label = *label;
  }
  if (auto email = fields.text("email")) {
    if (!email->empty()) {
      if (auto e = email_error(*email, "email")) fields.fail(std::move(*e));
    }
    p.email = email->empty() ? std::nullopt : std::optional<std::string>(*email);
  }
  if (auto windows = read_objects(fields, "availability", read_window)) p.availability = std::move(*windows);
  const auto span = [&zone](Fields& f) { return read_span(f, zone); };
  if (auto spans = read_objects(fields, "unavailable", span)) p.unavailable = std::move(*spans);
}

cases::Participant read_new_participant(Fields& fields, const time::Zone& zone) {
  cases::Participant p;
  // Both must be there; their values are read (and checked) below.
  required_value(fields, "kind");
  required_value(fields, "label");
  read_participant_fields(fields, p, zone);
  return p;
}

}  // namespace yhteisaika::http
