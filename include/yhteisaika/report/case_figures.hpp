#pragma once
// The figures of the joint client's case (issue 13) that every row of
// utilisation() carries besides the hole's: holds by what became of them,
// meetings by kind, and the days from identification and from consent to each
// case's first joint meeting. The measures are defined exactly in
// docs/scheduling-rules.md ("Figures of the case").
//
// Pure: the caller gives a meeting's hold outcome, its kind, and whether it is
// its case's first joint meeting (first_joint_meeting() over all the case's
// meetings, whichever week they fall in) with the consent time of its case
// (consent_asked_at()).

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/time/interval.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace yhteisaika::report {

// What became of a meeting booked as a hold (one that had hold_expires_at).
// none: booked outright, never held. held: still waiting for consent.
// confirmed: confirmed (scheduled), also when later cancelled. expired: run out
// or released early.
enum class Hold { none, held, confirmed, expired };

// How many, and the middle value (the mean of the two middle ones for an even
// count; nullopt when none), of a set of day counts.
struct DayCount {
  int count = 0;
  std::optional<double> median;
  bool operator==(const DayCount&) const = default;
};

// DayCount of `days` (any order).
DayCount day_count(std::vector<double> days);

struct CaseFigures {
  // Holds by outcome, in the week of the meeting's start (not of the hold's
  // expiry or its confirmation).
  int holds_held = 0;
  int holds_confirmed = 0;
  int holds_expired = 0;
  // Scheduled and held meetings by kind (cancelled ones and expired holds left
  // out): they add up to meetings_in_hole + meetings_outside_hole.
  int meetings_mapping = 0;
  int meetings_joint = 0;
  int meetings_plan_update = 0;
  int meetings_other = 0;
  // Over the row's first joint meetings (first_joint_meeting()): the days from
  // local midnight of the case's identified_on, and from the case's consent
  // time (consent_asked_at()), to the meeting's start. A case with no
  // identification date or no consent time is left out of that figure only.
  DayCount first_joint_from_identification;
  DayCount first_joint_from_consent;
  bool operator==(const CaseFigures&) const = default;
};

// One meeting of a case as first_joint_meeting() weighs it.
struct CaseMeeting {
  std::int64_t id = 0;
  time::Interval when;
  cases::MeetingKind kind = cases::MeetingKind::other;
  bool cancelled = false;
  Hold hold = Hold::none;
  bool operator==(const CaseMeeting&) const = default;
};

// Whether the meeting is fixed: neither cancelled, nor held waiting for
// consent, nor an expired hold.
bool fixed(const CaseMeeting& m);

// The id of a case's first joint meeting among all its meetings (any order,
// any week): the fixed joint meeting that starts first (the lower id on a tie).
// A hold counts from its confirmation on. nullopt when the case has none.
std::optional<std::int64_t> first_joint_meeting(std::span<const CaseMeeting> meetings);

// When the case was asked for consent: the time of the first move to stage
// consent_asked in its history (as recorded: a PATCH's time, or an imported
// one). nullopt when it never moved there.
std::optional<time::Instant> consent_asked_at(std::span<const cases::StageMove> history);

// Adds up one row's CaseFigures, meeting by meeting.
class CaseTally {
 public:
  // `m` (any status); for a first joint meeting, the days to it from
  // identification and from consent, when known.
  void add(const CaseMeeting& m, bool first_joint, std::optional<double> from_identification,
           std::optional<double> from_consent);
  CaseFigures finish();

 private:
  CaseFigures figures_;
  std::vector<double> from_identification_;
  std::vector<double> from_consent_;
};

}  // namespace yhteisaika::report
