#pragma once
// Private to http/: the parts of the Server shared by its two halves,
// server.cpp (listening, accepting, the timeout sweep, stopping: the
// server's lifecycle) and session.cpp (one connection: reading requests,
// calling the handler, writing responses, rejecting what cannot be read).

#include <yhteisaika/http/server.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace yhteisaika::http {

namespace server_detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// Expected endings (end of stream, cancellation, timeout) come back as values.
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
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

// The exception's text (for the log only).
std::string describe(const std::exception_ptr& error);

}  // namespace server_detail

using namespace server_detail;

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

}  // namespace yhteisaika::http
