#include <yhteisaika/mail/invite_text.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <tuple>

namespace yhteisaika::mail {

namespace {

using namespace std::chrono;

constexpr const char* kFinnishWeekdays[] = {"sunnuntai", "maanantai", "tiistai", "keskiviikko",
                                            "torstai",   "perjantai", "lauantai"};
constexpr const char* kFinnishShortWeekdays[] = {"su", "ma", "ti", "ke", "to", "pe", "la"};
constexpr const char* kEnglishWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};
constexpr const char* kEnglishMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};

struct LocalMoment {
  year_month_day date;
  unsigned weekday;  // 0 = Sunday
  int hour;
  int minute;
};

LocalMoment local_moment(time::Instant t, const time::Zone& zone) {
  const local_seconds local = zone.to_local(t);
  const local_days day = floor<days>(local);
  const hh_mm_ss hms{local - day};
  return {year_month_day{day}, weekday{day}.c_encoding(), static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count())};
}

std::string format(const char* pattern, auto... args) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, pattern, args...);
  return buffer;
}

// Finnish: "2.12.2026", "14.30" (Kielitoimisto: the hour without a leading zero).
std::string fi_date(const LocalMoment& m) {
  return format("%u.%u.%d", unsigned{m.date.day()}, unsigned{m.date.month()}, int{m.date.year()});
}
std::string fi_time(const LocalMoment& m) { return format("%d.%02d", m.hour, m.minute); }

// English: "Wednesday 2 December 2026", "14:30".
std::string en_date(const LocalMoment& m) {
  return format("%s %u %s %d", kEnglishWeekdays[m.weekday], unsigned{m.date.day()},
                kEnglishMonths[unsigned{m.date.month()} - 1], int{m.date.year()});
}
std::string en_time(const LocalMoment& m) { return format("%02d:%02d", m.hour, m.minute); }

std::string fi_when(const LocalMoment& start, const LocalMoment& end) {
  const std::string from = std::string(kFinnishWeekdays[start.weekday]) + " " + fi_date(start) + " klo " + fi_time(start);
  if (start.date == end.date) return from + "–" + fi_time(end);
  return from + " – " + kFinnishWeekdays[end.weekday] + " " + fi_date(end) + " klo " + fi_time(end);
}

std::string en_when(const LocalMoment& start, const LocalMoment& end, const std::string& zone) {
  const std::string from = en_date(start) + ", " + en_time(start);
  if (start.date == end.date) return from + "–" + en_time(end) + " (" + zone + ")";
  return from + " – " + en_date(end) + ", " + en_time(end) + " (" + zone + ")";
}

// One line of text: line breaks and other controls become spaces.
std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace_if(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }, ' ');
  return out;
}

// "lääkäri: Pekka Korhonen (valinnainen)"
std::string person_line(const InvitedPerson& p, const char* optional_mark) {
  std::string line = "- ";
  if (!p.profession.empty()) line += one_line(p.profession) + ": ";
  line += one_line(p.name);
  if (!p.required) line += optional_mark;
  return line + "\n";
}

void field(std::string& out, const char* label, const std::string& value) {
  if (!value.empty()) out += std::string(label) + one_line(value) + "\n";
}

struct Language {
  const char* greeting;  // "Hei"
  const char* heading[3];  // by InviteKind
  const char* meeting;
  const char* time;
  const char* place;
  const char* case_ref;
  const char* organizer;
  const char* role;
  const char* optional_attendance;
  const char* others;
  const char* optional_mark;
  const char* answer;
  const char* link_labels[3];  // accept, tentative, decline
  const char* calendar_note[2];  // answerable invitation, cancellation
  const char* held[2];  // around the hold's end: "held until ", ". A confirmation ..."
};

constexpr Language kFinnish = {
    "Hei",
    {"Sinut on kutsuttu tapaamiseen.", "Tapaamisen tiedot ovat muuttuneet. Tässä on päivitetty kutsu.",
     "Tapaaminen on peruttu."},
    "Tapaaminen: ",
    "Aika: ",
    "Paikka: ",
    "Asia: ",
    "Kutsuja: ",
    "Roolisi: ",
    "Osallistumisesi on valinnainen.",
    "Muut kutsutut roolin mukaan:",
    " (valinnainen)",
    "Vastaa kutsuun:",
    {"Osallistun: ", "Ehkä: ", "En pääse: "},
    {"Voit vastata myös liitteenä olevaan kalenterikutsuun kalenteriohjelmassasi.",
     "Liitteenä oleva peruutus poistaa tapaamisen kalenteriohjelmastasi."},
    {"Aika on alustavasti varattu ", " asti. Saat vielä vahvistuksen tai peruutuksen."},
};

constexpr Language kEnglish = {
    "Hello",
    {"You are invited to a meeting.", "The meeting has changed. This is the updated invitation.",
     "The meeting has been cancelled."},
    "Meeting: ",
    "Time: ",
    "Place: ",
    "Case: ",
    "Organizer: ",
    "Your role: ",
    "Your attendance is optional.",
    "Also invited, by role:",
    " (optional)",
    "Answer:",
    {"Accept: ", "Tentative: ", "Decline: "},
    {"You can also answer the attached calendar invitation in your calendar program.",
     "The attached cancellation removes the meeting from your calendar program."},
    {"The time is held tentatively until ", ". A confirmation or a cancellation follows."},
};

std::string section(const Language& lang, const InviteSummary& s, const std::vector<InvitedPerson>& others,
                    const std::string& when, const std::string& held_until) {
  const bool cancelled = s.kind == InviteKind::cancellation;
  std::string out = std::string(lang.greeting) + (s.recipient.name.empty() ? "" : " " + one_line(s.recipient.name)) +
                    ",\n\n" + lang.heading[static_cast<int>(s.kind)] + "\n\n";
  if (!cancelled && !held_until.empty()) out += lang.held[0] + held_until + lang.held[1] + "\n\n";
  field(out, lang.meeting, s.title);
  field(out, lang.time, when);
  field(out, lang.place, s.location);
  field(out, lang.case_ref, s.case_ref);
  field(out, lang.organizer, s.organizer_name);
  field(out, lang.role, s.recipient.profession);
  if (!s.recipient.required) out += std::string(lang.optional_attendance) + "\n";
  if (!others.empty()) {
    out += std::string("\n") + lang.others + "\n";
    for (const InvitedPerson& p : others) out += person_line(p, lang.optional_mark);
  }
  if (!cancelled && s.links && (!s.links->accept.empty() || !s.links->tentative.empty() || !s.links->decline.empty())) {
    out += std::string("\n") + lang.answer + "\n";
    field(out, lang.link_labels[0], s.links->accept);
    field(out, lang.link_labels[1], s.links->tentative);
    field(out, lang.link_labels[2], s.links->decline);
  }
  out += std::string("\n") + lang.calendar_note[cancelled ? 1 : 0] + "\n";
  return out;
}

}  // namespace

InviteText render_invite_text(const InviteSummary& s, const time::Zone& zone) {
  const LocalMoment start = local_moment(s.when.start, zone);
  const LocalMoment end = local_moment(s.when.end, zone);

  static constexpr const char* kPrefixes[] = {"Kutsu", "Päivitetty kutsu", "Peruttu"};
  const bool held = s.held_until && s.kind != InviteKind::cancellation;
  std::string subject = std::string(held ? "Alustava kutsu" : kPrefixes[static_cast<int>(s.kind)]) + ": ";
  std::string what = one_line(s.title);
  if (!what.empty() && !s.case_ref.empty()) what += ' ';
  what += one_line(s.case_ref);
  if (!what.empty()) subject += what + ", ";
  subject += std::string(kFinnishShortWeekdays[start.weekday]) + " " + fi_date(start) + " klo " + fi_time(start);

  std::vector<InvitedPerson> others = s.others;
  std::stable_sort(others.begin(), others.end(), [](const InvitedPerson& a, const InvitedPerson& b) {
    return std::tie(a.profession, a.name) < std::tie(b.profession, b.name);
  });

  std::string fi_held, en_held;
  if (held) {
    const LocalMoment until = local_moment(*s.held_until, zone);
    fi_held = std::string(kFinnishWeekdays[until.weekday]) + " " + fi_date(until) + " klo " + fi_time(until);
    en_held = en_date(until) + ", " + en_time(until) + " (" + zone.name() + ")";
  }
  std::string body = section(kFinnish, s, others, fi_when(start, end), fi_held);
  body += "\n--- In English ---\n\n";
  body += section(kEnglish, s, others, en_when(start, end, zone.name()), en_held);
  return {std::move(subject), std::move(body)};
}

}  // namespace yhteisaika::mail
