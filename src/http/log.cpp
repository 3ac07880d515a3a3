#include <yhteisaika/http/log.hpp>

#include <yhteisaika/http/json_text.hpp>
#include <yhteisaika/privacy/henkilotunnus.hpp>

#include "request_fields.hpp"

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

// "2026-11-25T12:30:00.123Z" (RFC 3339, UTC, milliseconds).
std::string utc_timestamp(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  auto ms = floor<milliseconds>(now);
  auto day = floor<days>(ms);
  year_month_day date{day};
  hh_mm_ss time{ms - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()), int(time.subseconds().count()));
  return text;
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

std::string loggable_path(std::string_view target, std::span<const std::string> secret_prefixes) {
  std::string_view path = target.substr(0, target.find_first_of("?#"));
  for (const auto& prefix : secret_prefixes) {
    if (path.starts_with(prefix)) return prefix + "…";
  }
  return std::string(path);
}

}  // namespace yhteisaika::http
