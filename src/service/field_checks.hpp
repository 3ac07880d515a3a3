#pragma once
// Private to service/: the rules for text that comes into the service, in one
// place, whether it comes through the API, people.json or demo-bookings.json.
//   - No field holds a Finnish personal identity code (privacy/henkilotunnus.hpp,
//     look-alike characters folded): privacy::Errc::identity_code.
//   - Free text is at most so many characters (Unicode code points, not bytes):
//     title 200, location 500, description 4,000; a professional's name,
//     profession and unit 200 each. (Every feed poll carries the meetings' text.)
//   - A case reference is 1-64 characters without control characters, and as a
//     whole matches the configured case_ref_pattern (config.hpp).
//   - An e-mail address is empty or a plain local@domain (mail::is_plain_address),
//     so that every invite message can be built.
// Errors other than identity codes are Errc::invalid_value. Each names the field
// as the JSON names it in `where` ("title", "email"); callers reading a file put
// the file and entry in front. No message repeats the text it refuses.

#include <yhteisaika/error.hpp>
#include <yhteisaika/text.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/store/store.hpp>

#include <cstddef>
#include <regex>
#include <string_view>

namespace yhteisaika::service {

inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxLocationChars = 500;
inline constexpr std::size_t kMaxDescriptionChars = 4000;
inline constexpr std::size_t kMaxPersonTextChars = 200;  // a professional's name, profession, unit
inline constexpr std::size_t kMaxCaseRefChars = 64;


// A meeting's text: its case reference and the free text that travels in
// invites and feeds. `case_ref_pattern` is config::compile_case_ref_pattern's.
Result<void> check_meeting_text(const CaseRef& case_ref, std::string_view title, std::string_view location,
                                std::string_view description, const std::regex& case_ref_pattern);

// A professional's name, profession, unit and e-mail address.
Result<void> check_professional(const store::Professional& p);

}  // namespace yhteisaika::service
