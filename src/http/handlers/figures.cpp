#include "figures.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/service/errc.hpp>

#include "../csv.hpp"
#include "../render/utilisation_json.hpp"
#include "../render/values.hpp"
#include "../request_fields.hpp"
#include "../responses.hpp"

namespace yhteisaika::http::handlers {

namespace {

using beast_http::field;
using beast_http::status;
using Query = std::map<std::string, std::string>;

Result<report::GroupBy> group_by_named(std::string_view name) {
  if (name == "week") return report::GroupBy::week;
  if (name == "unit") return report::GroupBy::unit;
  if (name == "professional") return report::GroupBy::professional;
  return Error{service::Errc::invalid_value, "group_by is week, unit or professional", Location::at_field("group_by")};
}

// The period of the query; without from and to, 8 weeks back to 2 ahead of `today`.
Result<report::Period> read_period(const Query& q, std::chrono::sys_days today) {
  report::Period period{today - std::chrono::weeks{8}, today + std::chrono::weeks{2}, std::nullopt,
                        report::GroupBy::week};
  for (auto [name, target] : {std::pair{"from", &period.from}, {"to", &period.to}}) {
    if (auto it = q.find(name); it != q.end()) {
      auto parsed = parse_date(it->second, name);
      if (!parsed) return parsed.error();
      *target = *parsed;
    }
  }
  if (auto it = q.find("unit"); it != q.end() && !it->second.empty()) period.unit = it->second;
  if (auto it = q.find("group_by"); it != q.end()) {
    auto group_by = group_by_named(it->second);
    if (!group_by) return group_by.error();
    period.group_by = *group_by;
  }
  return period;
}

// format=csv|json wins; otherwise an Accept header naming text/csv asks for CSV.
Result<bool> wants_csv(const Request& req, const Query& q) {
  if (auto it = q.find("format"); it != q.end()) {
    if (it->second == "csv") return true;
    if (it->second == "json") return false;
    return Error{service::Errc::invalid_value, "format is json or csv", Location::at_field("format")};
  }
  auto accept = req.find(field::accept);
  if (accept == req.end()) return false;
  return ascii_lower(accept->value()).find("text/csv") != std::string::npos;
}

}  // namespace

Result<Response> utilisation(const Call& call, const Services& s) {
  const auto q = parse_query(call.query);
  auto period = read_period(q, std::chrono::sys_days{time::local_date(s.service.now(), s.service.zone())});
  if (!period) return period.error();
  auto csv = wants_csv(call.req, q);
  if (!csv) return csv.error();
  auto figures = s.service.figures().utilisation(*period);
  if (!figures) return figures.error();
  if (!*csv) return json_response(call.req, status::ok, utilisation_json(*period, *figures));
  auto res = text_response(call.req, status::ok, "text/csv; charset=utf-8",
                           utilisation_csv(*figures, period->group_by));
  res.set(field::content_disposition, "attachment; filename=\"yhteisaika-utilisation-" + date_text(period->from) +
                                          "-" + date_text(period->to) + ".csv\"");
  return res;
}

}  // namespace yhteisaika::http::handlers
