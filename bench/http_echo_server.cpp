// A server that answers every request with the same 10 KB body: the HTTP layer
// alone, for bench/http_bench.sh (wrk). Not a test.
//   http_echo_server [--port N] [--io-threads N] [--worker-threads N] [--access-log]
// --worker-threads 0 runs the handler on the io threads (no hop to the pool).

#include <yhteisaika/http/server.hpp>

#include <cstdlib>
#include <iostream>
#include <string_view>

int main(int argc, char** argv) {
  using namespace yhteisaika::http;
  ServerOptions options;
  options.access_log = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto next = [&] { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
    if (arg == "--port") {
      options.port = std::uint16_t(next());
    } else if (arg == "--io-threads") {
      options.io_threads = unsigned(next());
    } else if (arg == "--worker-threads") {
      options.worker_threads = unsigned(next());
    } else if (arg == "--access-log") {
      options.access_log = true;
    } else {
      std::cerr << "usage: http_echo_server [--port N] [--io-threads N] [--worker-threads N] [--access-log]\n";
      return 2;
    }
  }

  const std::string body(10 * 1024, 'x');
  Handler handler = [&body](const Request& req) {
    Response res{beast_http::status::ok, req.version()};
    res.set(beast_http::field::content_type, "text/plain");
    res.body() = body;
    return res;
  };
  Metrics metrics;
  Logger logger;
  auto server = Server::start(options, handler, metrics, logger);
  if (!server) {
    std::cerr << "http_echo_server: " << server.error() << "\n";
    return 1;
  }
  run_until_signal(**server);
  return 0;
}
