#include <yhteisaika/solve/limits.hpp>

namespace yhteisaika::solve {

bool window_days_allowed(long long days) { return days >= 1 && days <= kMaxWindowDays; }

std::string window_days_expected() { return "a whole number from 1 to " + std::to_string(kMaxWindowDays); }

bool duration_allowed(std::chrono::minutes duration, std::chrono::minutes grid) {
  return duration > std::chrono::minutes{0} && duration <= kMaxDuration && duration % grid == std::chrono::minutes{0};
}

std::string duration_expected(std::chrono::minutes grid) {
  return "a positive multiple of " + std::to_string(grid.count()) + " up to " + std::to_string(kMaxDuration.count());
}

}  // namespace yhteisaika::solve
