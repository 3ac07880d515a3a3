#include <yhteisaika/cases/words.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using namespace std::chrono;
using namespace yhteisaika::cases;

template <class E>
struct Word {
  E value;
  const char* text;
};

}  // namespace

TEST_CASE("stages read and write as the API words, in the order a case moves", "[cases][words]") {
  const Word<Stage> words[] = {{Stage::identified, "identified"}, {Stage::consent_asked, "consent_asked"},
                               {Stage::mapping, "mapping"},       {Stage::team_invited, "team_invited"},
                               {Stage::plan_made, "plan_made"},   {Stage::follow_up, "follow_up"},
                               {Stage::closed, "closed"}};
  for (const auto& w : words) {
    CHECK(to_string(w.value) == w.text);
    CHECK(parse_stage(w.text).value() == w.value);
  }
}

TEST_CASE("triggers, participant kinds and meeting kinds read and write as the API words", "[cases][words]") {
  const Word<Trigger> triggers[] = {{Trigger::professional_concern, "professional_concern"},
                                    {Trigger::triage, "triage"},
                                    {Trigger::ed_frequent_visitor, "ed_frequent_visitor"},
                                    {Trigger::no_shows, "no_shows"},
                                    {Trigger::other, "other"}};
  for (const auto& w : triggers) {
    CHECK(to_string(w.value) == w.text);
    CHECK(parse_trigger(w.text).value() == w.value);
  }
  const Word<ParticipantKind> kinds[] = {{ParticipantKind::client, "client"}, {ParticipantKind::close_one, "close_one"},
                                         {ParticipantKind::peer, "peer"},     {ParticipantKind::ngo, "ngo"},
                                         {ParticipantKind::police, "police"}, {ParticipantKind::kela, "kela"},
                                         {ParticipantKind::other, "other"}};
  for (const auto& w : kinds) {
    CHECK(to_string(w.value) == w.text);
    CHECK(parse_participant_kind(w.text).value() == w.value);
  }
  const Word<MeetingKind> meetings[] = {{MeetingKind::mapping, "mapping"},
                                        {MeetingKind::joint, "joint"},
                                        {MeetingKind::plan_update, "plan_update"},
                                        {MeetingKind::other, "other"}};
  for (const auto& w : meetings) {
    CHECK(to_string(w.value) == w.text);
    CHECK(parse_meeting_kind(w.text).value() == w.value);
  }
}

TEST_CASE("day names are mon to sun and keep the weekday's own encoding", "[cases][words]") {
  const Word<weekday> days[] = {{Monday, "mon"}, {Tuesday, "tue"},  {Wednesday, "wed"}, {Thursday, "thu"},
                                {Friday, "fri"}, {Saturday, "sat"}, {Sunday, "sun"}};
  for (const auto& w : days) {
    CHECK(day_name(w.value) == w.text);
    CHECK(parse_day(w.text).value() == w.value);
  }
  CHECK(day_names(day_set({Thursday, Tuesday})) == std::vector<std::string_view>{"tue", "thu"});
  CHECK(day_names(day_set({Sunday, Monday})) == std::vector<std::string_view>{"mon", "sun"});
  CHECK(day_names(DaySet{}).empty());
  CHECK(day_set({Sunday})[0]);
}

TEST_CASE("an unknown word is refused with the words allowed and without echoing the text", "[cases][words]") {
  const auto stage = parse_stage("Mapping");
  REQUIRE_FALSE(stage.has_value());
  CHECK(stage.error().code == Errc::unknown_word);
  CHECK(stage.error().message ==
        "not a stage; expected one of: identified, consent_asked, mapping, team_invited, plan_made, follow_up, closed");
  CHECK(stage.error().where.empty());

  CHECK(parse_trigger("ed").error().message ==
        "not a trigger; expected one of: professional_concern, triage, ed_frequent_visitor, no_shows, other");
  CHECK(parse_participant_kind("mother").error().message ==
        "not a participant kind; expected one of: client, close_one, peer, ngo, police, kela, other");
  CHECK(parse_meeting_kind("").error().message ==
        "not a meeting kind; expected one of: mapping, joint, plan_update, other");
  const auto day = parse_day("131052-308T");
  REQUIRE_FALSE(day.has_value());
  CHECK(day.error().message == "not a day; expected one of: mon, tue, wed, thu, fri, sat, sun");
  CHECK(day.error().message.find("131052") == std::string::npos);
  CHECK_FALSE(parse_day("Tue").has_value());
  CHECK_FALSE(parse_day("tuesday").has_value());
}

TEST_CASE("the cases error category names its codes", "[cases][words]") {
  const std::error_code code = Errc::stage_move;
  CHECK(code.category().name() == std::string("yhteisaika.cases"));
  CHECK(code.message() == "the case's stage cannot move so");
  CHECK(std::error_code(Errc::unknown_word).message() == "not one of the words the API knows");
  CHECK(std::error_code(Errc::invalid_value).message() == "a value of the case is out of range or of the wrong shape");
  CHECK(std::error_code(Errc::case_closed).message() == "the case is closed");
  CHECK(std::error_code(99, code.category()).message() == "unknown cases error 99");
}
