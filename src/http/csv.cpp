#include "csv.hpp"

#include "render/values.hpp"

#include <cstdio>

namespace yhteisaika::http {

namespace {

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  // "30.00" -> "30", "66.70" -> "66.7": what a person would write.
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  if (out == "-0") out = "0";
  return out;
}

std::string number(const std::optional<double>& value) { return value ? number(*value) : std::string(); }

void lead_columns(std::vector<std::string>& out, const char* prefix) {
  for (const char* name : {"median", "p90", "within_7_percent", "within_14_percent"}) {
    out.push_back(std::string(prefix) + "_" + name);
  }
}

void lead_values(std::vector<std::string>& out, const report::LeadTimes& t) {
  for (const auto* v : {&t.median, &t.p90, &t.within_7_percent, &t.within_14_percent}) out.push_back(number(*v));
}

// The case's figures, after every older column (so that a reader of the
// older columns by position still reads them).
void case_columns(std::vector<std::string>& out) {
  for (const char* name : {"holds_held", "holds_confirmed", "holds_expired", "meetings_mapping", "meetings_joint",
                           "meetings_plan_update", "meetings_other", "first_joint_from_identification_count",
                           "first_joint_from_identification_median_days", "first_joint_from_consent_count",
                           "first_joint_from_consent_median_days"}) {
    out.push_back(name);
  }
}

void case_values(std::vector<std::string>& out, const report::CaseFigures& c) {
  for (int n : {c.holds_held, c.holds_confirmed, c.holds_expired, c.meetings_mapping, c.meetings_joint,
                c.meetings_plan_update, c.meetings_other}) {
    out.push_back(std::to_string(n));
  }
  for (const auto* d : {&c.first_joint_from_identification, &c.first_joint_from_consent}) {
    out.push_back(std::to_string(d->count));
    out.push_back(number(d->median));
  }
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

std::string utilisation_csv(const report::Utilisation& figures, report::GroupBy group_by) {
  const bool weekly = group_by == report::GroupBy::week;
  std::vector<std::string> header{"key", "label"};
  if (weekly) header.push_back("week_start");
  header.push_back("week_status");
  for (const char* name : {"holes_available", "holes_booked", "holes_released", "holes_open", "holes_unused",
                           "utilisation_percent", "meetings_in_hole", "meetings_outside_hole", "cancelled",
                           "rescheduled"}) {
    header.push_back(name);
  }
  lead_columns(header, "days_from_request");
  lead_columns(header, "days_from_identification");
  case_columns(header);
  std::string out = csv_record(header);

  const auto record = [&](const report::FigureRow& row) {
    const report::Figures& f = row.figures;
    std::vector<std::string> fields{row.key, row.label};
    if (weekly) fields.push_back(row.week_start ? date_text(*row.week_start) : std::string());
    fields.push_back(row.week_status ? std::string(report::to_string(*row.week_status)) : std::string());
    for (int n : {f.holes_available, f.holes_booked, f.holes_released, f.holes_open, f.holes_unused}) {
      fields.push_back(std::to_string(n));
    }
    fields.push_back(number(f.utilisation_percent));
    for (int n : {f.meetings_in_hole, f.meetings_outside_hole, f.cancelled, f.rescheduled}) {
      fields.push_back(std::to_string(n));
    }
    lead_values(fields, f.days_from_request);
    lead_values(fields, f.days_from_identification);
    case_values(fields, f.cases);
    out += csv_record(fields);
  };
  for (const auto& row : figures.rows) record(row);
  record(figures.totals);
  for (const auto* row : {&figures.past, &figures.current, &figures.future}) record(*row);
  return out;
}

}  // namespace yhteisaika::http
