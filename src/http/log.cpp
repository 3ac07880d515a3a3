#include <yhteisaika/http/log.hpp>

#include <yhteisaika/http/json_text.hpp>
#include <yhteisaika/privacy/henkilotunnus.hpp>

#include "request_fields.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace yhteisaika::http {

namespace {

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

// Appends "2026-11-25T12:30:00.123Z" (RFC 3339, UTC, milliseconds).
void append_utc_timestamp(std::string& out, std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  auto ms = floor<milliseconds>(now);
  auto day = floor<days>(ms);
  year_month_day date{day};
  hh_mm_ss time{ms - day};
  char text[32];
  const int n = std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                              unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                              int(time.minutes().count()), int(time.seconds().count()),
                              int(time.subseconds().count()));
  out.append(text, std::size_t(n));
}

std::string utc_timestamp(std::chrono::system_clock::time_point now) {
  std::string out;
  append_utc_timestamp(out, now);
  return out;
}

}  // namespace

Logger::Logger(std::ostream& out, LogLevel min_level, LogWriting writing) : out_(out), min_level_(min_level) {
  if (writing == LogWriting::background) writer_ = std::thread([this] { write_in_background(); });
}

Logger::Logger() : Logger(std::cerr) {}

Logger::~Logger() {
  if (!writer_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  waiting_cv_.notify_one();
  writer_.join();
}

void Logger::write_in_background() {
  std::string batch;
  std::unique_lock lock(mutex_);
  while (true) {
    waiting_cv_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    if (waiting_.empty()) return;  // stopping, and everything written
    batch.swap(waiting_);
    lock.unlock();
    out_.write(batch.data(), std::streamsize(batch.size()));
    out_.flush();
    batch.clear();
    lock.lock();
  }
}

void Logger::log(LogLevel level, std::string_view msg, const boost::json::object& fields) {
  if (!enabled(level)) return;
  boost::json::object line;
  line.reserve(3 + fields.size());
  line["ts"] = utc_timestamp(std::chrono::system_clock::now());
  line["level"] = level_name(level);
  line["msg"] = msg;
  for (const auto& field : fields) line[field.key()] = field.value();
  std::string text = json_text(line);
  text += '\n';
  hand_over(text);
}

void Logger::request(const RequestLine& r) {
  if (!enabled(LogLevel::info)) return;
  thread_local std::string text;
  text.clear();
  text += R"({"ts":")";
  append_utc_timestamp(text, std::chrono::system_clock::now());
  text += R"(","level":"info","msg":"request","method":)";
  append_json_string(text, r.method);
  text += R"(,"path":)";
  append_json_string(text, r.path);
  char number[24];
  text += R"(,"status":)";
  text.append(number, std::to_chars(number, number + sizeof number, r.status).ptr);
  text += R"(,"bytes":)";
  text.append(number, std::to_chars(number, number + sizeof number, r.bytes).ptr);
  text += R"(,"duration_ms":)";
  append_json_number(text, r.duration_ms);
  text += "}\n";
  hand_over(text);
}

void Logger::hand_over(std::string_view text) {
  std::unique_lock lock(mutex_);
  if (writer_.joinable()) {
    const bool was_idle = waiting_.empty();
    waiting_ += text;
    lock.unlock();
    if (was_idle) waiting_cv_.notify_one();
    return;
  }
  out_.write(text.data(), std::streamsize(text.size()));
  out_.flush();
}

bool unloggable_segment(std::string_view segment) {
  const auto secret_like = [](std::string_view text) {
    std::size_t run = 0;
    for (char c : text) {
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      run = hex ? run + 1 : 0;
      if (run >= 16) return true;
    }
    return false;
  };
  if (secret_like(segment) || privacy::find_henkilotunnus(segment)) return true;
  if (segment.find('%') == std::string_view::npos) return false;
  const std::string decoded = percent_decode(segment, false);
  return secret_like(decoded) || privacy::find_henkilotunnus(decoded).has_value();
}

std::string redacted_path(std::string_view target) {
  std::string_view path = target.substr(0, target.find_first_of("?#"));
  std::string out;
  out.reserve(path.size());
  while (true) {
    const auto slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    out += unloggable_segment(segment) ? std::string_view("…") : segment;
    if (slash == std::string_view::npos) return out;
    out += '/';
    path.remove_prefix(slash + 1);
  }
}

}  // namespace yhteisaika::http
