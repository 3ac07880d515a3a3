#pragma once
// CSV (RFC 4180): records of fields, CRLF line ends, UTF-8 text. A field with
// a comma, a double quote, CR or LF is quoted, its quotes doubled (§2.6-2.7).
// Also the managers' figures as CSV (GET /api/v1/utilisation with text/csv).

#include <yhteisaika/report/weekly_utilisation.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::http {

// One field, quoted when RFC 4180 §2.6 needs it.
std::string csv_field(std::string_view text);

// One record: the fields joined by ',' and ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields);

// The rows of `figures`, its totals row and then the totals of past, current
// and future weeks (keys "past", "current", "future"), after a header of
// flattened column names: key, label, week_start (group_by week only),
// week_status (week rows and the last three; else empty), holes_available,
// holes_booked, holes_released, holes_open, holes_unused, utilisation_percent,
// meetings_in_hole, meetings_outside_hole, cancelled, rescheduled,
// days_from_request_median, days_from_request_p90,
// days_from_request_within_7_percent, days_from_request_within_14_percent, and
// the same four of days_from_identification, and then (added for the case,
// after all of those) holds_held, holds_confirmed, holds_expired,
// meetings_mapping, meetings_joint, meetings_plan_update, meetings_other,
// first_joint_from_identification_count,
// first_joint_from_identification_median_days, first_joint_from_consent_count,
// first_joint_from_consent_median_days. Numbers use '.' and at most two
// decimals; a missing value is an empty field.
std::string utilisation_csv(const report::Utilisation& figures, report::GroupBy group_by);

}  // namespace yhteisaika::http
