#include <yhteisaika/calendar/errc.hpp>

#include <string>

namespace yhteisaika::calendar {

namespace {

class CalendarCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.calendar"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::not_a_calendar:
        return "not an iCalendar calendar";
      case Errc::unbalanced:
        return "unbalanced BEGIN/END in calendar";
      case Errc::invalid_value:
        return "invalid date, time, duration or period in calendar";
      case Errc::invalid_rule:
        return "invalid recurrence rule in calendar";
      case Errc::unknown_timezone:
        return "unknown time zone";
      case Errc::too_many_occurrences:
        return "recurring event has too many occurrences";
      case Errc::not_a_reply:
        return "not an iTIP reply";
    }
    return "unknown calendar error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& calendar_category() noexcept {
  static const CalendarCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), calendar_category()}; }

}  // namespace yhteisaika::calendar
