#pragma once
// Where the team's calendars come from and how fresh they are (admins): one
// row per professional from the busy index (sources/calendar_index.hpp), and
// reading one calendar again now.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/sources/calendar_index.hpp>

#include <vector>

namespace yhteisaika::service {

class CalendarSources {
 public:
  // Everything referred to must outlive this.
  CalendarSources(StorePool& pool, sources::CalendarIndex& calendars, Clock clock);

  // Every professional's calendar source and how it was last read, by id.
  Result<std::vector<sources::SourceStatus>> all();
  // Reads `id`'s calendar now (Errc of store::not_found for an unknown id).
  Result<sources::SourceStatus> refresh(const ParticipantId& id);

 private:
  StorePool& pool_;
  sources::CalendarIndex& calendars_;
  Clock clock_;
};

}  // namespace yhteisaika::service
