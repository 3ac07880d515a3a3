#include <yhteisaika/cases/words.hpp>

#include <array>
#include <string>
#include <utility>

namespace yhteisaika::cases {

namespace {

using namespace std::string_view_literals;

// Each table lists every enumerator once, in declaration order (the order
// messages list them in).
constexpr std::array kStages{
    std::pair{Stage::identified, "identified"sv},     std::pair{Stage::consent_asked, "consent_asked"sv},
    std::pair{Stage::mapping, "mapping"sv},           std::pair{Stage::team_invited, "team_invited"sv},
    std::pair{Stage::plan_made, "plan_made"sv},       std::pair{Stage::follow_up, "follow_up"sv},
    std::pair{Stage::closed, "closed"sv},
};
constexpr std::array kTriggers{
    std::pair{Trigger::professional_concern, "professional_concern"sv}, std::pair{Trigger::triage, "triage"sv},
    std::pair{Trigger::ed_frequent_visitor, "ed_frequent_visitor"sv},   std::pair{Trigger::no_shows, "no_shows"sv},
    std::pair{Trigger::other, "other"sv},
};
constexpr std::array kParticipantKinds{
    std::pair{ParticipantKind::client, "client"sv}, std::pair{ParticipantKind::close_one, "close_one"sv},
    std::pair{ParticipantKind::peer, "peer"sv},     std::pair{ParticipantKind::ngo, "ngo"sv},
    std::pair{ParticipantKind::police, "police"sv}, std::pair{ParticipantKind::kela, "kela"sv},
    std::pair{ParticipantKind::other, "other"sv},
};
constexpr std::array kMeetingKinds{
    std::pair{MeetingKind::mapping, "mapping"sv},
    std::pair{MeetingKind::joint, "joint"sv},
    std::pair{MeetingKind::plan_update, "plan_update"sv},
    std::pair{MeetingKind::other, "other"sv},
};
// Monday first, as people read a week; weekday values keep their own encoding.
constexpr std::array kDays{
    std::pair{std::chrono::Monday, "mon"sv},   std::pair{std::chrono::Tuesday, "tue"sv},
    std::pair{std::chrono::Wednesday, "wed"sv}, std::pair{std::chrono::Thursday, "thu"sv},
    std::pair{std::chrono::Friday, "fri"sv},   std::pair{std::chrono::Saturday, "sat"sv},
    std::pair{std::chrono::Sunday, "sun"sv},
};

template <class E, std::size_t N>
std::string_view word_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, word] : table) {
    if (e == value) return word;
  }
  return "unknown";
}

// `what` names the kind of word in the message: "a stage".
template <class E, std::size_t N>
Result<E> parse_word(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text,
                     std::string_view what) {
  for (const auto& [e, word] : table) {
    if (word == text) return e;
  }
  std::string message = "not " + std::string(what) + "; expected one of: ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) message += ", ";
    message += table[i].second;
  }
  return Error{Errc::unknown_word, message, {}};
}

}  // namespace

std::string_view to_string(Stage stage) { return word_of(kStages, stage); }
std::string_view to_string(Trigger trigger) { return word_of(kTriggers, trigger); }
std::string_view to_string(ParticipantKind kind) { return word_of(kParticipantKinds, kind); }
std::string_view to_string(MeetingKind kind) { return word_of(kMeetingKinds, kind); }
std::string_view day_name(std::chrono::weekday day) { return word_of(kDays, day); }

Result<Stage> parse_stage(std::string_view text) { return parse_word(kStages, text, "a stage"); }
Result<Trigger> parse_trigger(std::string_view text) { return parse_word(kTriggers, text, "a trigger"); }
Result<ParticipantKind> parse_participant_kind(std::string_view text) {
  return parse_word(kParticipantKinds, text, "a participant kind");
}
Result<MeetingKind> parse_meeting_kind(std::string_view text) {
  return parse_word(kMeetingKinds, text, "a meeting kind");
}
Result<std::chrono::weekday> parse_day(std::string_view text) { return parse_word(kDays, text, "a day"); }

std::vector<std::string_view> day_names(const DaySet& days) {
  std::vector<std::string_view> names;
  for (const auto& [day, word] : kDays) {
    if (days[day.c_encoding()]) names.push_back(word);
  }
  return names;
}

DaySet day_set(std::initializer_list<std::chrono::weekday> days) {
  DaySet set{};
  for (const std::chrono::weekday d : days) set[d.c_encoding()] = true;
  return set;
}

std::string_view finnish_word(ParticipantKind kind) {
  switch (kind) {
    case ParticipantKind::client:
      return "asiakas";
    case ParticipantKind::close_one:
      return "läheinen";
    case ParticipantKind::peer:
      return "vertaistoimija";
    case ParticipantKind::ngo:
      return "järjestötoimija";
    case ParticipantKind::police:
      return "poliisi";
    case ParticipantKind::kela:
      return "Kelan asiantuntija";
    case ParticipantKind::other:
      return "muu";
  }
  return "muu";
}

}  // namespace yhteisaika::cases
