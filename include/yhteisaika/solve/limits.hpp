#pragma once
// The limits of one solve request, in one place for the command line (`solve`)
// and the service (the API's `days` and `duration_minutes`; docs/openapi.json
// states the same numbers): a window of 1-60 days, and a meeting of up to 8
// hours whose length is a whole number of grid steps.
//
// Thread safety: constants and pure functions.

#include <chrono>
#include <string>

namespace yhteisaika::solve {

inline constexpr int kMaxWindowDays = 60;
inline constexpr std::chrono::minutes kMaxDuration{8 * 60};

// True when a window of `days` days may be solved: 1 <= days <= kMaxWindowDays.
bool window_days_allowed(long long days);
// What a window length must be, for messages: "a whole number from 1 to 60".
std::string window_days_expected();

// True when `duration` is positive, at most kMaxDuration and a multiple of `grid`.
// REQUIRES: grid > 0.
bool duration_allowed(std::chrono::minutes duration, std::chrono::minutes grid);
// What a meeting length must be, for messages: "a positive multiple of 15 up to 480".
std::string duration_expected(std::chrono::minutes grid);

}  // namespace yhteisaika::solve
