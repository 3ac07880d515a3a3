#include "answer_page.hpp"

#include <yhteisaika/ascii.hpp>

#include <cstdio>

namespace yhteisaika::http {

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Answer {
  const char* partstat;
  const char* value;  // the form value
  const char* fi;
  const char* en;
};
constexpr Answer kAnswers[] = {
    {"ACCEPTED", "accepted", "Osallistun", "I will attend"},
    {"TENTATIVE", "tentative", "Ehkä", "Maybe"},
    {"DECLINED", "declined", "En pääse", "I cannot attend"},
};

const Answer* answer_of(std::string_view partstat) {
  for (const Answer& a : kAnswers) {
    if (partstat == a.partstat) return &a;
  }
  return nullptr;
}

// "2.12.2026 klo 14.30–15.30" and "2 Dec 2026, 14:30–15:30" in the zone's local time.
std::pair<std::string, std::string> when_texts(time::Interval when, const time::Zone& zone) {
  using namespace std::chrono;
  const auto start = zone.to_local(when.start);
  const auto end = zone.to_local(when.end);
  const year_month_day day{floor<days>(start)};
  const hh_mm_ss from{start - floor<days>(start)};
  const hh_mm_ss to{end - floor<days>(end)};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const unsigned d = static_cast<unsigned>(day.day()), m = static_cast<unsigned>(day.month());
  const int y = static_cast<int>(day.year());
  const int fh = static_cast<int>(from.hours().count()), fm = static_cast<int>(from.minutes().count());
  const int th = static_cast<int>(to.hours().count()), tm = static_cast<int>(to.minutes().count());
  char fi[64], en[64];
  std::snprintf(fi, sizeof fi, "%u.%u.%d klo %d.%02d–%d.%02d", d, m, y, fh, fm, th, tm);
  std::snprintf(en, sizeof en, "%u %s %d, %02d:%02d–%02d:%02d", d, kMonths[m - 1], y, fh, fm, th, tm);
  return {fi, en};
}

std::string page(std::string_view title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"fi\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"robots\" content=\"noindex\"><title>" +
         escape(title) +
         "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
         "color:#1a1a1a;line-height:1.5}button{font-size:1rem;padding:.6rem 1rem;margin:.25rem .5rem .25rem 0;"
         "border:2px solid #0b4f8a;border-radius:.3rem;background:#fff;color:#0b4f8a;cursor:pointer}"
         "button:focus{outline:3px solid #f0a000}.en{color:#444;border-top:1px solid #ccc;margin-top:1.5rem}"
         "</style></head><body><main>" +
         body + "</main></body></html>\n";
}

}  // namespace

std::optional<std::string> answer_partstat(std::string_view word) {
  const std::string lower = ascii_lower(word);
  for (const Answer& a : kAnswers) {
    if (lower == a.value) return std::string(a.partstat);
  }
  return std::nullopt;
}

std::string render_answer_page(const AnswerView& v) {
  const auto [when_fi, when_en] = when_texts(v.meeting.when, v.zone);
  const std::string ref = escape(v.meeting.case_ref.value);
  std::string details_fi = "<p>Omatiimin tapaaminen <strong>" + ref + "</strong><br>Aika: " + when_fi;
  std::string details_en = "<p>Team meeting <strong>" + ref + "</strong><br>When: " + when_en + " (" +
                           escape(v.zone.name()) + ")";
  if (!v.meeting.location.empty()) {
    details_fi += "<br>Paikka: " + escape(v.meeting.location);
    details_en += "<br>Where: " + escape(v.meeting.location);
  }
  details_fi += "</p>";
  details_en += "</p>";
  const std::string hello = "<p>" + escape(v.attendee.name) + "</p>";

  std::string fi, en;
  switch (v.outcome) {
    case store::AnswerOutcome::superseded:
      fi = "<h1>Kutsu on vanhentunut</h1><p>Tapaamista on muutettu tämän kutsun jälkeen. Vastaa uusimpaan kutsuun.</p>";
      en = "<h2>This invitation is out of date</h2><p>The meeting has changed since. Please answer the latest "
           "invitation.</p>";
      break;
    case store::AnswerOutcome::cancelled:
      fi = "<h1>Tapaaminen on peruttu</h1>";
      en = "<h2>The meeting is cancelled</h2>";
      break;
    case store::AnswerOutcome::not_attendee:
      fi = "<h1>Et ole enää kutsuttuna</h1><p>Sinut on poistettu tämän tapaamisen osallistujista.</p>";
      en = "<h2>You are no longer invited</h2><p>You were taken off this meeting.</p>";
      break;
    case store::AnswerOutcome::applied:
      if (v.recorded) {
        const Answer* a = answer_of(v.partstat.value_or(""));
        fi = std::string("<h1>Kiitos, vastauksesi on tallennettu</h1><p>Vastaus: <strong>") + (a ? a->fi : "") +
             "</strong></p>";
        en = std::string("<h2>Thank you, your answer is saved</h2><p>Answer: <strong>") + (a ? a->en : "") +
             "</strong></p>";
      } else {
        fi = "<h1>Vastaa kutsuun</h1>";
        en = "<h2>Answer the invitation</h2>";
      }
      break;
  }
  std::string body = fi + hello + details_fi;
  if (v.outcome == store::AnswerOutcome::applied && !v.recorded) {
    // One form, three buttons: the answer is the button pressed.
    body += "<form method=\"post\"><p>Vahvista vastauksesi / Confirm your answer:</p>";
    for (const Answer& a : kAnswers) {
      const bool chosen = v.partstat && *v.partstat == a.partstat;
      body += std::string("<button type=\"submit\" name=\"answer\" value=\"") + a.value + "\"" +
              (chosen ? " autofocus" : "") + ">" + a.fi + " / <span lang=\"en\">" + a.en + "</span></button>";
    }
    body += "</form>";
  }
  body += "<section class=\"en\" lang=\"en\">" + en + details_en + "</section>";
  return page("Yhteisaika – vastaus kutsuun", body);
}

std::string render_answer_error(AnswerError error) {
  if (error == AnswerError::bad_answer) {
    return page("Yhteisaika", "<h1>Vastaus puuttuu</h1><p>Valitse Osallistun, Ehkä tai En pääse.</p>"
                              "<section class=\"en\" lang=\"en\"><h2>No answer given</h2><p>Choose I will attend, "
                              "Maybe or I cannot attend.</p></section>");
  }
  return page("Yhteisaika", "<h1>Linkkiä ei löydy</h1><p>Tarkista, että linkki on kokonainen.</p>"
                            "<section class=\"en\" lang=\"en\"><h2>Link not found</h2><p>Check that the link is "
                            "complete.</p></section>");
}

}  // namespace yhteisaika::http
