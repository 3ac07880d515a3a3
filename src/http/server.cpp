#include <yhteisaika/http/server.hpp>

#include <yhteisaika/http/http_date.hpp>
#include <yhteisaika/http/json_text.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>

#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

namespace yhteisaika::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Expected endings (end of stream, cancellation, timeout) come back as values.
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);

constexpr std::string_view kServerName = "Yhteisaika";
// How often the deadlines of all connections are checked: timeouts fire up to
// this much late. One timer for the server instead of one armed per operation
// keeps a request's timeout bookkeeping down to two atomic stores.
constexpr auto kSweepInterval = std::chrono::milliseconds(250);
// After an error response the server stops sending and reads (and drops) what
// the client still sends, for at most this long, before closing: closing with
// unread data would reset the connection and could destroy the error response
// before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = 1 << 20;
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr Clock::rep kNoDeadline = Clock::duration::max().count();

// One client connection. The socket's executor is the connection's strand: the
// session coroutine, the timeout and the stop actions all run on it.
struct Connection {
  explicit Connection(tcp::socket s) : socket(std::move(s)) {}

  void expire_after(Clock::duration d) {
    timed_out = false;
    deadline.store((Clock::now() + d).time_since_epoch().count(), std::memory_order_relaxed);
  }
  void clear_deadline() { deadline.store(kNoDeadline, std::memory_order_relaxed); }
  bool past_deadline(Clock::time_point now) const {
    return deadline.load(std::memory_order_relaxed) <= now.time_since_epoch().count();
  }

  tcp::socket socket;
  // When the pending socket operation is cancelled (steady clock ticks); read
  // by the sweeper from another thread, hence atomic.
  std::atomic<Clock::rep> deadline{kNoDeadline};
  bool timed_out = false;  // strand only: the last cancellation was a timeout
  bool busy = false;       // strand only: a request is being answered (stop lets it finish)
  std::list<std::shared_ptr<Connection>>::iterator registration;  // guarded by Impl::mutex
};

struct Rejection {
  beast_http::status status;
  std::string_view error;
  std::string detail;
};

// The error reply for a request that could not be read, if one should be sent.
std::optional<Rejection> rejection_for(const beast::error_code& ec, bool timed_out, const ServerOptions& options) {
  if (timed_out) {
    return Rejection{beast_http::status::request_timeout, "request_timeout",
                     "the request did not arrive within " + std::to_string(options.read_timeout.count()) + " s"};
  }
  if (ec == beast_http::error::header_limit) {
    return Rejection{beast_http::status::request_header_fields_too_large, "header_too_large",
                     "the request header exceeds " + std::to_string(options.header_limit) + " bytes"};
  }
  if (ec == beast_http::error::body_limit) {
    return Rejection{beast_http::status::payload_too_large, "too_large",
                     "the request body exceeds " + std::to_string(options.body_limit) + " bytes"};
  }
  // The client closing the connection is an ending, not a bad request.
  if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message) return std::nullopt;
  if (ec.category() == beast_http::make_error_code(beast_http::error::bad_method).category()) {
    return Rejection{beast_http::status::bad_request, "bad_request", "malformed HTTP request: " + ec.message()};
  }
  return std::nullopt;
}

// RFC 9110 §10.1.1: a client that sent `Expect: 100-continue` waits for an
// interim 100 (or a final status) before sending the body.
bool expects_continue(const Request& req) {
  return req.version() >= 11 && beast::iequals(req[beast_http::field::expect], "100-continue");
}

Response error_response(beast_http::status status, std::string_view error, std::string_view detail) {
  Response res{status, 11};
  res.set(beast_http::field::content_type, "application/json");
  res.body() = json_text(boost::json::object{{"error", error}, {"detail", detail}});
  return res;
}

// RFC 9110 §6.6.1 Date, formatted once per second per thread.
std::string_view date_now() {
  thread_local std::chrono::sys_seconds cached{};
  thread_local std::string text;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (now != cached || text.empty()) {
    cached = now;
    text = http_date(now);
  }
  return text;
}

// Headers every response gets. REQUIRES: res.version() is set.
void add_server_headers(Response& res) {
  if (res.find(beast_http::field::server) == res.end()) res.set(beast_http::field::server, kServerName);
  if (res.find(beast_http::field::date) == res.end()) res.set(beast_http::field::date, date_now());
}

// Runs handler(req) on `pool` and completes on the caller's executor with the
// exception it threw (or null) and its response. `handler` and `req` must stay
// alive until then: the caller co_awaits this at once.
template <class CompletionToken>
auto async_run_handler(net::thread_pool::executor_type pool, const Handler& handler, const Request& req,
                       CompletionToken&& token) {
  return net::async_initiate<CompletionToken, void(std::exception_ptr, Response)>(
      [pool](auto completion, const Handler* h, const Request* r) {
        auto work = net::make_work_guard(net::get_associated_executor(completion));
        net::post(pool, [h, r, completion = std::move(completion), work = std::move(work)]() mutable {
          std::exception_ptr error;
          Response res;
          try {
            res = (*h)(*r);
          } catch (...) {
            error = std::current_exception();
          }
          auto ex = work.get_executor();
          net::dispatch(ex, [completion = std::move(completion), error, res = std::move(res)]() mutable {
            std::move(completion)(error, std::move(res));
          });
        });
      },
      token, &handler, &req);
}

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

std::string address_text(const tcp::endpoint& endpoint) {
  auto address = endpoint.address();
  std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

double milliseconds(Clock::duration d) {
  return std::round(std::chrono::duration<double, std::milli>(d).count() * 1000) / 1000;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Metrics& m, Logger& l)
      : options(std::move(o)), metrics(m), logger(l), ioc(int(options.io_threads)) {}

  void open(tcp::socket socket);
  void close_connection(const std::shared_ptr<Connection>& conn);
  void request_stop();
  void finish();
  bool on_server_thread();

  net::awaitable<void> listen();
  net::awaitable<void> sweep();
  net::awaitable<void> serve(std::shared_ptr<Connection> conn);
  net::awaitable<bool> respond(Connection& conn, Request req);
  net::awaitable<Response> call_handler(const Request& req);
  bool handle_inline(const Request& req) const;
  net::awaitable<void> reject(Connection& conn, Rejection rejection, const Request& partial, Clock::time_point start);
  void access_log(const Request& req, unsigned status, std::size_t bytes, Clock::duration latency);
  std::string loggable_path(std::string_view target) const;

  const ServerOptions options;
  Handler handler;  // set once by serve(), before any thread starts
  Metrics& metrics;
  Logger& logger;

  // Declared before the io_context so that they outlive the coroutine frames
  // it may still destroy.
  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;  // guarded by mutex
  bool listening = true;        // guarded by mutex: the accept loop is running
  bool finishing = false;       // guarded by mutex
  bool finished = false;        // guarded by mutex
  bool serving = false;         // serve() has started the threads; set before them
  std::list<std::shared_ptr<Connection>> connections;  // guarded by mutex
  std::atomic<bool> stopping{false};                   // stop_requested, for the hot path

  net::io_context ioc;
  tcp::acceptor acceptor{net::make_strand(ioc)};
  net::steady_timer sweep_timer{net::make_strand(ioc)};
  std::optional<net::thread_pool> workers;
  std::vector<std::thread> io_threads;
  std::uint16_t port = 0;
  std::string where;  // the bound address, for the log
};

// --- Accepting and sweeping ---------------------------------------------------

net::awaitable<void> Server::Impl::listen() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), kUseTuple);
    if (!acceptor.is_open()) break;
    if (ec) {
      // Out of file descriptors, typically: wait rather than spin.
      logger.warn("accept failed", {{"error", ec.message()}});
      net::steady_timer pause(co_await net::this_coro::executor, std::chrono::milliseconds(100));
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    open(std::move(socket));
  }
  std::lock_guard lock(mutex);
  listening = false;
  changed.notify_all();
}

void Server::Impl::open(tcp::socket socket) {
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto conn = std::make_shared<Connection>(std::move(socket));
  {
    std::lock_guard lock(mutex);
    if (stop_requested) return;  // the socket closes with `conn`
    connections.push_front(conn);
    conn->registration = connections.begin();
  }
  metrics.connection_opened();
  net::co_spawn(conn->socket.get_executor(), serve(conn), [this](std::exception_ptr error) {
    if (error) logger.error("connection failed", {{"error", describe(error)}});
  });
}

void Server::Impl::close_connection(const std::shared_ptr<Connection>& conn) {
  beast::error_code ignored;
  conn->socket.shutdown(tcp::socket::shutdown_send, ignored);
  conn->socket.close(ignored);
  metrics.connection_closed();
  std::lock_guard lock(mutex);
  connections.erase(conn->registration);
  if (stop_requested && connections.empty()) {
    changed.notify_all();
    net::post(sweep_timer.get_executor(), [this] { sweep_timer.cancel(); });
  }
}

net::awaitable<void> Server::Impl::sweep() {
  for (;;) {
    sweep_timer.expires_after(kSweepInterval);
    co_await sweep_timer.async_wait(kUseTuple);
    auto now = Clock::now();
    std::lock_guard lock(mutex);
    if (stop_requested && connections.empty()) break;
    for (const auto& conn : connections) {
      if (!conn->past_deadline(now)) continue;
      // Checked again on the strand: the connection may have moved on meanwhile.
      net::post(conn->socket.get_executor(), [conn] {
        if (!conn->past_deadline(Clock::now())) return;
        conn->timed_out = true;
        conn->clear_deadline();
        beast::error_code ignored;
        conn->socket.cancel(ignored);
      });
    }
  }
}

// --- One connection -------------------------------------------------------------

net::awaitable<void> Server::Impl::serve(std::shared_ptr<Connection> conn) {
  struct Closer {
    Impl* server;
    std::shared_ptr<Connection> conn;
    ~Closer() { server->close_connection(conn); }
  } closer{this, conn};

  beast::flat_buffer buffer;
  bool first = true;
  while (!stopping.load(std::memory_order_relaxed)) {
    conn->busy = false;
    // Wait for the first byte of the next request (it may be pipelined already).
    if (buffer.size() == 0) {
      conn->expire_after(first ? options.read_timeout : options.idle_timeout);
      auto [ec, n] = co_await conn->socket.async_read_some(buffer.prepare(kReadChunk), kUseTuple);
      if (ec) break;  // the client closed, the connection idled out, or the server is stopping
      buffer.commit(n);
    }
    first = false;

    // Each request gets a fresh parser, and the whole request `read_timeout`.
    auto start = Clock::now();
    conn->expire_after(options.read_timeout);
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(std::uint32_t(std::min<std::size_t>(options.header_limit, UINT32_MAX)));
    parser.body_limit(options.body_limit);
    auto [ec, n] = co_await beast_http::async_read_header(conn->socket, buffer, parser, kUseTuple);
    if (!ec && !parser.is_done()) {
      if (expects_continue(parser.get())) {
        beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, 11};
        std::tie(ec, n) = co_await beast_http::async_write(conn->socket, go_on, kUseTuple);
      }
      if (!ec) std::tie(ec, n) = co_await beast_http::async_read(conn->socket, buffer, parser, kUseTuple);
    }
    if (ec) {
      if (auto rejection = rejection_for(ec, conn->timed_out, options)) {
        co_await reject(*conn, std::move(*rejection), parser.get(), start);
      }
      break;
    }

    conn->busy = true;
    conn->clear_deadline();
    if (!co_await respond(*conn, parser.release())) break;
  }
}

net::awaitable<bool> Server::Impl::respond(Connection& conn, Request req) {
  auto start = Clock::now();
  metrics.request_started();
  Response res = co_await call_handler(req);

  // A handler that asked to close the connection gets its way.
  bool handler_closes = beast_http::token_list{res[beast_http::field::connection]}.exists("close");
  res.version(req.version());
  res.keep_alive(req.keep_alive() && !handler_closes && !stopping.load(std::memory_order_relaxed));
  add_server_headers(res);
  // RFC 9110 §15.2, §15.3.5, §15.4.5: these statuses have no content, and
  // §8.6: no Content-Length either (a 304's would have to be the 200's length).
  unsigned status = res.result_int();
  if (status < 200 || status == 204 || status == 304) {
    res.body().clear();
    res.erase(beast_http::field::content_length);
    res.erase(beast_http::field::transfer_encoding);
  } else {
    res.prepare_payload();
  }

  conn.expire_after(options.write_timeout);
  beast::error_code ec;
  std::size_t body_bytes = 0;
  if (req.method() == beast_http::verb::head) {
    // Content-Length stays that of the body the handler gave: the GET's.
    beast_http::response_serializer<beast_http::string_body> serializer{res};
    std::tie(ec, std::ignore) = co_await beast_http::async_write_header(conn.socket, serializer, kUseTuple);
  } else {
    std::tie(ec, std::ignore) = co_await beast_http::async_write(conn.socket, res, kUseTuple);
    body_bytes = res.body().size();
  }
  auto latency = Clock::now() - start;
  metrics.request_finished(req.method_string(), status, latency);
  if (options.access_log) access_log(req, status, ec ? 0 : body_bytes, latency);
  co_return !ec && res.keep_alive();
}

net::awaitable<Response> Server::Impl::call_handler(const Request& req) {
  std::exception_ptr error;
  Response res;
  if (workers && !handle_inline(req)) {
    std::tie(error, res) = co_await async_run_handler(workers->get_executor(), handler, req, kUseTuple);
  } else {
    try {
      res = handler(req);
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (error) {
    // The exception's text is for the log only; the client learns nothing of it.
    logger.error("handler failed", {{"method", req.method_string()},
                                    {"path", loggable_path(req.target())},
                                    {"error", describe(error)}});
    res = error_response(beast_http::status::internal_server_error, "internal",
                         "the server failed to answer the request");
  }
  co_return res;
}

net::awaitable<void> Server::Impl::reject(Connection& conn, Rejection rejection, const Request& partial,
                                          Clock::time_point start) {
  conn.busy = true;
  Response res = error_response(rejection.status, rejection.error, rejection.detail);
  res.keep_alive(false);
  add_server_headers(res);
  res.prepare_payload();
  conn.expire_after(options.write_timeout);
  auto [ec, n] = co_await beast_http::async_write(conn.socket, res, kUseTuple);
  auto latency = Clock::now() - start;
  unsigned status = res.result_int();
  metrics.request_rejected(partial.method_string(), status, latency);
  if (options.access_log) access_log(partial, status, ec ? 0 : res.body().size(), latency);
  if (ec) co_return;

  beast::error_code ignored;
  conn.socket.shutdown(tcp::socket::shutdown_send, ignored);
  conn.expire_after(kLingerTime);
  std::array<char, 4096> scratch;
  for (std::size_t drained = 0; drained < kLingerBytes;) {
    auto [read_ec, read] = co_await conn.socket.async_read_some(net::buffer(scratch), kUseTuple);
    if (read_ec) break;
    drained += read;
  }
}

bool Server::Impl::handle_inline(const Request& req) const {
  if (!options.handle_inline) return false;
  try {
    return options.handle_inline(req);
  } catch (...) {
    return false;  // when in doubt, the worker pool is the safe place
  }
}

void Server::Impl::access_log(const Request& req, unsigned status, std::size_t bytes, Clock::duration latency) {
  logger.info("request", {{"method", req.method_string()},
                          {"path", loggable_path(req.target())},
                          {"status", status},
                          {"bytes", bytes},
                          {"duration_ms", milliseconds(latency)}});
}

std::string Server::Impl::loggable_path(std::string_view target) const {
  try {
    return options.loggable_path ? options.loggable_path(target) : redacted_path(target);
  } catch (...) {
    return "…";  // rather nothing than a secret
  }
}

// --- Stopping -------------------------------------------------------------------

bool Server::Impl::on_server_thread() {
  return ioc.get_executor().running_in_this_thread() || (workers && workers->get_executor().running_in_this_thread());
}

void Server::Impl::request_stop() {
  {
    std::lock_guard lock(mutex);
    if (stop_requested) return;
    stop_requested = true;
    stopping.store(true);
    // A connection waiting for (the rest of) a request closes now; one whose
    // request is being answered closes after sending the response.
    for (const auto& conn : connections) {
      net::post(conn->socket.get_executor(), [conn] {
        if (conn->busy) return;
        beast::error_code ignored;
        conn->socket.cancel(ignored);
      });
    }
    changed.notify_all();
  }
  net::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
  });
  net::post(sweep_timer.get_executor(), [this] { sweep_timer.cancel(); });
}

void Server::Impl::finish() {
  std::unique_lock lock(mutex);
  changed.wait(lock, [&] { return stop_requested; });
  if (finishing) {
    changed.wait(lock, [&] { return finished; });
    return;
  }
  finishing = true;
  if (!serving) {
    // Bound only: no thread and no connection; nothing runs the posted close.
    beast::error_code ignored;
    acceptor.close(ignored);
    finished = true;
    changed.notify_all();
    return;
  }
  auto drained = [&] { return connections.empty() && !listening; };
  if (!changed.wait_for(lock, options.shutdown_grace, drained)) {
    logger.warn("closing connections still busy after the shutdown grace",
                {{"connections", connections.size()}, {"grace_s", options.shutdown_grace.count()}});
    for (const auto& conn : connections) {
      net::post(conn->socket.get_executor(), [conn] {
        beast::error_code ignored;
        conn->socket.close(ignored);
      });
    }
  }
  lock.unlock();

  // The io threads return once every coroutine has ended; a handler still
  // running on a worker is waited for.
  for (auto& thread : io_threads) thread.join();
  if (workers) workers->join();
  logger.info("stopped", {{"port", port}});

  lock.lock();
  finished = true;
  changed.notify_all();
}

// --- Server -----------------------------------------------------------------------

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, Handler handler, Metrics& metrics,
                                              Logger& logger) {
  auto server = bind(std::move(options), metrics, logger);
  if (server) (*server)->serve(std::move(handler));
  return server;
}

Result<std::unique_ptr<Server>> Server::bind(ServerOptions options, Metrics& metrics, Logger& logger) {
  options.io_threads = std::max(options.io_threads, 1u);
  auto impl = std::make_unique<Impl>(std::move(options), metrics, logger);
  const auto& o = impl->options;
  std::string where = o.host + ":" + std::to_string(o.port);

  beast::error_code ec;
  tcp::endpoint endpoint;
  auto address = net::ip::make_address(o.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, o.port);
  } else {
    tcp::resolver resolver(impl->ioc);
    auto results = resolver.resolve(o.host, std::to_string(o.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      return Error{std::error_code(ec), "cannot resolve the host: " + ec.message(), where};
    }
    endpoint = *results.begin();
  }
  where = address_text(endpoint);

  auto& acceptor = impl->acceptor;
  auto fail = [&](std::string_view step) {
    return Error{std::error_code(ec), "cannot " + std::string(step) + ": " + ec.message(), where};
  };
  if (acceptor.open(endpoint.protocol(), ec)) return fail("open a socket");
  // Restarting must not wait for the previous process's TIME_WAIT sockets; on
  // Linux this does not let two servers listen on the same port.
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec)) return fail("set SO_REUSEADDR");
  if (acceptor.bind(endpoint, ec)) return fail("bind");
  if (acceptor.listen(net::socket_base::max_listen_connections, ec)) return fail("listen");
  impl->port = acceptor.local_endpoint(ec).port();
  if (ec) return fail("read the bound port");
  impl->where = address_text(tcp::endpoint(endpoint.address(), impl->port));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

void Server::serve(Handler handler) {
  Impl* server = impl_.get();
  const auto& o = server->options;
  server->handler = std::move(handler);
  {
    std::lock_guard lock(server->mutex);
    server->serving = true;
  }
  if (o.worker_threads > 0) server->workers.emplace(o.worker_threads);
  // Spawned before the threads start, so that the io_context has work at once.
  auto log_failure = [server](std::string_view what) {
    return [server, what](std::exception_ptr error) {
      if (error) server->logger.error(what, {{"error", describe(error)}});
    };
  };
  net::co_spawn(server->acceptor.get_executor(), server->listen(), log_failure("accept loop failed"));
  net::co_spawn(server->sweep_timer.get_executor(), server->sweep(), log_failure("timeout sweeper failed"));
  for (unsigned i = 0; i < o.io_threads; ++i) server->io_threads.emplace_back([server] { server->ioc.run(); });

  server->logger.info("listening", {{"address", server->where},
                                    {"io_threads", o.io_threads},
                                    {"worker_threads", o.worker_threads}});
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

std::uint16_t Server::port() const noexcept { return impl_->port; }

void Server::stop() {
  impl_->request_stop();
  if (!impl_->on_server_thread()) impl_->finish();
}

void Server::wait() { impl_->finish(); }

void run_until_signal(Server& server) {
  net::io_context ioc(1);
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int) {});
  // Returns from run() also when the server is stopped some other way.
  std::thread watcher([&] {
    server.wait();
    net::post(ioc, [&] { signals.cancel(); });
  });
  ioc.run();
  server.stop();
  watcher.join();
}

}  // namespace yhteisaika::http
