#include "field_checks.hpp"

#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/privacy/henkilotunnus.hpp>
#include <yhteisaika/service/errc.hpp>

#include <string>

namespace yhteisaika::service {

namespace {

struct Field {
  std::string_view text;
  const char* name;
  std::size_t max_chars;
};

// No identity code, and not too long; named as the request names it.
Result<void> check_text(const Field& f) {
  if (auto ok = privacy::refuse_identity_code(f.text, f.name); !ok) return ok;
  if (count_characters(f.text) > f.max_chars) {
    return Error{Errc::invalid_value,
                 std::string(f.name) + " is at most " + std::to_string(f.max_chars) + " characters, got " +
                     std::to_string(count_characters(f.text)),
                 Location::at_field(f.name)};
  }
  return {};
}

}  // namespace

Result<void> check_meeting_text(const CaseRef& case_ref, std::string_view title, std::string_view location,
                                std::string_view description, const std::regex& case_ref_pattern) {
  const std::string& ref = case_ref.value;
  if (ref.empty() || count_characters(ref) > kMaxCaseRefChars) {
    return Error{Errc::invalid_value, "a case reference is 1-64 characters, e.g. YA-2026-0042",
                 Location::at_field("case_ref")};
  }
  for (unsigned char c : ref) {
    if (c < 0x20 || c == 0x7f) return Error{Errc::invalid_value, "a case reference has no control characters",
                                            Location::at_field("case_ref")};
  }
  for (const Field& f : {Field{ref, "case_ref", kMaxCaseRefChars}, Field{title, "title", kMaxTitleChars},
                         Field{location, "location", kMaxLocationChars},
                         Field{description, "description", kMaxDescriptionChars}}) {
    if (auto ok = check_text(f); !ok) return ok;
  }
  // After the identity-code check, which says more about a code than this would.
  if (!std::regex_match(ref, case_ref_pattern)) {
    return Error{Errc::invalid_value,
                 "a case reference is a pseudonymous reference such as YA-2026-0042 (as the configured "
                 "case_ref_pattern says), never a client's name",
                 Location::at_field("case_ref")};
  }
  return {};
}

Result<void> check_professional(const store::Professional& p) {
  for (const Field& f : {Field{p.name, "name", kMaxPersonTextChars}, Field{p.profession, "profession", kMaxPersonTextChars},
                         Field{p.unit, "unit", kMaxPersonTextChars}}) {
    if (auto ok = check_text(f); !ok) return ok;
  }
  if (!p.email.empty() && !mail::is_plain_address(p.email)) {
    return Error{Errc::invalid_value,
                 "email is a plain address like mikko.korhonen@hyvinvointialue.fi: no name, spaces, quotes or "
                 "angle brackets",
                 Location::at_field("email")};
  }
  return {};
}

}  // namespace yhteisaika::service
