#pragma once
// The human side of an invitation e-mail: its subject and text/plain body,
// Finnish first and English below, with the meeting's local time.
//
// Pure: values in, text out. Thread safety: safe to call concurrently.

#include <optional>
#include <string>
#include <vector>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

namespace yhteisaika::mail {

enum class InviteKind { invitation, update, cancellation };

struct InvitedPerson {
  std::string name;
  std::string profession;  // "lääkäri"; may be empty
  bool required = true;    // false: shown as optional

  auto operator<=>(const InvitedPerson&) const = default;
};

// Answer links (URLs); an empty one is left out, all empty means no links section.
struct AnswerLinks {
  std::string accept;
  std::string tentative;
  std::string decline;

  auto operator<=>(const AnswerLinks&) const = default;
};

struct InviteSummary {
  InviteKind kind = InviteKind::invitation;
  // Pseudonymous ("YA-2026-0042"), never a client's name: the caller checks.
  std::string case_ref;
  std::string title;  // "Omatiimin tapaaminen"; may be empty
  // [start, end) as instants; shown in the local time of the zone given.
  time::Interval when;
  std::string location;        // may be empty (then no line)
  std::string organizer_name;  // the coordinator; may be empty (then no line)
  InvitedPerson recipient;     // who this mail is for
  // Everyone else invited, listed by profession then name; optional ones marked.
  std::vector<InvitedPerson> others;
  // Never shown in a cancellation.
  std::optional<AnswerLinks> links;
  // Set while the meeting is held, not yet confirmed (an invitation or update):
  // the subject says "Alustava kutsu" and the body that the time is held until
  // then and that a confirmation or a cancellation follows. Ignored in a
  // cancellation.
  std::optional<time::Instant> held_until;

  auto operator<=>(const InviteSummary&) const = default;
};

struct InviteText {
  std::string subject;  // Finnish: "Kutsu: Omatiimin tapaaminen YA-2026-0042, ke 2.12.2026 klo 14.30"
  std::string body;     // LF line ends, UTF-8; Finnish, "--- In English ---", English

  auto operator<=>(const InviteText&) const = default;
};

// Subject prefixes: "Kutsu", "Päivitetty kutsu", "Peruttu" ("Alustava kutsu"
// while held). The body gives the
// time (Finnish "keskiviikko 2.12.2026 klo 14.30–15.30", English "Wednesday
// 2 December 2026, 14:30–15:30 (<zone name>)"), place, case, organizer, the
// recipient's role, the others by role, the answer links (not when cancelled),
// and says that the attached calendar object can be answered (or, cancelled,
// removes the meeting) in a calendar program. Line breaks inside fields become
// spaces: each field is one line.
InviteText render_invite_text(const InviteSummary& summary, const time::Zone& zone);

}  // namespace yhteisaika::mail
