#pragma once
// Structured logs: one JSON object per line, e.g.
//   {"ts":"2026-11-25T12:30:00.123Z","level":"info","msg":"request","method":"GET",...}
// `ts` is RFC 3339 in UTC with milliseconds, `level` one of debug/info/warn/error,
// `msg` a fixed phrase, then the caller's fields in the order given.
//
// Never log a client's name or identity code, a token, or a query string.

#include <boost/json/object.hpp>

#include <condition_variable>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace yhteisaika::http {

enum class LogLevel { debug, info, warn, error };

// One access-log line: what was asked and how it went.
struct RequestLine {
  std::string_view method;
  std::string_view path;  // already redacted
  unsigned status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
};

// How lines reach the stream.
enum class LogWriting {
  at_once,     // written and flushed inside log() (tests read the stream right after)
  background,  // handed to a writer thread that writes what has gathered in one
               // go: a request thread never waits for the disk (the service)
};

class Logger {
 public:
  // Writes to `out` (std::cerr in the service, an std::ostringstream in tests),
  // which must outlive the Logger. Lines below `min_level` are dropped.
  explicit Logger(std::ostream& out, LogLevel min_level = LogLevel::info, LogWriting writing = LogWriting::at_once);
  // Writes to std::cerr.
  Logger();
  // Writes every line still waiting, then stops the writer.
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // Thread-safe: the line is built first and handed over under one mutex, so
  // lines from different threads never interleave. Each line is flushed (at
  // once, or by the writer within moments).
  void log(LogLevel level, std::string_view msg, const boost::json::object& fields = {});
  void debug(std::string_view msg, const boost::json::object& fields = {}) { log(LogLevel::debug, msg, fields); }
  void info(std::string_view msg, const boost::json::object& fields = {}) { log(LogLevel::info, msg, fields); }
  void warn(std::string_view msg, const boost::json::object& fields = {}) { log(LogLevel::warn, msg, fields); }
  void error(std::string_view msg, const boost::json::object& fields = {}) { log(LogLevel::error, msg, fields); }

  // The access log: the line info("request", {{"method", …}, {"path", …},
  // {"status", …}, {"bytes", …}, {"duration_ms", …}}) would write, built
  // straight into a per-thread buffer (no JSON tree, no allocation once warm):
  // it runs once per request, feeds included.
  void request(const RequestLine& line);

  bool enabled(LogLevel level) const noexcept { return level >= min_level_; }

 private:
  void write_in_background();
  void hand_over(std::string_view text);

  std::ostream& out_;
  LogLevel min_level_;
  std::mutex mutex_;
  // Background writing: lines waiting for the writer.
  std::string waiting_;
  std::condition_variable waiting_cv_;
  bool stopping_ = false;
  std::thread writer_;
};

// Whether a path segment (as sent: percent-encoded or not) must stay out of
// logs: it holds a run of 16 or more hex digits (what a secret looks like: feed
// secrets, answer links and API tokens are 64 hex digits, and a shortened one
// is still a secret) or a personal identity code (privacy::find_henkilotunnus,
// looked for in the segment as sent and percent-decoded).
bool unloggable_segment(std::string_view segment);

// The request target without query string or fragment (queries may carry
// secrets), each unloggable segment replaced by "…":
//   redacted_path("/api/v1/meetings/131052-308T?x=1") == "/api/v1/meetings/…"
// What the server logs when it knows no routes (ServerOptions::loggable_path);
// the API's routes.hpp loggable_path() also masks by the route matched.
std::string redacted_path(std::string_view target);

}  // namespace yhteisaika::http
