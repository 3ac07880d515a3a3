#pragma once
// A small HTTP/1.1 client for calendars (Boost.Beast, TLS through OpenSSL): one
// request, following at most 5 redirects, with connect and read timeouts, a
// response size limit and conditional GET (RFC 9110 §13.1: If-None-Match,
// If-Modified-Since). TLS verifies the peer against the system CA store (or
// `ca_file`), sends SNI and checks the host name (RFC 6125).
//
// Credentials are sent as Basic authorization (RFC 7617) on the first host only:
// a redirect to another host drops them. They never appear in an Error.
//
// Thread safety: fetch() is const and may run on many threads at once; each
// call runs its own io_context on the calling thread (blocking).

#include <yhteisaika/error.hpp>
#include <yhteisaika/sources/source_spec.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace yhteisaika::sources {

struct FetchOptions {
  std::chrono::seconds connect_timeout{10};  // resolve + TCP connect + TLS handshake
  std::chrono::seconds read_timeout{30};     // sending the request and reading the whole answer
  std::size_t max_bytes = 16 << 20;          // largest accepted response body (Errc::too_large)
  int max_redirects = 5;
  std::string ca_file;                       // PEM bundle; empty = the system CA store
};

// Validators of the copy we hold (RFC 9110 §8.8), sent back for a conditional GET.
struct Validators {
  std::string etag;           // as received, e.g. "\"abc\"" or W/"abc"
  std::string last_modified;  // as received (an HTTP-date)
  bool operator==(const Validators&) const = default;
};

struct FetchRequest {
  Url url;
  std::string method = "GET";  // or "REPORT" (CalDAV)
  std::string body;            // for REPORT
  std::string content_type;    // for REPORT
  std::string depth;           // the Depth header (RFC 4918 §10.2) when not empty
  Validators validators;       // empty = unconditional
  std::string basic_credentials;  // "user:password" or empty
};

struct FetchResponse {
  int status = 0;             // 200..299 or 304
  bool not_modified = false;  // 304: the copy we hold is current
  std::string body;
  Validators validators;      // of this answer (for 304: the ones we sent, updated if sent again)
  Url final_url;              // after redirects
};

// The redirect rule, pure: at most `max` hops, never to a URL already visited.
class RedirectChain {
 public:
  RedirectChain(Url first, int max);
  // The next URL, or Errc::redirect_loop / too_many_redirects / bad_source.
  Result<Url> follow(std::string_view location);
  const Url& current() const { return current_; }
  int hops() const { return hops_; }

 private:
  Url current_;
  int max_;
  int hops_ = 0;
  std::set<std::string> visited_;
};

// The size rule, pure: a declared Content-Length over the limit is refused before
// the body is read (the parser's body limit refuses an undeclared one).
Result<void> check_content_length(std::optional<std::uint64_t> content_length, std::size_t max_bytes,
                                  const Url& url);

// Where the HTTP answers of remote calendars come from: HttpFetcher over the
// network, or a fake in tests (the one seam of remote reading).
//
// Thread safety: fetch() may run on many threads at once.
class CalendarFetcher {
 public:
  virtual ~CalendarFetcher() = default;
  // Errors (all sources::Errc): fetch_failed (network, TLS, timeout), http_status
  // (4xx/5xx, or 3xx without Location), too_large, too_many_redirects,
  // redirect_loop. `where` is the redacted URL, as a place.
  virtual Result<FetchResponse> fetch(const FetchRequest& request) const = 0;
};

class HttpFetcher final : public CalendarFetcher {
 public:
  // Errc::fetch_failed when the CA file cannot be loaded.
  static Result<std::shared_ptr<const HttpFetcher>> make(FetchOptions options);
  ~HttpFetcher() override;
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  // One request, blocking the calling thread for at most connect_timeout +
  // read_timeout (see CalendarFetcher::fetch for the errors).
  Result<FetchResponse> fetch(const FetchRequest& request) const override;
  const FetchOptions& options() const { return options_; }

 private:
  struct Impl;
  explicit HttpFetcher(FetchOptions options);
  FetchOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yhteisaika::sources
