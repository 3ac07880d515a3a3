#pragma once
// Calendars in a folder of files: a participant's calendar is DIR/<id>.ics, or
// every *.ics in DIR/<id>/. (Start here for sources/: source_spec.hpp, which
// names every kind of source; remote ones are in remote_calendar.hpp.)

#include <yhteisaika/calendar/busy_intervals.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/interval.hpp>

#include <filesystem>
#include <system_error>
#include <vector>

namespace yhteisaika::sources {

// Add the HTTP mapping too (http/errors.cpp) when adding a code.
enum class Errc {
  no_such_folder = 1,   // the calendars folder does not exist or is not a folder
  unknown_participant,  // no DIR/<id>.ics and no DIR/<id>/
  unreadable_file,      // a calendar file could not be read from disk
  bad_calendar,         // a calendar file could not be parsed (calendar::Errc has the detail)
  // Remote sources (source_spec.hpp, http_fetch.hpp, caldav.hpp):
  bad_source,           // a calendar_source that is no file name and no usable URL
  fetch_failed,         // resolve, connect, TLS (certificate) or read failed or timed out
  http_status,          // the server answered with a status other than 2xx/304
  too_large,            // the response is larger than max_calendar_bytes
  too_many_redirects,   // more than 5 redirects
  redirect_loop,        // a redirect back to a URL already visited
  bad_multistatus,      // a CalDAV REPORT answer that is no readable DAV:multistatus
  // The busy index (calendar_index.hpp):
  calendar_unavailable,  // a professional's calendar has no good copy: never taken as free
};
const std::error_category& sources_category() noexcept;
std::error_code make_error_code(Errc e) noexcept;

struct CalendarFiles {
  ParticipantId id;
  std::vector<std::filesystem::path> files;  // sorted; a folder may hold none
};

struct ParticipantBusy {
  ParticipantId id;
  std::vector<time::Interval> busy;  // sorted and merged over all of the participant's files
};

// Every participant in `dir`, sorted by id.
Result<std::vector<CalendarFiles>> list_calendar_dir(const std::filesystem::path& dir);

// The named participants of `dir`, in the order given; an unknown id is an error naming it.
Result<std::vector<CalendarFiles>> find_calendars(const std::filesystem::path& dir,
                                                  const std::vector<ParticipantId>& ids);

// Reads and expands the calendars on `threads` threads (0 = one per core). The
// result is in the order of `calendars`. Any calendar that cannot be read or
// parsed fails the whole call with an error naming the participant and the file
// (and line): an unreadable calendar never counts as free.
Result<std::vector<ParticipantBusy>> read_busy(const std::vector<CalendarFiles>& calendars,
                                               const calendar::ExpandOptions& options, unsigned threads = 0);

}  // namespace yhteisaika::sources

template <>
struct std::is_error_code_enum<yhteisaika::sources::Errc> : std::true_type {};
