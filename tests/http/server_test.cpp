#include <yhteisaika/http/server.hpp>

#include <yhteisaika/http/routes.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <future>
#include <sstream>
#include <thread>

// These tests run a real server on 127.0.0.1 (port 0) and talk raw HTTP/1.1 to
// it, so that malformed, pipelined and slow requests can be sent exactly.

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using namespace std::chrono_literals;
using tcp = net::ip::tcp;
using yhteisaika::http::Logger;
using yhteisaika::http::LogLevel;
using yhteisaika::http::Metrics;
using yhteisaika::http::Request;
using yhteisaika::http::Response;
using yhteisaika::http::Server;
using yhteisaika::http::ServerOptions;
namespace beast_http = yhteisaika::http::beast_http;

// The test application: a GET echoes the path, a POST its body, "/throw" throws,
// "/not-modified" answers 304,
// "/slow" sleeps 300 ms (after fulfilling `slow_started`, if set).
struct TestApp {
  std::promise<void>* slow_started = nullptr;

  Response operator()(const Request& req) const {
    if (req.target() == "/throw") throw std::runtime_error("database is on fire");
    if (req.target() == "/not-modified") {
      Response res{beast_http::status::not_modified, req.version()};
      res.set(beast_http::field::etag, "\"v1\"");
      return res;
    }
    if (req.target() == "/slow") {
      if (slow_started) slow_started->set_value();
      std::this_thread::sleep_for(300ms);
    }
    Response res{beast_http::status::ok, req.version()};
    res.set(beast_http::field::content_type, "text/plain");
    res.body() = req.method() == beast_http::verb::post ? "you sent " + req.body()
                                                        : "you asked for " + std::string(req.target());
    return res;
  }
};

struct Running {
  explicit Running(ServerOptions options = {}, TestApp app = {}) : logger(log, LogLevel::info) {
    options.port = 0;
    auto started = Server::start(std::move(options), app, metrics, logger);
    REQUIRE(started.has_value());
    server = std::move(*started);
  }
  std::ostringstream log;
  Metrics metrics;
  Logger logger;
  std::unique_ptr<Server> server;
};

// A blocking client whose every read gives up after a time limit.
class Client {
 public:
  explicit Client(std::uint16_t port) { stream_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port)); }

  void send(std::string_view raw) { net::write(stream_.socket(), net::buffer(raw)); }

  struct Reply {
    beast::error_code ec;  // end_of_stream when the server closed instead of answering
    Response res;
  };
  Reply read(bool head = false, std::chrono::seconds limit = 5s) {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.skip(head);
    Reply reply;
    stream_.expires_after(limit);
    beast_http::async_read(stream_, buffer_, parser, [&](beast::error_code ec, std::size_t) { reply.ec = ec; });
    run();
    reply.res = parser.release();
    return reply;
  }

  // Drops whatever the server still sends and tells whether it closed the
  // connection within `limit`.
  bool closed_by_server(std::chrono::seconds limit = 5s) {
    stream_.expires_after(limit);
    beast::error_code result;
    std::function<void()> next;
    std::array<char, 4096> scratch;
    next = [&] {
      stream_.async_read_some(net::buffer(scratch), [&](beast::error_code ec, std::size_t) {
        if (ec) {
          result = ec;
        } else {
          next();
        }
      });
    };
    next();
    run();
    return result == net::error::eof || result == net::error::connection_reset;
  }

 private:
  void run() {
    ioc_.restart();
    ioc_.run();
  }
  net::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
};

std::string get(std::string_view path, std::string_view extra_headers = "") {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

boost::json::object json_body(const Response& res) {
  auto value = boost::json::parse(res.body());
  REQUIRE(value.is_object());
  return value.as_object();
}

std::vector<boost::json::object> log_lines(const std::string& log) {
  std::vector<boost::json::object> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) lines.push_back(boost::json::parse(line).as_object());
  return lines;
}

}  // namespace

TEST_CASE("a keep-alive connection answers several requests in order", "[http][server]") {
  Running running;
  Client client(running.server->port());

  SECTION("one after another") {
    for (std::string path : {"/a", "/b"}) {
      client.send(get(path));
      auto reply = client.read();
      REQUIRE_FALSE(reply.ec);
      CHECK(reply.res.result() == beast_http::status::ok);
      CHECK(reply.res.body() == "you asked for " + path);
      CHECK(reply.res.keep_alive());
      CHECK(reply.res[beast_http::field::server] == "Yhteisaika");
      CHECK(reply.res[beast_http::field::content_length] == std::to_string(reply.res.body().size()));
      CHECK_FALSE(reply.res[beast_http::field::date].empty());
    }
  }
  SECTION("pipelined in one write") {
    client.send(get("/first") + get("/second") + get("/third"));
    for (std::string path : {"/first", "/second", "/third"}) {
      auto reply = client.read();
      REQUIRE_FALSE(reply.ec);
      CHECK(reply.res.body() == "you asked for " + path);
    }
  }
  SECTION("HEAD gets the GET's headers and no body") {
    client.send("HEAD /h HTTP/1.1\r\nHost: test\r\n\r\n" + get("/after"));
    auto head = client.read(true);
    REQUIRE_FALSE(head.ec);
    CHECK(head.res[beast_http::field::content_length] == std::to_string(std::string("you asked for /h").size()));
    auto after = client.read();
    CHECK(after.res.body() == "you asked for /after");  // no stray body bytes in between
  }
  SECTION("Connection: close is honoured") {
    client.send(get("/bye", "Connection: close\r\n"));
    auto reply = client.read();
    CHECK_FALSE(reply.res.keep_alive());
    CHECK(client.closed_by_server());
  }
}

TEST_CASE("a client expecting 100-continue gets it before sending the body", "[http][server]") {
  Running running;
  Client client(running.server->port());
  client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  auto interim = client.read();
  REQUIRE_FALSE(interim.ec);
  CHECK(interim.res.result() == beast_http::status::continue_);
  client.send("hello");
  auto reply = client.read();
  REQUIRE_FALSE(reply.ec);
  CHECK(reply.res.body() == "you sent hello");
}

TEST_CASE("the handler may run on the io threads", "[http][server]") {
  ServerOptions options;
  SECTION("for every request when there are no workers") { options.worker_threads = 0; }
  SECTION("for the requests handle_inline picks") {
    options.worker_threads = 2;
    options.handle_inline = [](const Request& req) { return req.target().starts_with("/inline"); };
  }
  Running running(options);
  Client client(running.server->port());
  client.send(get("/inline/a") + get("/throw") + get("/pool") + get("/inline/b"));
  for (std::string expected : {"you asked for /inline/a", "", "you asked for /pool", "you asked for /inline/b"}) {
    auto reply = client.read();
    REQUIRE_FALSE(reply.ec);
    CHECK(reply.res.result() == (expected.empty() ? beast_http::status::internal_server_error : beast_http::status::ok));
    if (!expected.empty()) CHECK(reply.res.body() == expected);
  }
}

TEST_CASE("an HTTP/1.0 request is answered and the connection closed", "[http][server]") {
  Running running;
  Client client(running.server->port());
  client.send("GET /old HTTP/1.0\r\n\r\n");
  auto reply = client.read();
  REQUIRE_FALSE(reply.ec);
  CHECK(reply.res.version() == 10);
  CHECK(reply.res.body() == "you asked for /old");
  CHECK(client.closed_by_server());
}

TEST_CASE("requests the server refuses get a JSON error and a closed connection", "[http][server]") {
  ServerOptions options;
  options.body_limit = 1024;
  options.header_limit = 2048;
  Running running(options);
  Client client(running.server->port());

  struct Case {
    std::string name;
    std::string request;
    unsigned status;
    std::string error;
  };
  auto c = GENERATE(
      Case{"a Content-Length over the body limit", "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\nabc",
           413, "too_large"},
      Case{"a chunked body over the body limit",
           "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n300\r\n" + std::string(0x300, 'a') +
               "\r\n300\r\n" + std::string(0x300, 'b') + "\r\n0\r\n\r\n",
           413, "too_large"},
      Case{"a header over the header limit", get("/x", "X-Big: " + std::string(4000, 'x') + "\r\n"), 431,
           "header_too_large"},
      Case{"garbage", "\x01\x02 nonsense\r\n\r\n", 400, "bad_request"},
      Case{"a bad Content-Length", "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: lots\r\n\r\n", 400,
           "bad_request"});

  INFO(c.name);
  client.send(c.request);
  auto reply = client.read();
  REQUIRE_FALSE(reply.ec);
  CHECK(reply.res.result_int() == c.status);
  CHECK(reply.res[beast_http::field::content_type] == "application/json");
  CHECK(json_body(reply.res)["error"] == c.error.c_str());
  CHECK(json_body(reply.res).contains("detail"));
  CHECK_FALSE(reply.res.keep_alive());
  CHECK(client.closed_by_server());
}

TEST_CASE("a 304 goes without Content-Length and the connection carries on", "[http][server][issue-10]") {
  // A 304 carried "Content-Length: 0"; RFC 9110 §8.6 allows only the length the 200 would have had.
  Running running;
  Client client(running.server->port());
  client.send(get("/not-modified") + get("/after"));
  auto not_modified = client.read();
  REQUIRE_FALSE(not_modified.ec);
  CHECK(not_modified.res.result_int() == 304);
  CHECK(not_modified.res.find(beast_http::field::content_length) == not_modified.res.end());
  CHECK(not_modified.res.find(beast_http::field::transfer_encoding) == not_modified.res.end());
  CHECK(not_modified.res[beast_http::field::etag] == "\"v1\"");
  CHECK(not_modified.res.keep_alive());
  auto after = client.read();  // the next response is read right after the header: no body between
  CHECK(after.res.body() == "you asked for /after");
}

TEST_CASE("a handler's exception becomes a 500 and the server carries on", "[http][server]") {
  Running running;
  Client client(running.server->port());
  client.send(get("/throw"));
  auto failed = client.read();
  REQUIRE_FALSE(failed.ec);
  CHECK(failed.res.result() == beast_http::status::internal_server_error);
  CHECK(json_body(failed.res)["error"] == "internal");
  CHECK(failed.res.body().find("fire") == std::string::npos);  // the exception text stays in the log

  client.send(get("/next"));
  auto next = client.read();
  REQUIRE_FALSE(next.ec);
  CHECK(next.res.body() == "you asked for /next");

  running.server->stop();
  CHECK(running.log.str().find("database is on fire") != std::string::npos);
}

TEST_CASE("a request that arrives too slowly is answered 408 and closed", "[http][server][timeout]") {
  ServerOptions options;
  options.read_timeout = 1s;
  Running running(options);
  Client client(running.server->port());

  auto start = std::chrono::steady_clock::now();
  client.send("GET /slowloris HTTP/1.1\r\nHost: te");
  auto reply = client.read(false, 4s);
  REQUIRE_FALSE(reply.ec);
  CHECK(reply.res.result() == beast_http::status::request_timeout);
  CHECK(client.closed_by_server(4s));
  auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 900ms);
  CHECK(waited < 3s);
}

TEST_CASE("stop lets an in-flight request finish and closes idle connections", "[http][server][stop]") {
  std::promise<void> slow_started;
  Running running(ServerOptions{}, TestApp{&slow_started});
  Client busy(running.server->port());
  Client idle(running.server->port());
  idle.send(get("/warm-up"));
  REQUIRE(idle.read().res.result() == beast_http::status::ok);

  busy.send(get("/slow"));
  slow_started.get_future().wait();
  auto start = std::chrono::steady_clock::now();
  running.server->stop();
  CHECK(std::chrono::steady_clock::now() - start < 2s);

  auto reply = busy.read();
  REQUIRE_FALSE(reply.ec);
  CHECK(reply.res.result() == beast_http::status::ok);
  CHECK_FALSE(reply.res.keep_alive());
  CHECK(busy.closed_by_server());
  CHECK(idle.closed_by_server());
  running.server->stop();  // idempotent
  running.server->wait();  // returns at once once stopped
}

TEST_CASE("starting on a port in use fails with the address in the error", "[http][server]") {
  Running running;
  Metrics metrics;
  std::ostringstream log;
  Logger logger(log);
  ServerOptions options;
  options.port = running.server->port();
  auto second = Server::start(options, TestApp{}, metrics, logger);
  REQUIRE_FALSE(second.has_value());
  CHECK_THAT(second.error().to_string(),
             Catch::Contains("127.0.0.1:" + std::to_string(running.server->port())) &&
                 Catch::Contains("in use"));
}

TEST_CASE("a server claims its port at bind and answers what waited once it serves", "[http][server][issue-10]") {
  // `serve` opened (and created) its database before binding, so a second server
  // on a used port wrote a database before it failed.
  Metrics metrics;
  std::ostringstream log;
  Logger logger(log);
  ServerOptions options;
  options.port = 0;
  auto bound = Server::bind(options, metrics, logger);
  REQUIRE(bound.has_value());
  const auto port = (*bound)->port();
  REQUIRE(port != 0);

  options.port = port;
  auto second = Server::bind(options, metrics, logger);
  REQUIRE_FALSE(second.has_value());
  CHECK_THAT(second.error().to_string(), Catch::Contains("127.0.0.1:" + std::to_string(port)) &&
                                             Catch::Contains("in use"));

  Client early(port);  // waits in the backlog until the server serves
  early.send(get("/early"));
  (*bound)->serve(TestApp{});
  auto reply = early.read();
  REQUIRE_FALSE(reply.ec);
  CHECK(reply.res.body() == "you asked for /early");

  options.port = 0;
  auto never_served = Server::bind(options, metrics, logger);
  REQUIRE(never_served.has_value());
  const auto start = std::chrono::steady_clock::now();
  never_served->reset();  // closes the socket without waiting for connections that never were
  CHECK(std::chrono::steady_clock::now() - start < 1s);
}

TEST_CASE("the metrics count the requests the server answered", "[http][server][metrics]") {
  Running running;
  auto& bookings = running.metrics.counter("yhteisaika_bookings_total", "Meetings booked.");
  bookings.fetch_add(3);
  running.metrics.gauge("yhteisaika_calendars_stale").store(-2);
  CHECK(&running.metrics.counter("yhteisaika_bookings_total") == &bookings);  // stable reference
  CHECK_THROWS_AS(running.metrics.gauge("yhteisaika_bookings_total"), std::invalid_argument);
  CHECK_THROWS_AS(running.metrics.counter("bad name"), std::invalid_argument);

  Client client(running.server->port());
  client.send(get("/a") + get("/throw") + "HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n" + get("/b"));
  client.read();
  client.read();
  client.read(true);
  client.read();
  running.server->stop();  // joins the threads, so every request has been counted

  auto text = running.metrics.render_prometheus();
  INFO(text);
  CHECK_THAT(text, Catch::Contains("# TYPE yhteisaika_http_requests_total counter"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_requests_total{method=\"GET\",status=\"2xx\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_requests_total{method=\"GET\",status=\"5xx\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_requests_total{method=\"HEAD\",status=\"2xx\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_requests_in_flight 0\n"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_connections_open 0\n"));
  CHECK_THAT(text, Catch::Contains("# TYPE yhteisaika_http_request_duration_seconds histogram"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n"));
  CHECK_THAT(text, Catch::Contains("yhteisaika_http_request_duration_seconds_count 4\n"));
  CHECK_THAT(text, Catch::Contains("# HELP yhteisaika_bookings_total Meetings booked.\n"
                                   "# TYPE yhteisaika_bookings_total counter\n"
                                   "yhteisaika_bookings_total 3\n"));
  CHECK_THAT(text, Catch::Contains("# TYPE yhteisaika_calendars_stale gauge\nyhteisaika_calendars_stale -2\n"));
}

TEST_CASE("the access log drops query strings and feed secrets", "[http][server][log]") {
  ServerOptions options;
  options.loggable_path = yhteisaika::http::loggable_path;  // as the service does
  Running running(options);
  Client client(running.server->port());
  client.send(get("/api/slots?token=hunter2&case=X1") + get("/feeds/s3cr3t-feed-key/calendar.ics"));
  client.read();
  client.read();
  running.server->stop();

  auto log = running.log.str();
  CHECK(log.find("hunter2") == std::string::npos);
  CHECK(log.find("s3cr3t") == std::string::npos);
  std::vector<boost::json::object> requests;
  for (auto& line : log_lines(log)) {
    CHECK(line.contains("ts"));
    CHECK(line.contains("level"));
    if (line["msg"] == "request") requests.push_back(line);
  }
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["method"] == "GET");
  CHECK(requests[0]["path"] == "/api/slots");
  CHECK(requests[0]["status"] == 200);
  CHECK(requests[0]["bytes"] == std::string("you asked for /api/slots?token=hunter2&case=X1").size());
  CHECK(requests[0]["duration_ms"].is_number());
  CHECK(requests[1]["path"] == "/feeds/…");
}

TEST_CASE("identity codes and feed secrets never reach the access log, however the path is written",
          "[http][server][log][issue-10]") {
  // The access log masked only paths starting with "/feeds/" or "/answers/", so
  // "//feeds/<secret>.ics", "/FEEDS/<secret>.ics" and an identity code in any
  // path ("/api/v1/meetings/131052-308T") were written verbatim.
  const std::string secret = "3f9c0d5e8a7b6c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  struct Case {
    std::string target;
    std::string logged;
  };
  const std::vector<Case> cases{
      {"/api/v1/meetings/131052-308T", "/api/v1/meetings/…"},
      {"/api/v1/meetings/131052%2D308T/invite.ics", "/api/v1/meetings/…/invite.ics"},
      {"/api/v1/professionals/x131052-308Ty", "/api/v1/professionals/…"},
      {"/no/such/131052-308T/page", "/no/such/…/page"},
      {"/feeds/" + secret + ".ics", "/feeds/….ics"},
      {"/feeds/shortsecret.ics", "/feeds/….ics"},
      {"//feeds/" + secret + ".ics", "//feeds/…"},
      {"/FEEDS/shortsecret.ics", "/FEEDS/…"},
      {"/%66eeds/shortsecret.ics", "/%66eeds/…"},
      {"/answers/shortsecret?answer=accepted", "/answers/…"},
      {"/Answers//shortsecret", "/Answers/…"},
      {"/api/v1/" + secret, "/api/v1/…"},
  };
  ServerOptions options;
  options.loggable_path = yhteisaika::http::loggable_path;  // as the service does
  Running running(options);
  Client client(running.server->port());
  std::string requests;
  for (const auto& c : cases) requests += get(c.target);
  client.send(requests);
  for (std::size_t i = 0; i < cases.size(); ++i) client.read();
  running.server->stop();

  const auto log = running.log.str();
  INFO(log);
  CHECK(log.find("131052") == std::string::npos);
  CHECK(log.find("shortsecret") == std::string::npos);
  CHECK(log.find(secret.substr(0, 16)) == std::string::npos);
  std::vector<std::string> logged;
  for (auto& line : log_lines(log)) {
    if (line["msg"] == "request") logged.emplace_back(line["path"].as_string());
  }
  REQUIRE(logged.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(i);
    CHECK(logged[i] == cases[i].logged);
  }
}

TEST_CASE("a server given no routes still keeps identity codes and secrets out of its log", "[http][server][log][issue-10]") {
  // The server's own default masked nothing but the query string and two prefixes.
  Running running;
  Client client(running.server->port());
  client.send(get("/x/131052-308T") + get("//feeds/3f9c0d5e8a7b6c1d2e3f4a5b6c7d8e9f.ics"));
  client.read();
  client.read();
  running.server->stop();
  const auto log = running.log.str();
  CHECK(log.find("131052") == std::string::npos);
  CHECK(log.find("3f9c0d5e8a7b6c1d") == std::string::npos);
  CHECK_THAT(log, Catch::Contains(R"("path":"/x/…")") && Catch::Contains(R"("path":"//feeds/…")"));
}
