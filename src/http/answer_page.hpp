#pragma once
// Private to http/: the small pages an invitee sees after following an answer
// link from their invite mail (Finnish first, English below). Pure: values in,
// HTML out; every text is escaped.

#include <yhteisaika/store/store.hpp>
#include <yhteisaika/time/zone.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace yhteisaika::http {

struct AnswerView {
  const store::Meeting& meeting;
  const store::Professional& attendee;
  store::AnswerOutcome outcome;          // applied: current (GET) or recorded (POST)
  std::optional<std::string> partstat;   // the answer the link or form carries
  bool recorded = false;                 // POST: the answer was to be recorded
  const time::Zone& zone;
};

enum class AnswerError { unknown_link, bad_answer };

// "accepted" / "tentative" / "declined" (any case) -> the PARTSTAT; else nullopt.
std::optional<std::string> answer_partstat(std::string_view word);

// GET: the meeting and a form with the three answers (the link's one focused).
// POST: thanks and the recorded answer. A link of an older version of the
// meeting, a cancelled one or of someone taken off says so instead.
std::string render_answer_page(const AnswerView& view);
std::string render_answer_error(AnswerError error);

}  // namespace yhteisaika::http
