#pragma once
// Structured logs: one JSON object per line, e.g.
//   {"ts":"2026-11-25T12:30:00.123Z","level":"info","msg":"request","method":"GET",...}
// `ts` is RFC 3339 in UTC with milliseconds, `level` one of debug/info/warn/error,
// `msg` a fixed phrase, then the caller's fields in the order given.
//
// Never log a client's name or identity code, a token, or a query string.

#include <boost/json/object.hpp>

#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>

namespace yhteisaika::http {

enum class LogLevel { debug, info, warn, error };

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

  bool enabled(LogLevel level) const noexcept { return level >= min_level_; }

 private:
  void write_in_background();

  std::ostream& out_;
  LogLevel min_level_;
  std::mutex mutex_;
  // Background writing: lines waiting for the writer.
  std::string waiting_;
  std::condition_variable waiting_cv_;
  bool stopping_ = false;
  std::thread writer_;
};

// The request target as it may be logged: the path without query string or
// fragment (queries may carry secrets), and a path under one of
// `secret_prefixes` (e.g. "/feeds/", whose next segment is a feed secret)
// replaced by that prefix followed by "…".
//   loggable_path("/api/slots?token=x", {"/feeds/"}) == "/api/slots"
//   loggable_path("/feeds/s3cr3t/x.ics", {"/feeds/"}) == "/feeds/…"
std::string loggable_path(std::string_view target, std::span<const std::string> secret_prefixes);

}  // namespace yhteisaika::http
