#include <yhteisaika/report/case_figures.hpp>

#include <algorithm>

namespace yhteisaika::report {

DayCount day_count(std::vector<double> days) {
  DayCount out;
  out.count = static_cast<int>(days.size());
  if (days.empty()) return out;
  std::sort(days.begin(), days.end());
  const std::size_t n = days.size();
  out.median = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
  return out;
}

bool fixed(const CaseMeeting& m) { return !m.cancelled && (m.hold == Hold::none || m.hold == Hold::confirmed); }

std::optional<std::int64_t> first_joint_meeting(std::span<const CaseMeeting> meetings) {
  const CaseMeeting* first = nullptr;
  for (const CaseMeeting& m : meetings) {
    if (m.kind != cases::MeetingKind::joint || !fixed(m)) continue;
    if (!first || std::pair{m.when.start, m.id} < std::pair{first->when.start, first->id}) first = &m;
  }
  if (!first) return std::nullopt;
  return first->id;
}

std::optional<time::Instant> consent_asked_at(std::span<const cases::StageMove> history) {
  for (const cases::StageMove& move : history) {
    if (move.to == cases::Stage::consent_asked) return move.at;
  }
  return std::nullopt;
}

void CaseTally::add(const CaseMeeting& m, bool first_joint, std::optional<double> from_identification,
                    std::optional<double> from_consent) {
  switch (m.hold) {
    case Hold::none:
      break;
    case Hold::held:
      ++figures_.holds_held;
      break;
    case Hold::confirmed:
      ++figures_.holds_confirmed;
      break;
    case Hold::expired:
      ++figures_.holds_expired;
      return;  // never took place: no meeting of its kind
  }
  if (m.cancelled) return;
  switch (m.kind) {
    case cases::MeetingKind::mapping:
      ++figures_.meetings_mapping;
      break;
    case cases::MeetingKind::joint:
      ++figures_.meetings_joint;
      break;
    case cases::MeetingKind::plan_update:
      ++figures_.meetings_plan_update;
      break;
    case cases::MeetingKind::other:
      ++figures_.meetings_other;
      break;
  }
  if (!first_joint) return;
  if (from_identification) from_identification_.push_back(*from_identification);
  if (from_consent) from_consent_.push_back(*from_consent);
}

CaseFigures CaseTally::finish() {
  CaseFigures out = figures_;
  out.first_joint_from_identification = day_count(std::move(from_identification_));
  out.first_joint_from_consent = day_count(std::move(from_consent_));
  return out;
}

}  // namespace yhteisaika::report
