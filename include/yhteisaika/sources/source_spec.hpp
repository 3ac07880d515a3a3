#pragma once
// What a professional's `calendar_source` names, and the URLs of remote sources.
//
//   calendar_source                      kind      read as
//   laakari-korhonen, file:laakari-...   file      CALENDARS/<name>.ics or CALENDARS/<name>/*.ics
//   laakari-korhonen.ics                 file      the same (the suffix is the file's, not the name's)
//   https://host/path.ics, http://...    ics_url   GET, conditional (ETag / Last-Modified)
//   webcal://host/path.ics               ics_url   the same as https:// (webcal is not a protocol)
//   caldav+https://host/collection/      caldav    REPORT calendar-query (RFC 4791 §7.8), Depth: 1
//   caldav+http://host/collection/       caldav
//
// A URL never carries credentials ("user:pw@host" is refused): they come from the
// source_credentials file or the environment (credentials.hpp), so that they are
// neither stored in the database nor shown to anyone.
//
// Thread safety: pure functions over values.

#include <yhteisaika/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace yhteisaika::sources {

// An absolute http(s) URL, split for the HTTP client. `target` is the path and
// query as sent on the request line ("/" at least); a fragment is dropped.
struct Url {
  bool tls = false;
  std::string host;  // lower case; an IPv6 literal without brackets
  std::uint16_t port = 0;
  std::string target = "/";

  // "https://host[:port]/path?query" (the port only when not the default).
  std::string text() const;
  // "https://host[:port]/…": for errors, logs and status rows. The path of a
  // "secret iCal address" is a password, so it is never shown.
  std::string redacted() const;
  // "host" or "host:port" for the Host header.
  std::string host_header() const;
  bool operator==(const Url&) const = default;
};

// An absolute "http://" or "https://" URL. Errc::bad_source says what is wrong.
Result<Url> parse_url(std::string_view text);

// The URL a redirect's Location points to, relative to `base` (RFC 9110 §10.2.2:
// absolute, scheme-relative "//host/...", absolute-path "/..." or relative path).
Result<Url> resolve_location(const Url& base, std::string_view location);

enum class SourceKind { file, ics_url, caldav };
std::string_view to_string(SourceKind kind);  // "file", "ics-url", "caldav"

struct SourceSpec {
  SourceKind kind = SourceKind::file;
  std::string file_name;  // kind file: the name in the calendars folder
  Url url;                // kind ics_url / caldav
};

// Reads a calendar_source value (see the table above). A value without "://"
// and without "file:" is a file name, as before remote sources existed; a file
// name has no folder in it (Errc::bad_source says what to write instead).
Result<SourceSpec> parse_source(std::string_view calendar_source);

}  // namespace yhteisaika::sources
