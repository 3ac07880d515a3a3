// One connection of the Server: each request read with a fresh parser and
// its limits, answered by the handler (on the workers, or inline), written
// back; what cannot be read is rejected with an error body (responses.hpp).
#include "server_impl.hpp"

#include <yhteisaika/http/http_date.hpp>

#include "responses.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <cmath>

namespace yhteisaika::http {

namespace beast = boost::beast;

namespace {

constexpr std::string_view kServerName = "Yhteisaika";
// After an error response the server stops sending and reads (and drops) what
// the client still sends, for at most this long, before closing: closing with
// unread data would reset the connection and could destroy the error response
// before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = 1 << 20;
constexpr std::size_t kReadChunk = 16 * 1024;

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

double milliseconds(Clock::duration d) {
  return std::round(std::chrono::duration<double, std::milli>(d).count() * 1000) / 1000;
}

}  // namespace

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
    res = error_body_response({beast_http::status::internal_server_error, "internal",
                               "the server failed to answer the request"},
                              req.version(), req.keep_alive());
  }
  co_return res;
}

net::awaitable<void> Server::Impl::reject(Connection& conn, Rejection rejection, const Request& partial,
                                          Clock::time_point start) {
  conn.busy = true;
  Response res = error_body_response({rejection.status, rejection.error, rejection.detail}, 11, false);
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
  const std::string path = loggable_path(req.target());
  logger.request({req.method_string(), path, status, bytes, milliseconds(latency)});
}

std::string Server::Impl::loggable_path(std::string_view target) const {
  try {
    return options.loggable_path ? options.loggable_path(target) : redacted_path(target);
  } catch (...) {
    return "…";  // rather nothing than a secret
  }
}

}  // namespace yhteisaika::http
