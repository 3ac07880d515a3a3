#include <yhteisaika/service/figures.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/store/errc.hpp>

#include <algorithm>
#include <map>

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

// The meetings as the report reads them, each with its case's identification date.
Result<std::vector<report::MeetingRow>> meeting_rows(store::Store& store, const std::vector<store::Meeting>& meetings) {
  std::map<std::string, std::optional<std::chrono::year_month_day>> identified;  // by case reference
  std::vector<report::MeetingRow> rows;
  rows.reserve(meetings.size());
  for (const auto& m : meetings) {
    auto known = identified.find(m.case_ref.value);
    if (known == identified.end()) {
      auto c = store.case_by_ref(m.case_ref);
      if (!c && c.error().code != store::Errc::not_found) return c.error();
      known = identified.emplace(m.case_ref.value, c ? std::optional{c->identified_on} : std::nullopt).first;
    }
    report::MeetingRow row;
    row.id = m.id.value;
    row.when = m.when;
    row.in_hole = m.in_hole;
    row.cancelled = m.status == store::MeetingStatus::cancelled;
    row.requested_at = m.requested_at;
    row.identified_on = known->second;
    row.reschedules = m.reschedules;
    for (const auto& a : m.attendees) row.attendees.push_back(a.id);
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
