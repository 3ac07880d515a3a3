#pragma once
// libcurl at the edge of mailbox/: one easy handle with RAII, every setopt
// checked, the options SMTP and IMAP share, and the mapping of libcurl's
// connection failures to mailbox::Errc. Private to mailbox/.

#include <yhteisaika/error.hpp>
#include <yhteisaika/mailbox/errc.hpp>

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace yhteisaika::mailbox::detail {

// An Error of mailbox/ whose message never contains `secret` (a password that a
// server or libcurl might echo is replaced with "***").
Error mail_error(Errc code, std::string message, std::string_view secret);

// What set_connection_options and connection_error need to know of SmtpOptions
// or ImapOptions.
struct ConnectionSettings {
  std::string url;            // what libcurl connects to
  std::string protocols;      // CURLOPT_PROTOCOLS_STR: "smtp,smtps" or "imap,imaps"
  std::string protocol_name;  // "SMTP" or "IMAP", for messages
  std::string server;         // "host:port", for messages
  bool starttls = false;
  std::string username;
  std::string password;  // SECRET
  std::string ca_file;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};
};

class CurlEasy {
 public:
  // Initialises libcurl's global state once per process (curl_global_init is not
  // thread-safe, so under std::call_once), then a fresh handle. Errc::temporary
  // when libcurl cannot allocate it.
  static Result<CurlEasy> make();

  CURL* get() const noexcept { return handle_.get(); }

  // curl_easy_setopt, keeping the first option libcurl refuses for check_options,
  // so that a run of settings reads as a list.
  template <class T>
  void set(CURLoption option, T value) noexcept {
    if (failed_ != CURLE_OK) return;
    if (CURLcode code = curl_easy_setopt(handle_.get(), option, value); code != CURLE_OK) {
      failed_ = code;
      failed_option_ = option;
    }
  }

  // Errc::bad_config naming the first option libcurl refused (an option this
  // libcurl lacks, or a value it rejects), else success.
  Result<void> check_options() const;

  // The URL, timeouts, protocols, TLS and credentials of `settings`, plus
  // CURLOPT_NOSIGNAL (libcurl must not touch signals in a threaded service).
  void set_connection_options(const ConnectionSettings& settings);

  // libcurl's words for a failure: its error buffer, else curl_easy_strerror.
  std::string detail(CURLcode code) const;
  long response_code() const noexcept;  // the last reply code of the server, 0 if none
  long os_errno() const noexcept;       // errno of a failed connect, 0 if none

 private:
  struct Cleanup {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
  };
  CurlEasy(CURL* handle);

  std::unique_ptr<CURL, Cleanup> handle_;
  std::unique_ptr<char[]> error_buffer_;  // on the heap: its address stays put when the handle moves
  CURLcode failed_ = CURLE_OK;
  CURLoption failed_option_ = CURLOPT_URL;
};

// The Error for a failure that is not a server's reply: cannot connect, TLS,
// certificate, timeout, connection lost, login refused, STARTTLS missing.
Error connection_error(const CurlEasy& easy, CURLcode code, const ConnectionSettings& settings);

}  // namespace yhteisaika::mailbox::detail
