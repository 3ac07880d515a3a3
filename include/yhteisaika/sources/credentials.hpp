#pragma once
// Basic credentials (RFC 7617) of remote calendar sources, kept apart from the
// calendar_source URLs so that they are never stored in the database, shown by
// the API, written to the audit log or put in an error message.
//
// Two places, the later overriding the earlier key by key:
//   1. the file named by the config key source_credentials_file: lines
//      `KEY = USER:PASSWORD`; blank lines and lines starting with '#' are skipped;
//   2. environment variables YHTEISAIKA_SOURCE_CREDENTIALS_<KEY>=USER:PASSWORD.
// KEY is a professional's id (laakari-korhonen) or a host name, optionally with
// its port (cal.example.fi, cal.example.fi:8443). Keys are compared ignoring case,
// with '-', '_' and '.' the same, so that YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN
// names laakari-korhonen. A fetch uses the professional's entry, else the one
// of host:port, else the one of the host.
//
// Thread safety: const members may be called concurrently.

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/sources/source_spec.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace yhteisaika::sources {

class Credentials {
 public:
  // Parses the file format above; errors name "<file_name>:<line>" but never a password.
  static Result<Credentials> parse(std::string_view text, std::string_view file_name);

  void add(std::string_view key, std::string user_password);
  // "user:password" for `who` fetching `url`, or empty.
  std::string find(const ParticipantId& who, const Url& url) const;
  std::size_t size() const { return by_key_.size(); }

 private:
  static std::string normalise(std::string_view key);
  std::map<std::string, std::string> by_key_;
};

// The file (when `file` is not empty) and then `from_environment` (KEY -> USER:PASSWORD,
// the KEY part of each YHTEISAIKA_SOURCE_CREDENTIALS_<KEY> variable).
Result<Credentials> load_credentials(const std::string& file, const std::map<std::string, std::string>& from_environment);

}  // namespace yhteisaika::sources
