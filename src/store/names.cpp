#include "names.hpp"

#include <array>
#include <cstddef>

namespace yhteisaika::store::detail {

namespace {

// Each enumeration's words, in the order of its enumerators.
constexpr std::array<const char*, 7> kStages = {"identified", "consent_asked", "mapping",  "team_invited",
                                                "plan_made",  "follow_up",     "closed"};
constexpr std::array<const char*, 5> kTriggers = {"professional_concern", "triage", "ed_frequent_visitor", "no_shows",
                                                  "other"};
constexpr std::array<const char*, 7> kParticipantKinds = {"client", "close_one", "peer", "ngo",
                                                          "police", "kela",      "other"};
constexpr std::array<const char*, 4> kMeetingKinds = {"mapping", "joint", "plan_update", "other"};

template <class Enum, std::size_t N>
const char* word(const std::array<const char*, N>& words, Enum e) {
  const auto i = static_cast<std::size_t>(e);
  return i < N ? words[i] : words[N - 1];
}

template <class Enum, std::size_t N>
std::optional<Enum> named(const std::array<const char*, N>& words, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text == words[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* to_text(cases::Stage s) { return word(kStages, s); }
const char* to_text(cases::Trigger t) { return word(kTriggers, t); }
const char* to_text(cases::ParticipantKind k) { return word(kParticipantKinds, k); }
const char* to_text(cases::MeetingKind k) { return word(kMeetingKinds, k); }

std::optional<cases::Stage> stage_from_text(std::string_view text) { return named<cases::Stage>(kStages, text); }
std::optional<cases::Trigger> trigger_from_text(std::string_view text) {
  return named<cases::Trigger>(kTriggers, text);
}
std::optional<cases::ParticipantKind> participant_kind_from_text(std::string_view text) {
  return named<cases::ParticipantKind>(kParticipantKinds, text);
}
std::optional<cases::MeetingKind> meeting_kind_from_text(std::string_view text) {
  return named<cases::MeetingKind>(kMeetingKinds, text);
}

}  // namespace yhteisaika::store::detail
