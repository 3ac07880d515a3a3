#pragma once
// Private to http/: the managers' figures as the API answers them (GET
// /api/v1/utilisation; the CSV form is csv.hpp). Pure; thread-safe.

#include <yhteisaika/report/weekly_utilisation.hpp>

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// {"from", "to" (the period asked for), "weeks": {"first", "last" (ISO weeks),
// "first_day", "last_day"}, "unit" (or null), "group_by", "units": [...],
// "rows": [row...], "totals": row, "by_week_status": {"past", "current",
// "future": row}, "lead_time_histogram": [{"label", "from_days", "to_days"
// (null: open-ended), "count"}]}, where a row is {"key", "label",
// "week_start" and "week_status" (when it has them), "holes_available",
// "holes_booked", "holes_released", "holes_open", "holes_unused",
// "utilisation_percent", "meetings_in_hole", "meetings_outside_hole",
// "cancelled", "rescheduled", "days_from_request", "days_from_identification":
// {"median", "p90", "within_7_percent", "within_14_percent" (null when there
// is no meeting to count)}, and the case's figures (report/case_figures.hpp):
// "holds_held", "holds_confirmed", "holds_expired", "meetings_by_kind":
// {"mapping", "joint", "plan_update", "other"},
// "first_joint_from_identification", "first_joint_from_consent": {"count",
// "median_days" (null when the count is 0)}}. Percentages and days are
// rounded to two decimals, as in the CSV.
boost::json::object utilisation_json(const report::Period& period, const report::Utilisation& figures);

}  // namespace yhteisaika::http
