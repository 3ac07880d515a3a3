#pragma once
// Private to http/: what the cases' handlers read from a request (issue 13),
// as values (case_values.hpp). Pure: a wrong JSON type, a missing field or a
// field nobody read is Errc::bad_request (400, as every reader's); a value out
// of range is service::Errc::invalid_value (422); a word that is none of the
// API's (cases/words.hpp) is cases::Errc::unknown_word (422), its message
// listing the words; an identity code is privacy::Errc::identity_code (422). Every error names its
// field as the JSON does (Fields::finish()).

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/zone.hpp>

#include "../case_values.hpp"
#include "../request_fields.hpp"

#include <map>
#include <regex>
#include <string>
#include <string_view>

namespace yhteisaika::http {

// POST /api/v1/cases: "case_ref" (required; case_text.hpp's rules with
// `case_ref_pattern`), "coordinator" (required, a professional id),
// "identified_on" (required, YYYY-MM-DD), "trigger" (required, a trigger word),
// "segment" (1-4, optional), "team" (professional ids, optional, none twice).
NewCase read_new_case(Fields& fields, const std::regex& case_ref_pattern);

// PATCH /api/v1/cases/{id}: "team", "coordinator", "segment", "stage" (a stage
// word), each optional.
CaseChange read_case_change(Fields& fields);

// GET /api/v1/cases?stage=&coordinator=: a stage that is not a stage word is
// unknown_word naming "stage"; other parameters are left alone, as the
// other lists do.
Result<CaseFilter> read_case_filter(const std::map<std::string, std::string>& query);

// POST /api/v1/cases/{id}/meetings: "kind" (required, a meeting kind word),
// "required" and "optional" (ids; required not empty when given), "from"
// (local in `zone` or RFC 3339), "days" (1-60), "duration_minutes" (1-480;
// the grid is the service's to check), "rooms" (room ids, not empty when
// given) or "remote" (not both), "hold_minutes" (1 to 20160 = 14 days).
CaseMeetingRequest read_case_meeting_request(Fields& fields, const time::Zone& zone);

// The {id} of /api/v1/cases/{id}: a positive number, else Errc::not_found
// ("no case <text>"): a path that names nothing.
Result<cases::CaseId> case_id(std::string_view text);

inline constexpr std::chrono::minutes kMinHold{1};
inline constexpr std::chrono::minutes kMaxHold{14 * 24 * 60};

}  // namespace yhteisaika::http
