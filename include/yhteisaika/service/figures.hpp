#pragma once
// What managers read: how the reserved time (the weekly hole) is used, from
// the stored meetings, as of now.
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/report/weekly_utilisation.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/time/zone.hpp>

namespace yhteisaika::service {

class Figures {
 public:
  // Everything referred to must outlive this.
  Figures(const config::Config& config, const time::Zone& zone, StorePool& pool, Clock clock);

  // Figures for managers over the whole weeks of the period (report::utilisation)
  // as of now. Errc::invalid_value names the field: "to" before "from" or a period
  // over three years, "unit" naming no professional's unit.
  Result<report::Utilisation> utilisation(const report::Period& period);

 private:
  const config::Config& config_;
  const time::Zone& zone_;
  StorePool& pool_;
  Clock clock_;
};

}  // namespace yhteisaika::service
