#pragma once
// How long a closed case keeps the contact data of its non-professional
// participants (issue 13): `participant_retention_days` (default 180) after the
// case was closed, their e-mail addresses are erased. Labels are role words,
// not contact data, and stay; so do the professionals (they are staff, kept by
// the directory) and the audit's pseudonymous facts.
//
// The erasure is due at the instant of closing + N x 24 hours (not N local days:
// over half a year a DST hour either way is immaterial, and no zone is needed).
//
// Thread safety: pure functions.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <optional>

namespace yhteisaika::cases {

inline constexpr std::chrono::days kDefaultParticipantRetention{180};

// When the case was closed: the time of the last move to `closed` in its
// history; nullopt when it is not closed, or is closed with no such move kept
// (then nothing is ever due by this rule: the service must record the move).
std::optional<time::Instant> closed_at(const Case& c);

// When its participants' contact data is due for erasure: closed_at + retention;
// nullopt while the case is open. REQUIRES: retention >= 0 days.
std::optional<time::Instant> erasure_due_at(const Case& c,
                                            std::chrono::days retention = kDefaultParticipantRetention);

// True when `now` is at or after erasure_due_at (and so the case is closed).
bool due_for_erasure(const Case& c, time::Instant now, std::chrono::days retention = kDefaultParticipantRetention);

// `c` with every participant's e-mail erased (the contact data the rule is
// about); everything else as it was.
Case without_participant_contacts(Case c);

}  // namespace yhteisaika::cases
