#include "commands.hpp"

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/http/api.hpp>
#include <yhteisaika/http/routes.hpp>
#include <yhteisaika/http/server.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/sqlite_store.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>

extern char** environ;

namespace yhteisaika::app {

namespace {

// Bad input: the message goes to stderr and the command exits 2.
struct BadInput {
  std::string message;
};

struct Parsed {
  std::map<std::string, std::string> own;  // the command's own flags
  config::Sources sources;
  bool print_config = false;
};

// Splits "--name value" / "--name=value" words into the command's own flags
// (`own_flags`) and configuration flags, and reads --config FILE and the
// environment, so that load_config() can layer them.
Parsed parse_args(const std::vector<std::string>& args, const std::set<std::string>& own_flags) {
  Parsed parsed;
  std::optional<std::string> config_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (!word.starts_with("--") || word.size() == 2) throw BadInput{"unexpected argument '" + word + "'"};
    std::string name = word.substr(2);
    if (name == "print-config") {
      parsed.print_config = true;
      continue;
    }
    std::string value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else {
      if (i + 1 >= args.size()) throw BadInput{"--" + name + " needs a value"};
      value = args[++i];
    }
    if (name == "config") {
      config_file = value;
    } else if (own_flags.contains(name)) {
      parsed.own[name] = value;
    } else {
      parsed.sources.flags.emplace_back(name, value);
    }
  }
  if (config_file) {
    std::ifstream in(*config_file, std::ios::binary);
    if (!in) throw BadInput{"--config: cannot read " + *config_file};
    parsed.sources.file_name = *config_file;
    parsed.sources.file_text.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("YHTEISAIKA_")) continue;
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    parsed.sources.env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return parsed;
}

config::Config load(const Parsed& parsed) {
  auto config = config::load_config(parsed.sources);
  if (!config) throw BadInput{config.error().to_string()};
  return std::move(*config);
}

// "127.0.0.1:8080" or "[::1]:8080" -> host and port (load_config checked the shape).
std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port);
  return {host, static_cast<std::uint16_t>(port)};
}

std::string require(const Parsed& parsed, const std::string& flag) {
  auto it = parsed.own.find(flag);
  if (it == parsed.own.end() || it->second.empty()) throw BadInput{"--" + flag + " is required"};
  return it->second;
}

// The command line's tools never create a database: only `serve` does, so a
// mistyped --db is an error naming the path instead of a new empty database.
std::unique_ptr<store::Store> open_existing_store(const config::Config& config) {
  auto store = store::open_sqlite_store(config.db_path, store::OpenMode::must_exist, config.busy_timeout);
  if (!store) throw BadInput{store.error().to_string()};
  return std::move(*store);
}

// The address feed URLs start with, as `serve` reads it (base_url, else
// http://<listen>), and a note of which setting it is and where it was set.
std::pair<std::string, std::string> feed_address(const config::Config& config, const config::Sources& sources) {
  if (!config.base_url.empty()) {
    return {config.base_url, "address: base_url from " + config::origin_of(sources, "base_url")};
  }
  const std::string listen_origin = config::origin_of(sources, "listen");
  const auto [host, port] = split_listen(config.listen);
  if (port == 0 || host == "0.0.0.0" || host == "::") {
    throw BadInput{"listen " + config.listen + " (from " + listen_origin +
                   ") is no address a calendar program can fetch from; give the address subscribers use "
                   "with --base-url URL (or base_url in the config file, or YHTEISAIKA_BASE_URL)"};
  }
  return {config::base_url_or_default(config),
          "address: http://<listen>, listen " + config.listen + " from " + listen_origin};
}

http::LogLevel log_level(const std::string& name) {
  if (name == "debug" || name == "trace") return http::LogLevel::debug;
  if (name == "warn") return http::LogLevel::warn;
  if (name == "error") return http::LogLevel::error;
  return http::LogLevel::info;
}

template <class F>
int guarded(const char* command, std::ostream& err, F&& f) {
  try {
    return f();
  } catch (const BadInput& e) {
    err << "yhteisaika " << command << ": " << e.message << "\n";
    return 2;
  }
}

}  // namespace

int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return guarded("serve", err, [&] {
    const Parsed parsed = parse_args(args, {});
    const config::Config config = load(parsed);
    if (parsed.print_config) {
      out << config::describe(config);
      return 0;
    }
    http::Logger logger(std::cerr, log_level(config.log_level), http::LogWriting::background);
    http::Metrics metrics;
    http::ServerOptions options;
    std::tie(options.host, options.port) = split_listen(config.listen);
    options.io_threads = config.io_threads;
    options.worker_threads = config.worker_threads;
    options.body_limit = config.body_limit;
    options.handle_inline = http::runs_inline;  // the route table says which routes never block
    options.loggable_path = http::loggable_path;
    // Declared before the server, so that it outlives the server that calls it.
    std::unique_ptr<service::Service> service;
    // The address first: a second server on a used port fails here, before it
    // has created or changed a database.
    auto server = http::Server::bind(options, metrics, logger);
    if (!server) throw BadInput{server.error().to_string()};
    // The mailer is made here, with the service, before anything is served:
    // request threads use it from their first booking on.
    service::Seams seams;  // the system clock, SQLite at db_path, HTTP and SMTP as configured
    seams.log = [&logger](std::string_view level, std::string_view msg, const boost::json::object& fields) {
      logger.log(level == "error" ? http::LogLevel::error
                 : level == "warn" ? http::LogLevel::warn
                                   : http::LogLevel::info,
                 msg, fields);
    };
    auto opened = service::Service::open(config, std::move(seams));
    if (!opened) throw BadInput{opened.error().to_string()};
    service = std::move(*opened);
    (*server)->serve(http::make_api_handler(*service, metrics, logger, kOpenApiJson));

    const std::string where = "http://" + (options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                                                       : options.host) +
                              ":" + std::to_string((*server)->port());
    // Sending starts once the server listens, so that answer links can use the
    // port it got; changes made before wait as notices in the database.
    service->mail().start(config.base_url.empty() ? where : config.base_url);
    // Holds that ran out while the service was down are expired at once, then
    // every housekeeping_interval_seconds.
    service->housekeeping().start();
    out << "Yhteisaika listening on " << where << "\n"
        << "  database:  " << config.db_path << "\n"
        << "  calendars: " << config.calendars_dir << "\n"
        << "  a token:   yhteisaika token create --role coordinator --name NAME --db " << config.db_path << "\n"
        << "  try:       curl " << where << "/healthz\n"
        << "Stop with Ctrl-C (SIGINT) or SIGTERM.\n";
    out.flush();
    logger.info("listening", {{"url", where}, {"db", config.db_path}});
    http::run_until_signal(**server);
    return 0;
  });
}

int run_token(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
              std::chrono::sys_seconds now) {
  return guarded("token", err, [&] {
    if (args.empty() || args.front() != "create") throw BadInput{"usage: yhteisaika token create --role ROLE --name NAME [--db PATH]"};
    const Parsed parsed = parse_args({args.begin() + 1, args.end()}, {"role", "name"});
    const std::string role_text = require(parsed, "role");
    const std::map<std::string, store::TokenRole> roles{{"coordinator", store::TokenRole::coordinator},
                                                        {"manager", store::TokenRole::manager},
                                                        {"admin", store::TokenRole::admin}};
    auto role = roles.find(role_text);
    if (role == roles.end()) throw BadInput{"--role is coordinator, manager or admin, got '" + role_text + "'"};
    const std::string name = require(parsed, "name");
    auto store = open_existing_store(load(parsed));
    auto issued = store->issue_token(name, role->second, {"cli", now});
    if (!issued) throw BadInput{issued.error().to_string()};
    // The token is shown once and is the last word, for scripts.
    out << "Created " << role_text << " token '" << name << "'. Keep it secret; it is shown only now: "
        << issued->secret << "\n";
    return 0;
  });
}

int run_feed_url(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 std::chrono::sys_seconds now) {
  return guarded("feed-url", err, [&] {
    const Parsed parsed = parse_args(args, {"professional"});
    const ParticipantId who{require(parsed, "professional")};
    const config::Config config = load(parsed);
    const auto [address, note] = feed_address(config, parsed.sources);
    auto store = open_existing_store(config);
    auto secret = store->rotate_feed_secret(who, {"cli", now});
    if (!secret) throw BadInput{secret.error().to_string()};
    // The URL stays the last word, for scripts.
    out << "New feed URL for " << who.value << " (the previous one stops working; " << note << "): " << address
        << "/feeds/" << *secret << ".ics\n";
    return 0;
  });
}

}  // namespace yhteisaika::app
