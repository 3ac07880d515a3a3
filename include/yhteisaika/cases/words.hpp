#pragma once
// The case's vocabulary as the API writes it (issue 13): the one reader and
// writer of the JSON words for stages, triggers, participant and meeting kinds,
// and of day names "mon".."sun".
//
// Words are exact and lowercase ("consent_asked", "close_one", "tue"). A parse
// error has Errc::unknown_word, a message that lists the words allowed (and never
// repeats the text refused), and `where` left empty for the caller to fill with
// the field ("stage", "availability[0].days").
//
// Thread safety: pure functions.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/error.hpp>

#include <chrono>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace yhteisaika::cases {

std::string_view to_string(Stage stage);                 // "identified", ..., "closed"
std::string_view to_string(Trigger trigger);             // "professional_concern", ..., "other"
std::string_view to_string(ParticipantKind kind);        // "client", "close_one", ..., "other"
std::string_view to_string(MeetingKind kind);            // "mapping", "joint", "plan_update", "other"
std::string_view day_name(std::chrono::weekday day);     // "mon", ..., "sun". REQUIRES: day.ok()

Result<Stage> parse_stage(std::string_view text);
Result<Trigger> parse_trigger(std::string_view text);
Result<ParticipantKind> parse_participant_kind(std::string_view text);
Result<MeetingKind> parse_meeting_kind(std::string_view text);
Result<std::chrono::weekday> parse_day(std::string_view text);

// The days of a set in the API's order, Monday first: {"tue", "thu"}.
std::vector<std::string_view> day_names(const DaySet& days);

// The set of the given days (tests and callers building windows).
DaySet day_set(std::initializer_list<std::chrono::weekday> days);

// What a participant is, in Finnish, as invites show it: "asiakas", "läheinen",
// "vertaistoimija", "järjestötoimija", "poliisi", "Kelan asiantuntija", "muu".
std::string_view finnish_word(ParticipantKind kind);

}  // namespace yhteisaika::cases
