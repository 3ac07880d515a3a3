#include <yhteisaika/app/cli.hpp>

#include "commands.hpp"

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/http/json_text.hpp>
#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <charconv>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace yhteisaika::app {
namespace {

namespace po = boost::program_options;
namespace json = boost::json;

constexpr const char* kUsage =
    "usage:\n"
    "  yhteisaika solve --calendars DIR --attendees a,b [--optional c,d] [--from 2026-11-23T09:00]\n"
    "                   [--days 14] [--duration 60] [--strategy hole-first|earliest]\n"
    "                   [--closures 2026-12-31,2027-01-07]\n"
    "  yhteisaika busy  --calendars DIR [--from 2026-11-23T00:00] [--days 14] [--attendees a,b]\n"
    "  yhteisaika serve [--db PATH] [--listen HOST:PORT] [--calendars DIR] [--config FILE] [--print-config]\n"
    "  yhteisaika token create --role coordinator|manager|admin --name NAME [--db PATH]\n"
    "  yhteisaika feed-url --professional ID [--db PATH] [--base_url URL]\n";

// Bad input: the message goes to stderr and the command exits 2.
struct BadInput {
  std::string message;
};

// The embedded defaults of the command line (the spec's values).
constexpr const char* kZoneName = "Europe/Helsinki";
constexpr const char* kDefaultCalendars = "calendars";
constexpr int kDefaultDays = 14;
constexpr int kDefaultDurationMinutes = 60;

int positive_whole_number(const std::string& flag, const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
    throw BadInput{flag + " must be a positive whole number, got '" + text + "'"};
  }
  return value;
}

// "a,b,,c" -> {"a", "b", "c"}
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

std::vector<ParticipantId> id_list(const std::string& text) {
  std::vector<ParticipantId> ids;
  for (auto& item : split_list(text)) ids.push_back(ParticipantId{std::move(item)});
  return ids;
}

struct Common {
  std::string calendars;
  time::Interval window;
};

// Options shared by solve and busy: --calendars, --from, --days.
Common read_common(const po::variables_map& vm, const time::Zone& zone, std::chrono::sys_seconds now) {
  Common c;
  c.calendars = vm.count("calendars") ? vm["calendars"].as<std::string>() : kDefaultCalendars;
  time::Instant from = now;
  if (vm.count("from")) {
    auto parsed = time::parse_user_time(vm["from"].as<std::string>(), zone);
    if (!parsed) throw BadInput{"--from: " + parsed.error().message};
    from = *parsed;
  }
  const int days = vm.count("days") ? positive_whole_number("--days", vm["days"].as<std::string>()) : kDefaultDays;
  // The window ends at the same wall-clock time N days later (DST-safe).
  c.window = {from, zone.to_instant(zone.to_local(from) + std::chrono::days(days))};
  return c;
}

std::vector<sources::ParticipantBusy> load_busy(const std::vector<sources::CalendarFiles>& calendars,
                                                const time::Interval& horizon, const time::Zone& zone,
                                                const calendar::ZoneCatalog& catalog) {
  calendar::ExpandOptions options;
  options.horizon = horizon;
  options.local_zone = &zone;
  options.zones = &catalog;
  auto busy = sources::read_busy(calendars, options);
  if (!busy) throw BadInput{busy.error().to_string()};
  return std::move(*busy);
}

json::array ids_json(const std::vector<ParticipantId>& ids) {
  json::array a;
  for (const auto& id : ids) a.emplace_back(id.value);
  return a;
}

json::object slot_json(const solve::Slot& slot, const time::Zone& zone) {
  return {{"start", time::format_rfc3339(slot.time.start, zone)},
          {"end", time::format_rfc3339(slot.time.end, zone)},
          {"in_hole", slot.in_hole}};
}

int run_solve(const po::variables_map& vm, std::ostream& out, const time::Zone& zone,
              const calendar::ZoneCatalog& catalog, std::chrono::sys_seconds now) {
  const Common common = read_common(vm, zone, now);
  const auto required = id_list(vm.count("attendees") ? vm["attendees"].as<std::string>() : "");
  if (required.empty()) throw BadInput{"--attendees: name at least one required attendee"};
  const auto optional = id_list(vm.count("optional") ? vm["optional"].as<std::string>() : "");
  const int duration = vm.count("duration")
                           ? positive_whole_number("--duration", vm["duration"].as<std::string>())
                           : kDefaultDurationMinutes;
  const std::string strategy_text = vm.count("strategy") ? vm["strategy"].as<std::string>() : "hole-first";
  const auto strategy = solve::parse_strategy(strategy_text);
  if (!strategy) throw BadInput{"--strategy must be hole-first or earliest, got '" + strategy_text + "'"};

  time::WorkRules rules;
  if (vm.count("closures")) {
    for (const auto& day : split_list(vm["closures"].as<std::string>())) {
      auto parsed = time::parse_user_time(day, zone);
      if (!parsed || day.size() != 10) throw BadInput{"--closures: '" + day + "' is not a date YYYY-MM-DD"};
      rules.closures.push_back(time::local_date(*parsed, zone));
    }
  }

  std::vector<ParticipantId> everyone = required;
  everyone.insert(everyone.end(), optional.begin(), optional.end());
  auto calendars = sources::find_calendars(common.calendars, everyone);
  if (!calendars) throw BadInput{calendars.error().to_string()};
  const auto busy = load_busy(*calendars, common.window, zone, catalog);

  solve::SolveRequest request;
  request.window = common.window;
  request.duration = std::chrono::minutes(duration);
  request.strategy = *strategy;
  for (std::size_t i = 0; i < busy.size(); ++i) {
    (i < required.size() ? request.required : request.optional).push_back({busy[i].id, busy[i].busy});
  }
  const solve::SolveAnswer answer = solve::solve(request, rules, zone);

  json::object o;
  if (answer.chosen) {
    o = slot_json(*answer.chosen, zone);
    o["strategy"] = solve::to_string(*strategy);
    o["required"] = ids_json(required);
    o["optional_free"] = ids_json(answer.optional_free);
    o["optional_busy"] = ids_json(answer.optional_busy);
    json::array alternatives;
    for (const auto& slot : answer.alternatives) alternatives.push_back(slot_json(slot, zone));
    o["alternatives"] = std::move(alternatives);
  } else {
    o["start"] = nullptr;
    o["reason"] = answer.reason;
    o["without_free_time"] = ids_json(answer.without_free_time);
    o["strategy"] = solve::to_string(*strategy);
    o["required"] = ids_json(required);
  }
  out << http::json_text(o) << "\n";
  return 0;
}

// Writes the busy intervals by hand: for thousands of calendars this output is
// large, and building a JSON tree for it would cost more than the expansion.
int run_busy(const po::variables_map& vm, std::ostream& out, const time::Zone& zone,
             const calendar::ZoneCatalog& catalog, std::chrono::sys_seconds now) {
  const Common common = read_common(vm, zone, now);
  auto calendars = vm.count("attendees")
                       ? sources::find_calendars(common.calendars, id_list(vm["attendees"].as<std::string>()))
                       : sources::list_calendar_dir(common.calendars);
  if (!calendars) throw BadInput{calendars.error().to_string()};
  const auto busy = load_busy(*calendars, common.window, zone, catalog);

  std::string text = "[";
  for (std::size_t i = 0; i < busy.size(); ++i) {
    text += i ? ",\n" : "\n";
    text += "{\"id\": ";
    text += json::serialize(json::string(busy[i].id.value));
    text += ", \"busy\": [";
    for (std::size_t j = 0; j < busy[i].busy.size(); ++j) {
      text += j ? ", [\"" : "[\"";
      time::append_rfc3339(text, busy[i].busy[j].start, zone);
      text += "\", \"";
      time::append_rfc3339(text, busy[i].busy[j].end, zone);
      text += "\"]";
    }
    text += "]}";
  }
  text += "\n]\n";
  out << text;
  return 0;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err, std::chrono::sys_seconds now) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    (argc < 2 ? err : out) << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  if (command == "serve") return run_serve(rest, out, err);
  if (command == "token") return run_token(rest, out, err, now);
  if (command == "feed-url") return run_feed_url(rest, out, err, now);
  try {
    po::options_description options;
    options.add_options()("calendars", po::value<std::string>(), "calendars folder")(
        "attendees", po::value<std::string>(), "required attendees, comma-separated")(
        "optional", po::value<std::string>(), "optional attendees, comma-separated")(
        "from", po::value<std::string>(), "window start, local wall time")(
        "days", po::value<std::string>(), "window length in days")(
        "duration", po::value<std::string>(), "meeting length in minutes")(
        "strategy", po::value<std::string>(), "hole-first or earliest")(
        "closures", po::value<std::string>(), "closure dates of the deployment, comma-separated");
    po::variables_map vm;
    // Long options only, so that a negative number ("--duration -30") reaches our
    // own check as a value instead of being read as a short option.
    const auto style = po::command_line_style::unix_style & ~po::command_line_style::allow_short;
    po::store(po::command_line_parser(argc - 1, argv + 1).options(options).style(style).run(), vm);

    const calendar::ZoneCatalog catalog;
    auto zone = catalog.find(kZoneName);
    if (!zone) throw BadInput{zone.error().to_string()};
    if (command == "solve") return run_solve(vm, out, **zone, catalog, now);
    if (command == "busy") return run_busy(vm, out, **zone, catalog, now);
    throw BadInput{"unknown command '" + command + "'\n" + kUsage};
  } catch (const BadInput& e) {
    err << "yhteisaika " << command << ": " << e.message << "\n";
  } catch (const po::error& e) {
    err << "yhteisaika " << command << ": " << e.what() << "\n" << kUsage;
  }
  return 2;
}

}  // namespace yhteisaika::app
