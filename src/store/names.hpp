#pragma once
// Private to store/: the words the database and the audit log use for the
// case vocabulary's enumerations (cases/case.hpp), and back. The same words as
// the API's ("consent_asked", "close_one", ...).

#include <yhteisaika/cases/case.hpp>

#include <optional>
#include <string_view>

namespace yhteisaika::store::detail {

const char* to_text(cases::Stage s);
const char* to_text(cases::Trigger t);
const char* to_text(cases::ParticipantKind k);
const char* to_text(cases::MeetingKind k);

// nullopt for a word that names none.
std::optional<cases::Stage> stage_from_text(std::string_view text);
std::optional<cases::Trigger> trigger_from_text(std::string_view text);
std::optional<cases::ParticipantKind> participant_kind_from_text(std::string_view text);
std::optional<cases::MeetingKind> meeting_kind_from_text(std::string_view text);

}  // namespace yhteisaika::store::detail
