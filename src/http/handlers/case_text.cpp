#include "case_text.hpp"

#include "../request_fields.hpp"

#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/privacy/henkilotunnus.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/text.hpp>

#include <string>

namespace yhteisaika::http {

namespace {

std::optional<Error> identity_code_error(std::string_view text, std::string_view field) {
  if (auto ok = privacy::refuse_identity_code(text, field); !ok) {
    return Error{ok.error().code, ok.error().message, Location::at_field(std::string(field))};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> one_line_text_error(std::string_view text, std::string_view field, std::size_t max_chars,
                                         bool required) {
  // The identity code first: it says more than any other rule would.
  if (auto e = identity_code_error(text, field)) return e;
  if (required && text.empty()) return invalid_value(std::string(field) + " cannot be empty", field);
  if (has_control_character(text)) return invalid_value(std::string(field) + " is one line without control characters", field);
  if (count_characters(text) > max_chars) {
    return invalid_value(std::string(field) + " is at most " + std::to_string(max_chars) + " characters, got " +
                       std::to_string(count_characters(text)),
                   field);
  }
  return std::nullopt;
}

std::optional<Error> case_ref_error(const CaseRef& ref, const std::regex& case_ref_pattern) {
  const std::string& text = ref.value;
  if (auto e = identity_code_error(text, "case_ref")) return e;
  if (text.empty() || count_characters(text) > kMaxCaseRefChars) {
    return invalid_value("a case reference is 1-64 characters, e.g. YA-2026-0042", "case_ref");
  }
  if (has_control_character(text)) return invalid_value("a case reference has no control characters", "case_ref");
  if (!std::regex_match(text, case_ref_pattern)) {
    return invalid_value(
        "a case reference is a pseudonymous reference such as YA-2026-0042 (as the configured case_ref_pattern "
        "says), never a client's name",
        "case_ref");
  }
  return std::nullopt;
}

std::optional<Error> id_error(std::string_view id, std::string_view field) {
  if (id.empty()) return invalid_value("an id cannot be empty", field);
  if (id.size() > kMaxIdChars) return invalid_value("an id is at most " + std::to_string(kMaxIdChars) + " characters", field);
  for (char c : id) {
    const bool letter_or_digit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!letter_or_digit && c != '-' && c != '_' && c != '.') {
      return invalid_value("an id uses letters a-z, digits, '-', '_' and '.'", field);
    }
  }
  return std::nullopt;
}

std::optional<Error> email_error(std::string_view email, std::string_view field) {
  if (auto e = identity_code_error(email, field)) return e;
  if (!mail::is_plain_address(email)) {
    return invalid_value(std::string(field) +
                       " is a plain address like aiti@example.fi: no name, spaces, quotes or angle brackets",
                   field);
  }
  return std::nullopt;
}

}  // namespace yhteisaika::http
