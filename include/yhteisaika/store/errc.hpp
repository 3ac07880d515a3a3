#pragma once
// The error codes of store/, as std::error_code (like Beast's http::error).

#include <system_error>

namespace yhteisaika::store {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  not_found = 1,     // no meeting, case, participant, room, professional or token with that key (or no database file)
  slot_taken,        // an attendee already has a scheduled meeting overlapping the slot
  invalid_argument,  // an empty interval, no attendees, an unknown professional, ...
  not_scheduled,     // the meeting is cancelled and cannot be cancelled or moved again
  schema_too_new,    // the database was written by a newer Yhteisaika
  database,          // SQLite failed (I/O, lock timeout, corruption); the message says how
  already_exists,    // a professional or room with that id, or a case with that reference, exists already
  busy,              // another connection (e.g. another process) held the write lock for the whole busy timeout
  conflict,          // the record is not as the change expects: a case moved meanwhile, a room with meetings ahead
  not_held,          // the meeting is not held (or its hold ran out): nothing to confirm or release
  case_closed,       // the case is closed: it takes no new meetings or participants
};
const std::error_category& store_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

}  // namespace yhteisaika::store

template <>
struct std::is_error_code_enum<yhteisaika::store::Errc> : std::true_type {};
