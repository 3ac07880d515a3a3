#include <yhteisaika/app/cli.hpp>

#include "commands.hpp"

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/http/json_text.hpp>
#include <yhteisaika/solve/limits.hpp>
#include <yhteisaika/solve/solver.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/store/sqlite_store.hpp>
#include <yhteisaika/time/date.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
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
    "                   [--closures 2026-12-31,2027-01-07] [--db PATH]\n"
    "  yhteisaika busy  --calendars DIR [--from 2026-11-23T00:00] [--days 14] [--attendees a,b]\n"
    "  yhteisaika serve [--db PATH] [--listen HOST:PORT] [--calendars DIR] [--config FILE] [--print-config]\n"
    "                   [--<any configuration key> VALUE]\n"
    "  yhteisaika token create --role coordinator|manager|admin --name NAME [--db PATH] [--config FILE]\n"
    "  yhteisaika feed-url --professional ID [--db PATH] [--base-url URL] [--config FILE]\n"
    "  yhteisaika COMMAND --help      what a command does and its options\n"
    "  yhteisaika --version\n";

// What `yhteisaika COMMAND --help` prints. The limits come from solve/limits.hpp,
// the same as the API's.
std::string solve_help() {
  const std::string grid = std::to_string(time::WorkRules{}.grid.count());
  return "usage: yhteisaika solve --calendars DIR --attendees a,b [options]\n"
         "\n"
         "Finds the earliest time in the window when every required attendee is free (the\n"
         "weekly hole first) and prints it as JSON, with up to 5 alternatives; when nothing\n"
         "fits, \"start\" is null and \"reason\" says why. Books nothing. Exits 0 on an\n"
         "answer, 2 on bad input.\n"
         "\n"
         "  --calendars DIR   the calendars folder: DIR/<id>.ics, or every .ics in DIR/<id>/\n"
         "                    (default: calendars)\n"
         "  --attendees a,b   required attendees (ids), comma-separated\n"
         "  --optional c,d    optional attendees: listed as free or busy, never move the slot\n"
         "  --from TIME       window start, local Europe/Helsinki wall time, e.g.\n"
         "                    2026-11-23T09:00 (default: now)\n"
         "  --days N          window length, " + solve::window_days_expected() + " (default: 14)\n"
         "  --duration MIN    meeting length in minutes, " + solve::duration_expected(time::WorkRules{}.grid) +
         " (default: 60)\n"
         "  --strategy S      hole-first (default) or earliest\n"
         "  --closures DATES  closure dates YYYY-MM-DD, comma-separated: no working hours, no hole\n"
         "  --db PATH         also count the meetings booked through the service, from its\n"
         "                    database (which must exist); attendee ids are the professionals' ids.\n"
         "                    Without --db only the calendar files count.\n"
         "\n"
         "Working hours, the hole and the " + grid + "-minute grid are the service's defaults.\n";
}

constexpr const char* kBusyHelp =
    "usage: yhteisaika busy --calendars DIR [--from 2026-11-23T00:00] [--days 14] [--attendees a,b]\n"
    "\n"
    "Prints, per participant, the merged busy intervals of their calendar files in the\n"
    "window, as JSON. Reads the folder in parallel.\n"
    "\n"
    "  --calendars DIR   the calendars folder (default: calendars)\n"
    "  --from TIME       window start, local Europe/Helsinki wall time (default: now)\n"
    "  --days N          window length in days (default: 14)\n"
    "  --attendees a,b   only these participants (default: everyone in the folder)\n";

constexpr const char* kServeHelp =
    "usage: yhteisaika serve [--db PATH] [--listen HOST:PORT] [--calendars DIR] [--config FILE]\n"
    "                        [--print-config] [--<any configuration key> VALUE]\n"
    "\n"
    "Runs the HTTP service until SIGINT or SIGTERM. It claims HOST:PORT first, then opens\n"
    "the database (creating it, and importing the demo team of the calendars folder, on\n"
    "first start). Settings come from, in rising order: the defaults, --config FILE\n"
    "(key = value lines), YHTEISAIKA_<KEY> variables and --<key> VALUE flags. An unknown\n"
    "key, variable or flag stops the start with its name.\n"
    "\n"
    "  --db PATH          the SQLite database (default: yhteisaika.db)\n"
    "  --listen HOST:PORT the address to listen on (default: 127.0.0.1:8080; port 0: any)\n"
    "  --calendars DIR    the calendars folder (default: calendars)\n"
    "  --config FILE      a configuration file (see deploy/yhteisaika.conf.example)\n"
    "  --print-config     print the effective configuration, every key, and exit\n";

constexpr const char* kTokenHelp =
    "usage: yhteisaika token create --role coordinator|manager|admin --name NAME [--db PATH]\n"
    "                               [--config FILE]\n"
    "\n"
    "Creates an API token and prints it once, as the last word of the output (only its\n"
    "hash is stored). Works while the server runs. The database must exist: `serve`\n"
    "creates it on its first start.\n"
    "\n"
    "  --role ROLE   coordinator (solves and books), manager (reads figures) or admin\n"
    "  --name NAME   who holds the token (shown in the audit log)\n"
    "  --db PATH     the service's database (default: yhteisaika.db, or db from --config\n"
    "                or YHTEISAIKA_DB, as `serve` reads it)\n";

constexpr const char* kFeedUrlHelp =
    "usage: yhteisaika feed-url --professional ID [--db PATH] [--base-url URL] [--config FILE]\n"
    "\n"
    "Makes a new private feed URL for a professional and prints it as the last word\n"
    "(the previous URL stops working). The URL's address is base_url, else\n"
    "http://<listen>, read from the same layers as `serve` (--config FILE,\n"
    "YHTEISAIKA_BASE_URL / YHTEISAIKA_LISTEN, flags); the output says which it used.\n"
    "The database must exist: `serve` creates it on its first start.\n"
    "\n"
    "  --professional ID  the professional's id\n"
    "  --db PATH          the service's database (default: yhteisaika.db)\n"
    "  --base-url URL     the address subscribers reach the service at, e.g.\n"
    "                     https://yhteisaika.example.fi\n";

// The help of `command`, or nullopt for an unknown command.
std::optional<std::string> command_help(const std::string& command) {
  if (command == "solve") return solve_help();
  if (command == "busy") return std::string(kBusyHelp);
  if (command == "serve") return std::string(kServeHelp);
  if (command == "token") return std::string(kTokenHelp);
  if (command == "feed-url") return std::string(kFeedUrlHelp);
  return std::nullopt;
}

bool asks_for_help(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) { return w == "--help" || w == "-h"; });
}

// Bad input: the message goes to stderr and the command exits 2.
struct BadInput {
  std::string message;
};

// The embedded defaults of the command line (the spec's values).
constexpr const char* kZoneName = "Europe/Helsinki";
constexpr const char* kDefaultCalendars = "calendars";
constexpr int kDefaultDays = 14;
constexpr int kDefaultDurationMinutes = 60;

// A whole decimal number, or nullopt.
std::optional<int> whole_number(const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// --days of solve: the API's limits (solve/limits.hpp).
int window_days(const std::string& text) {
  const auto days = whole_number(text);
  if (!days || !solve::window_days_allowed(*days)) {
    throw BadInput{"--days must be " + solve::window_days_expected() + ", got '" + text + "'"};
  }
  return *days;
}

// --days of busy: any positive number of days (busy only expands calendars).
int positive_days(const std::string& text) {
  const auto days = whole_number(text);
  if (!days || *days <= 0) throw BadInput{"--days must be a positive whole number, got '" + text + "'"};
  return *days;
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

// Options shared by solve and busy: --calendars, --from, --days (read by `read_days`).
Common read_common(const po::variables_map& vm, const time::Zone& zone, std::chrono::sys_seconds now,
                   int (*read_days)(const std::string&)) {
  Common c;
  c.calendars = vm.count("calendars") ? vm["calendars"].as<std::string>() : kDefaultCalendars;
  time::Instant from = now;
  if (vm.count("from")) {
    auto parsed = time::parse_user_time(vm["from"].as<std::string>(), zone);
    if (!parsed) throw BadInput{"--from: " + parsed.error().message};
    from = *parsed;
  }
  const int days = vm.count("days") ? read_days(vm["days"].as<std::string>()) : kDefaultDays;
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

// Meetings booked through the service are busy time too, as in the service's own
// solves: adds the scheduled meetings stored in `db` (which must exist) over `window`.
void add_bookings(std::vector<sources::ParticipantBusy>& busy, const std::string& db, const time::Interval& window) {
  auto store = store::open_sqlite_store(db, store::OpenMode::must_exist);
  if (!store) throw BadInput{"--db: " + store.error().to_string()};
  auto booked = (*store)->busy_from_bookings(window);
  if (!booked) throw BadInput{"--db: " + booked.error().to_string()};
  for (auto& participant : busy) {
    const auto it = booked->find(participant.id);
    if (it == booked->end()) continue;
    participant.busy.insert(participant.busy.end(), it->second.begin(), it->second.end());
    participant.busy = time::merge_intervals(std::move(participant.busy));
  }
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
  const Common common = read_common(vm, zone, now, window_days);
  const auto required = id_list(vm.count("attendees") ? vm["attendees"].as<std::string>() : "");
  if (required.empty()) throw BadInput{"--attendees: name at least one required attendee"};
  const auto optional = id_list(vm.count("optional") ? vm["optional"].as<std::string>() : "");
  time::WorkRules rules;
  int duration = kDefaultDurationMinutes;
  if (vm.count("duration")) {
    const std::string text = vm["duration"].as<std::string>();
    const auto minutes = whole_number(text);
    if (!minutes || !solve::duration_allowed(std::chrono::minutes(*minutes), rules.grid)) {
      throw BadInput{"--duration must be " + solve::duration_expected(rules.grid) + " minutes, got '" + text + "'"};
    }
    duration = *minutes;
  }
  const std::string strategy_text = vm.count("strategy") ? vm["strategy"].as<std::string>() : "hole-first";
  const auto strategy = solve::parse_strategy(strategy_text);
  if (!strategy) throw BadInput{"--strategy must be hole-first or earliest, got '" + strategy_text + "'"};

  if (vm.count("closures")) {
    for (const auto& day : split_list(vm["closures"].as<std::string>())) {
      auto parsed = time::parse_date(day);
      if (!parsed) throw BadInput{"--closures: '" + day + "' is not a date YYYY-MM-DD"};
      rules.closures.push_back(*parsed);
    }
  }

  std::vector<ParticipantId> everyone = required;
  everyone.insert(everyone.end(), optional.begin(), optional.end());
  auto calendars = sources::find_calendars(common.calendars, everyone);
  if (!calendars) throw BadInput{calendars.error().to_string()};
  auto busy = load_busy(*calendars, common.window, zone, catalog);
  if (vm.count("db")) add_bookings(busy, vm["db"].as<std::string>(), common.window);

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
  const Common common = read_common(vm, zone, now, positive_days);
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
  if (argc < 2) {
    err << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  if (command == "--version") {
    out << "yhteisaika " << YHTEISAIKA_VERSION << "\n";
    return 0;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    // `yhteisaika help solve` is `yhteisaika solve --help`.
    const auto help = rest.empty() ? std::optional<std::string>(kUsage) : command_help(rest.front());
    (help ? out : err) << (help ? *help : "yhteisaika: unknown command '" + rest.front() + "'\n" + kUsage);
    return help ? 0 : 2;
  }
  if (asks_for_help(rest)) {
    if (const auto help = command_help(command)) {
      out << *help;
      return 0;
    }
  }
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
        "closures", po::value<std::string>(), "closure dates of the deployment, comma-separated")(
        "db", po::value<std::string>(), "the service's database, for its bookings (solve)");
    po::variables_map vm;
    // Long options only, so that a negative number ("--duration -30") reaches our
    // own check as a value instead of being read as a short option.
    const auto style = po::command_line_style::unix_style & ~po::command_line_style::allow_short;
    po::store(po::command_line_parser(argc - 1, argv + 1).options(options).style(style).run(), vm);

    const calendar::ZoneCatalog catalog;
    auto zone = catalog.find(kZoneName);
    if (!zone) throw BadInput{zone.error().to_string()};
    if (command == "solve") return run_solve(vm, out, **zone, catalog, now);
    if (command == "busy") {
      if (vm.count("db")) throw BadInput{"--db is an option of solve, not of busy"};
      return run_busy(vm, out, **zone, catalog, now);
    }
    throw BadInput{"unknown command '" + command + "'\n" + kUsage};
  } catch (const BadInput& e) {
    err << "yhteisaika " << command << ": " << e.message << "\n";
  } catch (const po::error& e) {
    err << "yhteisaika " << command << ": " << e.what() << "\n" << kUsage;
  }
  return 2;
}

}  // namespace yhteisaika::app
