#include <yhteisaika/service/figures.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/store/errc.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace yhteisaika::service {

namespace {

Result<void> check_period(const report::Period& period) {
  using std::chrono::sys_days;
  if (!period.from.ok() || !period.to.ok() || sys_days{period.to} < sys_days{period.from}) {
    return Error{Errc::invalid_value, "to must be a date on or after from", Location::at_field("to")};
  }
  if (sys_days{period.to} - sys_days{period.from} > std::chrono::days{3 * 366}) {
    return Error{Errc::invalid_value, "the period is at most three years", Location::at_field("to")};
  }
  return {};
}

// What became of a meeting booked as a hold: a scheduled or cancelled meeting
// that has hold_expires_at was confirmed (only a scheduled one can be cancelled).
report::Hold hold_of(const store::Meeting& m) {
  if (m.status == store::MeetingStatus::held) return report::Hold::held;
  if (m.status == store::MeetingStatus::expired) return report::Hold::expired;
  return m.hold_expires_at ? report::Hold::confirmed : report::Hold::none;
}

report::CaseMeeting case_meeting(const store::Meeting& m) {
  return {m.id.value, m.when, m.kind, m.status == store::MeetingStatus::cancelled, hold_of(m)};
}

// What the figures need of a meeting's case, read once per case.
struct CaseFacts {
  std::optional<std::chrono::year_month_day> identified_on;
  std::optional<time::Instant> consent_at;
  std::optional<std::int64_t> first_joint;  // over all its meetings, any week
};

// `joint`: whether the case has a fixed joint meeting in the period (only then
// are all its meetings read, to find its first joint one).
Result<CaseFacts> case_facts(store::Store& store, const CaseRef& ref, bool joint) {
  CaseFacts facts;
  auto c = store.case_by_ref(ref);
  if (!c) {
    if (c.error().code == store::Errc::not_found) return facts;
    return c.error();
  }
  facts.identified_on = c->identified_on;
  facts.consent_at = report::consent_asked_at(c->history);
  if (!joint) return facts;
  auto all = store.meetings_for_case(ref);
  if (!all) return all.error();
  std::vector<report::CaseMeeting> meetings;
  for (const auto& m : *all) meetings.push_back(case_meeting(m));
  facts.first_joint = report::first_joint_meeting(meetings);
  return facts;
}

// The meetings as the report reads them, each with the facts of its case.
Result<std::vector<report::MeetingRow>> meeting_rows(store::Store& store, const std::vector<store::Meeting>& meetings) {
  std::set<std::string> with_joint;  // cases by reference
  for (const auto& m : meetings) {
    if (m.kind == cases::MeetingKind::joint && report::fixed(case_meeting(m))) with_joint.insert(m.case_ref.value);
  }
  std::map<std::string, CaseFacts> facts;  // by case reference
  std::vector<report::MeetingRow> rows;
  rows.reserve(meetings.size());
  for (const auto& m : meetings) {
    auto known = facts.find(m.case_ref.value);
    if (known == facts.end()) {
      auto read = case_facts(store, m.case_ref, with_joint.contains(m.case_ref.value));
      if (!read) return read.error();
      known = facts.emplace(m.case_ref.value, *read).first;
    }
    report::MeetingRow row;
    row.id = m.id.value;
    row.when = m.when;
    row.in_hole = m.in_hole;
    row.cancelled = m.status == store::MeetingStatus::cancelled;
    row.requested_at = m.requested_at;
    row.identified_on = known->second.identified_on;
    row.reschedules = m.reschedules;
    for (const auto& a : m.attendees) row.attendees.push_back(a.id);
    row.kind = m.kind;
    row.hold = hold_of(m);
    row.first_joint = known->second.first_joint == m.id.value;
    if (row.first_joint) row.consent_at = known->second.consent_at;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Figures::Figures(const config::Config& config, const time::Zone& zone, StorePool& pool, Clock clock)
    : config_(config), zone_(zone), pool_(pool), clock_(std::move(clock)) {}

Result<report::Utilisation> Figures::utilisation(const report::Period& period) {
  if (auto ok = check_period(period); !ok) return ok.error();
  auto store = pool_.lease();
  auto people = store->professionals();
  if (!people) return people.error();
  std::vector<report::Member> members;
  for (const auto& p : *people) members.push_back({p.id, p.unit, p.name});
  if (period.unit && std::none_of(members.begin(), members.end(),
                                  [&](const report::Member& m) { return m.unit == *period.unit; })) {
    return Error{Errc::invalid_value, "no professional works in that unit", Location::at_field("unit")};
  }
  auto meetings = store->meetings_in(report::weeks_covering(period.from, period.to, zone_));
  if (!meetings) return meetings.error();
  auto rows = meeting_rows(*store, *meetings);
  if (!rows) return rows.error();
  return report::utilisation(period, members, *rows, clock_(), config_.hole_release, config_.rules, zone_);
}

}  // namespace yhteisaika::service
