// The case's words: every enumerator has exactly one, and each reads back to it.
#include "../../../src/http/render/case_words.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace yhteisaika;

namespace {

// Walks every enumerator 0..count-1 (the enums are dense from 0).
template <class Enum>
void check_words(int count, auto parse) {
  std::set<std::string_view> seen;
  for (int i = 0; i < count; ++i) {
    const auto value = static_cast<Enum>(i);
    const std::string_view word = http::to_string(value);
    CAPTURE(i, word);
    CHECK(word != "unknown");
    CHECK(seen.insert(word).second);  // no two share a word
    CHECK(parse(word) == value);
  }
  CHECK_FALSE(parse("").has_value());
  CHECK_FALSE(parse("unknown").has_value());
}

}  // namespace

TEST_CASE("every stage, trigger, participant kind and meeting kind has one word that reads back",
          "[http][render][cases]") {
  check_words<cases::Stage>(7, http::parse_stage);
  check_words<cases::Trigger>(5, http::parse_trigger);
  check_words<cases::ParticipantKind>(7, http::parse_participant_kind);
  check_words<cases::MeetingKind>(4, http::parse_meeting_kind);
  // The last enumerators, so that a new one added without its word shows here.
  CHECK(http::to_string(cases::Stage::closed) == "closed");
  CHECK(http::to_string(cases::Trigger::other) == "other");
  CHECK(http::to_string(cases::ParticipantKind::other) == "other");
  CHECK(http::to_string(cases::MeetingKind::other) == "other");
  CHECK(http::kStageWords.size() == 7);
}

TEST_CASE("words are read exactly, as JSON enums are", "[http][render][cases]") {
  CHECK_FALSE(http::parse_stage("Closed").has_value());
  CHECK_FALSE(http::parse_stage(" closed").has_value());
  CHECK_FALSE(http::parse_trigger("ed-frequent-visitor").has_value());
}

TEST_CASE("the days of the week are mon to sun, numbered as weekday's c_encoding", "[http][render][cases]") {
  using namespace std::chrono;
  CHECK(http::parse_day("mon") == Monday.c_encoding());
  CHECK(http::parse_day("sun") == Sunday.c_encoding());
  CHECK(http::parse_day("sat") == Saturday.c_encoding());
  CHECK_FALSE(http::parse_day("ma").has_value());
  CHECK_FALSE(http::parse_day("Mon").has_value());
}
