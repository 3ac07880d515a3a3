#pragma once
// Expected failures are values: every parser, validator and lookup returns
// Result<T>, whose error says what is wrong and where, in words a user can act on.

#include <boost/system/result.hpp>

#include <ostream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace yhteisaika {

struct Error {
  std::error_code code;  // a module's errc (calendar::Errc, solve::Errc, ...)
  std::string message;   // user-facing; never a client's name or identity code
  std::string where;     // "people/laakari.ics:12", "field duration_minutes", or empty
  std::string internal{};  // text for the log only (e.g. SQLite's message); never sent to a client
  // The calendars an error is about when it is about whole calendars (those that
  // cannot be read), by source name. Not a place: a list of names.
  std::vector<std::string> calendars{};

  // "where: message", or just the message when there is no place to name; an
  // error about calendars and at no place names them instead ("a,b: message").
  std::string to_string() const {
    std::string prefix = where;
    if (prefix.empty()) {
      for (const std::string& name : calendars) prefix += (prefix.empty() ? "" : ",") + name;
    }
    return prefix.empty() ? message : prefix + ": " + message;
  }
};

// The exception thrown by Result<T>::value() on an error: a bug at the call site,
// since callers are expected to test the result first.
class ErrorException : public std::runtime_error {
 public:
  explicit ErrorException(Error error) : std::runtime_error(error.to_string()), error_(std::move(error)) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

[[noreturn]] inline void throw_exception_from_error(const Error& error, const boost::source_location&) {
  throw ErrorException(error);
}

inline std::ostream& operator<<(std::ostream& os, const Error& error) { return os << error.to_string(); }

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace yhteisaika
