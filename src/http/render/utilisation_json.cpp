#include "utilisation_json.hpp"

#include "values.hpp"

#include <cmath>

namespace yhteisaika::http {

namespace json = boost::json;

namespace {

// Percentages and days to two decimals, as the CSV gives them ("66.67", not
// the 66.66666666666667 the division left).
double figure(double v) { return std::round(v * 100) / 100; }

json::value optional_number(const std::optional<double>& v) {
  if (v) return figure(*v);
  return nullptr;
}

json::object lead_times_json(const report::LeadTimes& t) {
  return {{"median", optional_number(t.median)},
          {"p90", optional_number(t.p90)},
          {"within_7_percent", optional_number(t.within_7_percent)},
          {"within_14_percent", optional_number(t.within_14_percent)}};
}

json::object day_count_json(const report::DayCount& d) {
  return {{"count", d.count}, {"median_days", optional_number(d.median)}};
}

void add_case_figures(json::object& o, const report::CaseFigures& c) {
  o["holds_held"] = c.holds_held;
  o["holds_confirmed"] = c.holds_confirmed;
  o["holds_expired"] = c.holds_expired;
  o["meetings_by_kind"] = json::object{{"mapping", c.meetings_mapping},
                                       {"joint", c.meetings_joint},
                                       {"plan_update", c.meetings_plan_update},
                                       {"other", c.meetings_other}};
  o["first_joint_from_identification"] = day_count_json(c.first_joint_from_identification);
  o["first_joint_from_consent"] = day_count_json(c.first_joint_from_consent);
}

json::object figure_row_json(const report::FigureRow& row) {
  const report::Figures& f = row.figures;
  json::object o{{"key", row.key}, {"label", row.label}};
  if (row.week_start) o["week_start"] = date_text(*row.week_start);
  if (row.week_status) o["week_status"] = report::to_string(*row.week_status);
  o["holes_available"] = f.holes_available;
  o["holes_booked"] = f.holes_booked;
  o["holes_released"] = f.holes_released;
  o["holes_open"] = f.holes_open;
  o["holes_unused"] = f.holes_unused;
  o["utilisation_percent"] = figure(f.utilisation_percent);
  o["meetings_in_hole"] = f.meetings_in_hole;
  o["meetings_outside_hole"] = f.meetings_outside_hole;
  o["cancelled"] = f.cancelled;
  o["rescheduled"] = f.rescheduled;
  o["days_from_request"] = lead_times_json(f.days_from_request);
  o["days_from_identification"] = lead_times_json(f.days_from_identification);
  add_case_figures(o, f.cases);
  return o;
}

json::array histogram_json(const report::Utilisation& figures) {
  json::array histogram;
  for (const auto& b : figures.lead_time_histogram) {
    json::object o{{"label", b.label}, {"from_days", b.from_days}, {"count", b.count}};
    o["to_days"] = b.to_days ? json::value(*b.to_days) : json::value(nullptr);
    histogram.push_back(std::move(o));
  }
  return histogram;
}

}  // namespace

json::object utilisation_json(const report::Period& period, const report::Utilisation& figures) {
  static constexpr const char* kGroupBy[] = {"week", "unit", "professional"};
  json::array units, rows;
  for (const auto& u : figures.units) units.emplace_back(u);
  for (const auto& row : figures.rows) rows.push_back(figure_row_json(row));
  return {{"from", date_text(period.from)},
          {"to", date_text(period.to)},
          {"weeks", json::object{{"first", report::to_string(figures.first_week)},
                                 {"last", report::to_string(figures.last_week)},
                                 {"first_day", date_text(figures.first_day)},
                                 {"last_day", date_text(figures.last_day)}}},
          {"unit", period.unit ? json::value(*period.unit) : json::value(nullptr)},
          {"group_by", kGroupBy[static_cast<int>(period.group_by)]},
          {"units", std::move(units)},
          {"rows", std::move(rows)},
          {"totals", figure_row_json(figures.totals)},
          {"by_week_status", json::object{{"past", figure_row_json(figures.past)},
                                          {"current", figure_row_json(figures.current)},
                                          {"future", figure_row_json(figures.future)}}},
          {"lead_time_histogram", histogram_json(figures)}};
}

}  // namespace yhteisaika::http
