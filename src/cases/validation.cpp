#include <yhteisaika/cases/validation.hpp>

#include <yhteisaika/text.hpp>

#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/privacy/henkilotunnus.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace yhteisaika::cases {

namespace {

using std::chrono::minutes;

Error invalid(std::string message, std::string field) {
  return Error{Errc::invalid_value, std::move(message), Location::at_field(std::move(field))};
}

// No identity code, named by `field` the way the other checks name it.
Result<void> refuse_identity_code(std::string_view text, const std::string& field) {
  return privacy::refuse_identity_code(text, field);  // at the field `field`
}

// Free text of 1..max characters without control characters or identity codes.
// `what` names it in messages ("a case reference", "a label").
Result<void> check_text(std::string_view text, const std::string& field, std::string_view what,
                        std::size_t max_chars, std::string_view example) {
  // The identity code first: it says more about the text than any other rule.
  if (auto ok = refuse_identity_code(text, field); !ok) return ok;
  const bool blank = text.find_first_not_of(' ') == std::string_view::npos;
  if (blank || count_characters(text) > max_chars) {
    return invalid(std::string(what) + " is 1-" + std::to_string(max_chars) + " characters, e.g. " +
                       std::string(example),
                   field);
  }
  if (has_control_character(text)) return invalid(std::string(what) + " has no control characters", field);
  return {};
}

std::string hh_mm(minutes m) {
  const auto h = m.count() / 60;
  const auto rest = m.count() % 60;
  return (h < 10 ? "0" : "") + std::to_string(h) + (rest < 10 ? ":0" : ":") + std::to_string(rest);
}

Result<void> check_window(const WeeklyWindow& w, std::size_t index, minutes grid) {
  const std::string field = "availability[" + std::to_string(index) + "]";
  if (std::none_of(w.days.begin(), w.days.end(), [](bool on) { return on; })) {
    return invalid("a window names at least one day (mon-sun)", field + ".days");
  }
  const minutes day{24 * 60};
  if (w.from < minutes{0} || w.from >= day) return invalid("from is a time of day 00:00-23:59", field + ".from");
  if (w.to <= w.from || w.to > day) {
    return invalid("to is after from (" + hh_mm(w.from) + ") and at most 24:00", field + ".to");
  }
  for (const auto& [end, name] : {std::pair{w.from, ".from"}, std::pair{w.to, ".to"}}) {
    if (end % grid != minutes{0}) {
      return invalid("a window starts and ends on the " + std::to_string(grid.count()) +
                         "-minute grid that meetings start on (e.g. 12:00, 12:15)",
                     field + name);
    }
  }
  return {};
}

}  // namespace

Result<void> validate_segment(int segment) {
  if (segment >= 1 && segment <= 4) return {};
  return invalid("segment is 1-4 (1 omatoimi, 2 tuki, 3 yhteistyö, 4 huolenpito), got " + std::to_string(segment),
                 "segment");
}

Result<void> validate_case(const Case& c) {
  if (auto ok = check_text(c.ref.value, "case_ref", "a case reference", kMaxCaseRefChars, "YA-2026-0042"); !ok) {
    return ok;
  }
  if (c.coordinator.value.empty()) return invalid("a case has a coordinator: a professional's id", "coordinator");
  if (!c.identified_on.ok()) return invalid("identified_on is a real date YYYY-MM-DD", "identified_on");
  if (c.segment) {
    if (auto ok = validate_segment(*c.segment); !ok) return ok;
  }
  for (std::size_t i = 0; i < c.team.size(); ++i) {
    if (c.team[i].value.empty()) return invalid("a team member is a professional's id, not empty", "team");
    if (std::find(c.team.begin(), c.team.begin() + static_cast<std::ptrdiff_t>(i), c.team[i]) !=
        c.team.begin() + static_cast<std::ptrdiff_t>(i)) {
      return invalid("the team lists " + c.team[i].value + " twice", "team");
    }
  }
  return {};
}

Result<void> validate_participant(const Participant& p, minutes grid) {
  if (auto ok = check_text(p.label, "label", "a label", kMaxLabelChars, "Äiti (a role word, never a name)"); !ok) {
    return ok;
  }
  if (p.email) {
    if (auto ok = refuse_identity_code(*p.email, "email"); !ok) return ok;
    if (!mail::is_plain_address(*p.email)) {
      return invalid("email is a plain address like tukihenkilo@jarjesto.fi: no name, spaces, quotes or angle brackets",
                     "email");
    }
  }
  if (p.availability.size() > kMaxWindows) {
    return invalid("at most " + std::to_string(kMaxWindows) + " weekly windows", "availability");
  }
  for (std::size_t i = 0; i < p.availability.size(); ++i) {
    if (auto ok = check_window(p.availability[i], i, grid); !ok) return ok;
  }
  if (p.unavailable.size() > kMaxUnavailable) {
    return invalid("at most " + std::to_string(kMaxUnavailable) + " unavailable spans", "unavailable");
  }
  for (std::size_t i = 0; i < p.unavailable.size(); ++i) {
    if (p.unavailable[i].empty()) {
      return invalid("an unavailable span's to is after its from", "unavailable[" + std::to_string(i) + "]");
    }
  }
  return {};
}

Result<void> validate_hold(minutes hold) {
  if (hold >= kMinHold && hold <= kMaxHold) return {};
  return invalid("a hold lasts 1 minute to 14 days (" + std::to_string(kMaxHold.count()) + " minutes), got " +
                     std::to_string(hold.count()) + " minutes",
                 "hold_minutes");
}

}  // namespace yhteisaika::cases
