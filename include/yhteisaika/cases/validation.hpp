#pragma once
// What a new or changed case, participant or hold must be before it is kept
// (issue 13). Each error names the field as the JSON names it in `where`
// ("segment", "label", "availability[1].from", "unavailable[0]"), has
// Errc::invalid_value (privacy::Errc::identity_code for an identity code), and
// never repeats the free text it refuses (a label, an address).
//
// The rules:
//   - case_ref: 1-64 characters, not only spaces, no control characters, no
//     personal identity code (the configured case_ref_pattern is the service's to
//     apply, as for meetings); coordinator: not empty; identified_on: a real
//     date; segment, when given: 1-4 (Helsinki's 1 omatoimi, 2 tuki,
//     3 yhteistyö, 4 huolenpito); team: no empty id, none twice.
//   - A participant's label: a role word ("Äiti"), 1-100 characters, not only
//     spaces, no control characters, no personal identity code. E-mail, when
//     given: a plain local@domain that an invite can be sent to
//     (mail::is_plain_address), no identity code either.
//   - Weekly windows: at least one day; from < to, within the day (to may be
//     24:00); both on the slot grid (default 15 minutes). Decision: a window off
//     the grid is refused rather than read inwards, because a meeting starts on
//     the grid anyway: "12:10-13:10" could never hold an hour's meeting, and the
//     coordinator is better told so when entering it than by "no slot" later.
//     At most kMaxWindows windows.
//   - Unavailable spans: from < to; at most kMaxUnavailable of them.
//   - A hold: 1 minute to 14 days.
//
// Thread safety: pure functions.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/error.hpp>

#include <chrono>
#include <cstddef>

namespace yhteisaika::cases {

inline constexpr std::size_t kMaxCaseRefChars = 64;
inline constexpr std::size_t kMaxLabelChars = 100;
inline constexpr std::size_t kMaxWindows = 50;
inline constexpr std::size_t kMaxUnavailable = 200;
inline constexpr std::chrono::minutes kMinHold{1};
inline constexpr std::chrono::minutes kMaxHold{14 * 24 * 60};

// The case's own fields (not its participants, stage or history).
Result<void> validate_case(const Case& c);

// Segment 1-4.
Result<void> validate_segment(int segment);

// A participant as added or changed. REQUIRES: grid > 0 (WorkRules::grid).
Result<void> validate_participant(const Participant& p, std::chrono::minutes grid = std::chrono::minutes{15});

// hold_minutes of a case meeting: kMinHold..kMaxHold.
Result<void> validate_hold(std::chrono::minutes hold);

}  // namespace yhteisaika::cases
