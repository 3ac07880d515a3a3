#pragma once
// The generic HTTP/1.1 server: sockets, keep-alive, limits, timeouts, graceful
// stop, request metrics and the access log. It knows no endpoint; everything
// application-specific is in the Handler (the router) given to Server::start().
//
// Start here: Server::start(options, handler, metrics, logger).
//
// Behaviour, per connection:
//  - HTTP/1.1 keep-alive and HTTP/1.0 close; pipelined requests are answered in
//    order, one at a time.
//  - A request whose header exceeds `header_limit` is answered 431, whose body
//    exceeds `body_limit` 413 (before the body is read when Content-Length says
//    so), one that does not parse 400; each with a JSON body
//    {"error":"...","detail":"..."} and `Connection: close`.
//  - The whole request must arrive within `read_timeout` of its first byte; if
//    it does not, the server answers 408 and closes. A keep-alive connection
//    with no request under way is closed silently after `idle_timeout` (the
//    first request of a new connection gets `read_timeout` to start).
//  - The handler's exceptions are caught, logged, and answered 500
//    {"error":"internal",...}; the connection and the server carry on.
//  - Every response gets `Server` and `Date` headers, the request's HTTP
//    version, `Content-Length` (prepare_payload()) and keep-alive: kept open
//    only if the request allows it, the handler did not set `Connection: close`,
//    and the server is not stopping. A 1xx, 204 or 304 goes without a body and
//    without Content-Length (RFC 9110 §8.6).
//  - HEAD: the handler sees the HEAD request and may answer it as it would a
//    GET; the server sends the headers (Content-Length of that body) and drops
//    the body.
//
//  - `Expect: 100-continue` is answered 100 once the header has passed the
//    limits, so clients (curl) do not wait a second before sending the body.
//
// Threads: `io_threads` run the sockets. The handler runs on a separate pool of
// `worker_threads`, so a handler that blocks briefly (SQLite) never stalls the
// network. The hop there and back costs two thread wake-ups per request (about
// 40% of the throughput for a trivial handler, see bench/http_bench.sh), so a
// request for which `handle_inline` returns true (a cached answer, /healthz)
// is handled on the io thread instead; `worker_threads == 0` does that for all.

#include <yhteisaika/error.hpp>
#include <yhteisaika/http/log.hpp>
#include <yhteisaika/http/metrics.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace yhteisaika::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

// Answers one request. Called concurrently from several threads, so it must be
// thread-safe; it may block briefly (on the worker pool). An exception it
// throws becomes a 500 response (and a log line), never a crash.
using Handler = std::function<Response(const Request&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";  // address to bind: an IPv4/IPv6 literal or a name to resolve
  std::uint16_t port = 8080;       // TCP port; 0 picks a free one (see Server::port())
  unsigned io_threads = 2;         // threads running the sockets; at least 1
  unsigned worker_threads = 4;     // threads running the handler; 0 = on the io threads
  std::size_t body_limit = 1 << 20;        // bytes of request body; more is 413
  std::size_t header_limit = 16 * 1024;    // bytes of request line + header fields; more is 431
  std::chrono::seconds read_timeout{15};   // whole request, from its first byte (slowloris); then 408
  std::chrono::seconds idle_timeout{60};   // keep-alive connection waiting for its next request
  std::chrono::seconds write_timeout{15};  // whole response; a client that reads slower is dropped
  std::chrono::seconds shutdown_grace{10};  // stop(): how long in-flight requests may take to finish
  // Requests whose handling never blocks (see "Threads" above); called on the
  // io thread for each request; must be thread-safe and cheap. Empty = none.
  std::function<bool(const Request&)> handle_inline;
  bool access_log = true;                   // one info line per response (see Logger)
  // The request target as the access log and error lines show it; must be
  // thread-safe. The default knows no routes (log.hpp redacted_path); the
  // service gives the API's, which masks by the route matched (routes.hpp).
  std::function<std::string(std::string_view target)> loggable_path = redacted_path;
};

class Server {
 public:
  // Binds and listens on options.host:options.port, starts the threads and
  // returns a running server. The error names the address
  // ("127.0.0.1:8080: cannot listen: Address already in use").
  // `metrics` and `logger` must outlive the Server.
  // REQUIRES: handler is callable; options.io_threads >= 1.
  static Result<std::unique_ptr<Server>> start(ServerOptions options, Handler handler, Metrics& metrics,
                                               Logger& logger);

  // The first half of start(): binds and listens, but accepts nothing and runs
  // no thread until serve(); connections wait in the listen backlog meanwhile.
  // Lets a program claim its address before it does anything else, so that a
  // second server on a used port fails before it has written anything. Errors
  // as start(). Destroying a server that never served just closes the socket.
  static Result<std::unique_ptr<Server>> bind(ServerOptions options, Metrics& metrics, Logger& logger);
  // The second half: starts the threads and answers with `handler`.
  // REQUIRES: the server came from bind(), serve() not called yet, not stopped.
  void serve(Handler handler);

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();  // stop()

  // The port actually bound (the ephemeral one when options.port was 0).
  std::uint16_t port() const noexcept;

  // Graceful stop: stops accepting, closes connections that wait for a request
  // (idle keep-alive, or a request still arriving), lets requests already being
  // handled finish and sends their responses with `Connection: close`. After
  // `shutdown_grace` the remaining connections are closed; a handler still
  // running is waited for (it cannot be interrupted). Then joins all threads.
  // Idempotent and callable from any thread. Called from one of the server's
  // own threads (a handler), it only starts the stop; wait() or the destructor
  // finishes it.
  void stop();

  // Blocks until the server has stopped (someone called stop()), finishing the
  // stop if it was started from a server thread.
  // REQUIRES: not called from one of the server's own threads.
  void wait();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Blocks until SIGINT or SIGTERM arrives (or the server is stopped some other
// way), then calls server.stop().
void run_until_signal(Server& server);

}  // namespace yhteisaika::http
