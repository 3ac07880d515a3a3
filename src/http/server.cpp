#include <yhteisaika/http/server.hpp>

#include "server_impl.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/this_coro.hpp>

#include <csignal>

namespace yhteisaika::http {

namespace beast = boost::beast;

namespace {

// How often the deadlines of all connections are checked: timeouts fire up to
// this much late. One timer for the server instead of one armed per operation
// keeps a request's timeout bookkeeping down to two atomic stores.
constexpr auto kSweepInterval = std::chrono::milliseconds(250);

std::string address_text(const tcp::endpoint& endpoint) {
  auto address = endpoint.address();
  std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

}  // namespace

std::string server_detail::describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

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
      return Error{std::error_code(ec), "cannot resolve the host: " + ec.message(), Location::in(where)};
    }
    endpoint = *results.begin();
  }
  where = address_text(endpoint);

  auto& acceptor = impl->acceptor;
  auto fail = [&](std::string_view step) {
    return Error{std::error_code(ec), "cannot " + std::string(step) + ": " + ec.message(), Location::in(where)};
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
