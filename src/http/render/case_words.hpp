#pragma once
// Private to http/: the words of the case's vocabulary (cases/case.hpp) as the
// API writes and reads them, in one table per enum, so that a reader and its
// renderer can never disagree. Words are exactly as issue 13 names them
// ("consent_asked", "ed_frequent_visitor", "close_one", "plan_update") and the
// days of the week "mon".."sun".
//
// A stand-in: when cases/ gives its own to_string/parse for these enums, this
// header is the one place to swap for them.
//
// Pure; constants and functions over values; thread-safe.

#include <yhteisaika/cases/case.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace yhteisaika::http {

template <class Enum>
struct CaseWord {
  Enum value;
  std::string_view text;
};

inline constexpr std::array<CaseWord<cases::Stage>, 7> kStageWords{{
    {cases::Stage::identified, "identified"},
    {cases::Stage::consent_asked, "consent_asked"},
    {cases::Stage::mapping, "mapping"},
    {cases::Stage::team_invited, "team_invited"},
    {cases::Stage::plan_made, "plan_made"},
    {cases::Stage::follow_up, "follow_up"},
    {cases::Stage::closed, "closed"},
}};

inline constexpr std::array<CaseWord<cases::Trigger>, 5> kTriggerWords{{
    {cases::Trigger::professional_concern, "professional_concern"},
    {cases::Trigger::triage, "triage"},
    {cases::Trigger::ed_frequent_visitor, "ed_frequent_visitor"},
    {cases::Trigger::no_shows, "no_shows"},
    {cases::Trigger::other, "other"},
}};

inline constexpr std::array<CaseWord<cases::ParticipantKind>, 7> kParticipantKindWords{{
    {cases::ParticipantKind::client, "client"},
    {cases::ParticipantKind::close_one, "close_one"},
    {cases::ParticipantKind::peer, "peer"},
    {cases::ParticipantKind::ngo, "ngo"},
    {cases::ParticipantKind::police, "police"},
    {cases::ParticipantKind::kela, "kela"},
    {cases::ParticipantKind::other, "other"},
}};

inline constexpr std::array<CaseWord<cases::MeetingKind>, 4> kMeetingKindWords{{
    {cases::MeetingKind::mapping, "mapping"},
    {cases::MeetingKind::joint, "joint"},
    {cases::MeetingKind::plan_update, "plan_update"},
    {cases::MeetingKind::other, "other"},
}};

// Index = std::chrono::weekday::c_encoding() (0 = Sunday), as cases::DaySet.
inline constexpr std::array<std::string_view, 7> kDayWords{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

template <class Enum, std::size_t N>
constexpr std::string_view word_of(const std::array<CaseWord<Enum>, N>& words, Enum value) {
  for (const auto& w : words) {
    if (w.value == value) return w.text;
  }
  return "unknown";  // unreachable while every enumerator has its row (tests walk them)
}

// Exactly one of the words (case-sensitive, as JSON enums are), or nullopt.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const std::array<CaseWord<Enum>, N>& words, std::string_view text) {
  for (const auto& w : words) {
    if (w.text == text) return w.value;
  }
  return std::nullopt;
}

// "identified, consent_asked, ..., closed": for messages that say what would do.
template <class Enum, std::size_t N>
std::string words_list(const std::array<CaseWord<Enum>, N>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ", ";
    out += w.text;
  }
  return out;
}

inline std::string_view to_string(cases::Stage s) { return word_of(kStageWords, s); }
inline std::string_view to_string(cases::Trigger t) { return word_of(kTriggerWords, t); }
inline std::string_view to_string(cases::ParticipantKind k) { return word_of(kParticipantKindWords, k); }
inline std::string_view to_string(cases::MeetingKind k) { return word_of(kMeetingKindWords, k); }

inline std::optional<cases::Stage> parse_stage(std::string_view t) { return value_of(kStageWords, t); }
inline std::optional<cases::Trigger> parse_trigger(std::string_view t) { return value_of(kTriggerWords, t); }
inline std::optional<cases::ParticipantKind> parse_participant_kind(std::string_view t) {
  return value_of(kParticipantKindWords, t);
}
inline std::optional<cases::MeetingKind> parse_meeting_kind(std::string_view t) {
  return value_of(kMeetingKindWords, t);
}

// The c_encoding (0 = Sunday) of "mon".."sun", or nullopt.
inline std::optional<unsigned> parse_day(std::string_view t) {
  for (unsigned i = 0; i < kDayWords.size(); ++i) {
    if (kDayWords[i] == t) return i;
  }
  return std::nullopt;
}

}  // namespace yhteisaika::http
