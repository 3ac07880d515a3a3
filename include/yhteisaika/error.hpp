#pragma once
// Expected failures are values: every parser, validator and lookup returns
// Result<T>, whose error says what is wrong and where, in words a user can act on.

#include <boost/system/result.hpp>

#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace yhteisaika {

// Where an error is, as far as it is known, in three parts that may each be
// absent: the place (a file, a database, a URL, an address, where a setting came
// from, a part of a message), a line of it, and a field (of a request, of a JSON
// document or of the configuration). Code that needs the field or the line reads
// them here; to_string() is for people.
struct Location {
  std::string place;  // "people/laakari.ics", "/var/lib/yhteisaika/y.db", "flag --day_start"; empty: none
  int line = 0;       // 1-based line of the place (or of the text read); 0: none
  std::string field;  // "duration_minutes", "meetings[2].attendees[0]"; empty: none

  // Not an aggregate, so that Error{code, message, "text"} does not compile:
  // a location is said to be a place or a field, never a bare string.
  Location() = default;
  Location(std::string in, int at_line, std::string at_field)
      : place(std::move(in)), line(at_line), field(std::move(at_field)) {}

  // In `place`, at `line` when it is not 0.
  static Location in(std::string place_name, int line_no = 0) { return {std::move(place_name), line_no, {}}; }
  // At the field named `name`.
  static Location at_field(std::string name) { return {{}, 0, std::move(name)}; }

  // The same location with its field inside `parent`: "attendees[0]" under
  // "meetings[2]" is "meetings[2].attendees[0]"; no field is `parent` itself.
  Location under(std::string_view parent) const {
    Location out = *this;
    if (!parent.empty()) out.field = std::string(parent) + (field.empty() ? "" : "." + field);
    return out;
  }

  bool empty() const { return place.empty() && line == 0 && field.empty(); }

  // "place:line", "line 7" (a line of a text without a name), and then the
  // field after ": ": "people/laakari.ics:12", "team.json: [4].email",
  // "duration_minutes"; empty when there is none.
  std::string to_string() const {
    std::string out = place;
    if (line != 0) out += (place.empty() ? "line " : ":") + std::to_string(line);
    if (!field.empty()) out += (out.empty() ? "" : ": ") + field;
    return out;
  }

  friend bool operator==(const Location&, const Location&) = default;
};

struct Error {
  std::error_code code;  // a module's errc (calendar::Errc, solve::Errc, ...)
  std::string message;   // user-facing; never a client's name or identity code
  Location where{};      // where the error is, when it is anywhere in particular
  std::string internal{};  // text for the log only (e.g. SQLite's message); never sent to a client
  // The calendars an error is about when it is about whole calendars (those that
  // cannot be read), by source name. Not a place: a list of names.
  std::vector<std::string> calendars{};

  // "where: message", or just the message when there is no place to name; an
  // error about calendars and at no place names them instead ("a,b: message").
  std::string to_string() const {
    std::string prefix = where.to_string();
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

inline std::ostream& operator<<(std::ostream& os, const Location& where) { return os << where.to_string(); }
inline std::ostream& operator<<(std::ostream& os, const Error& error) { return os << error.to_string(); }

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace yhteisaika
