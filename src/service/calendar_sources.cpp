#include <yhteisaika/service/calendar_sources.hpp>

namespace yhteisaika::service {

CalendarSources::CalendarSources(StorePool& pool, sources::CalendarIndex& calendars, Clock clock)
    : pool_(pool), calendars_(calendars), clock_(std::move(clock)) {}

Result<std::vector<sources::SourceStatus>> CalendarSources::all() {
  auto all = pool_.lease()->professionals();
  if (!all) return all.error();
  std::vector<sources::SourceStatus> out;
  for (const auto& p : *all) out.push_back(calendars_.status(p.id, p.calendar_source));
  return out;
}

Result<sources::SourceStatus> CalendarSources::refresh(const ParticipantId& id) {
  auto who = pool_.lease()->professional(id);
  if (!who) return who.error();
  return calendars_.refresh(id, who->calendar_source, clock_());
}

}  // namespace yhteisaika::service
