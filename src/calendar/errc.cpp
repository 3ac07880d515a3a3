#include <yhteisaika/calendar/errc.hpp>
#include <yhteisaika/errc_category.hpp>

namespace yhteisaika::calendar {

namespace {

const char* describe(Errc e) {
  switch (e) {
    case Errc::not_a_calendar: return "not an iCalendar calendar";
    case Errc::unbalanced: return "unbalanced BEGIN/END in calendar";
    case Errc::invalid_value: return "invalid date, time, duration or period in calendar";
    case Errc::invalid_rule: return "invalid recurrence rule in calendar";
    case Errc::unknown_timezone: return "unknown time zone";
    case Errc::too_many_occurrences: return "recurring event has too many occurrences";
    case Errc::not_a_reply: return "not an iTIP reply";
  }
  return nullptr;
}

}  // namespace

const std::error_category& calendar_category() noexcept {
  static const ErrcCategory<Errc, describe> category("yhteisaika.calendar");
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), calendar_category()}; }

}  // namespace yhteisaika::calendar
