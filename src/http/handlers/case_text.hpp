#pragma once
// Private to http/: the rules for the text of cases, participants and rooms as
// it comes in, each error naming the field as the JSON names it ("label",
// "availability[0].from"). The same rules as service/field_checks.hpp keeps for
// meetings (private to service/, so restated here for the case's requests):
//   - no field holds a Finnish personal identity code (privacy/henkilotunnus.hpp,
//     look-alike characters folded): privacy::Errc::identity_code;
//   - one-line text has no control characters and at most so many characters
//     (Unicode code points, not bytes);
//   - a case reference is 1-64 characters and matches case_ref_pattern as a whole;
//   - an id is letters, digits, '-', '_' and '.' (it goes into URLs and files);
//   - an e-mail address is a plain local@domain (mail::is_plain_address).
// Other errors are service::Errc::invalid_value (422). No message repeats the
// text it refuses.
//
// Pure; thread-safe.

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>

#include <cstddef>
#include <optional>
#include <regex>
#include <string_view>

namespace yhteisaika::http {

inline constexpr std::size_t kMaxCaseRefChars = 64;
inline constexpr std::size_t kMaxLabelChars = 200;         // a participant's role word
inline constexpr std::size_t kMaxRoomNameChars = 200;
inline constexpr std::size_t kMaxRoomLocationChars = 500;  // as a meeting's location
inline constexpr std::size_t kMaxIdChars = 200;

// One-line free text of at most `max_chars` characters without an identity code.
// `required`: empty text is an error too.
std::optional<Error> one_line_text_error(std::string_view text, std::string_view field, std::size_t max_chars,
                                         bool required);

// A case reference; `case_ref_pattern` is config::compile_case_ref_pattern's.
std::optional<Error> case_ref_error(const CaseRef& ref, const std::regex& case_ref_pattern);

// An id of a professional, a room or a participant: 1-200 of a-z, A-Z, 0-9, '-', '_', '.'.
std::optional<Error> id_error(std::string_view id, std::string_view field);

// A plain address local@domain, without an identity code in it.
std::optional<Error> email_error(std::string_view email, std::string_view field);

}  // namespace yhteisaika::http
