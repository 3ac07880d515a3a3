#include "curl_easy.hpp"

#include <cstring>
#include <mutex>

namespace yhteisaika::mailbox::detail {

namespace {

CURLcode init_curl_once() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

std::string seconds_text(std::chrono::seconds s) { return std::to_string(s.count()) + " s"; }

}  // namespace

Error mail_error(Errc code, std::string message, std::string_view secret) {
  if (!secret.empty()) {
    for (auto at = message.find(secret); at != std::string::npos; at = message.find(secret, at + 3)) {
      message.replace(at, secret.size(), "***");
    }
  }
  return Error{code, std::move(message), {}};
}

CurlEasy::CurlEasy(CURL* handle) : handle_(handle), error_buffer_(new char[CURL_ERROR_SIZE]) {
  error_buffer_[0] = '\0';
  set(CURLOPT_ERRORBUFFER, error_buffer_.get());
}

Result<CurlEasy> CurlEasy::make() {
  if (CURLcode code = init_curl_once(); code != CURLE_OK) {
    return Error{Errc::temporary, std::string("cannot initialise libcurl: ") + curl_easy_strerror(code), {}};
  }
  CURL* handle = curl_easy_init();
  if (handle == nullptr) return Error{Errc::temporary, "cannot create a libcurl handle (out of memory?)", {}};
  return CurlEasy(handle);
}

Result<void> CurlEasy::check_options() const {
  if (failed_ == CURLE_OK) return {};
  return Error{Errc::bad_config,
               "libcurl refused option " + std::to_string(static_cast<int>(failed_option_)) + ": " +
                   curl_easy_strerror(failed_) + " (is libcurl too old or built without it?)",
               {}};
}

void CurlEasy::set_connection_options(const ConnectionSettings& s) {
  set(CURLOPT_URL, s.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, s.protocols.c_str());
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::chrono::milliseconds(s.connect_timeout).count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(std::chrono::milliseconds(s.timeout).count()));
  // Verification is libcurl's default; said again so that no default can change it.
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  if (s.starttls) set(CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!s.ca_file.empty()) set(CURLOPT_CAINFO, s.ca_file.c_str());
  if (!s.username.empty()) {
    set(CURLOPT_USERNAME, s.username.c_str());
    set(CURLOPT_PASSWORD, s.password.c_str());
  }
}

std::string CurlEasy::detail(CURLcode code) const {
  if (error_buffer_[0] != '\0') return error_buffer_.get();
  return curl_easy_strerror(code);
}

long CurlEasy::response_code() const noexcept {
  long code = 0;
  if (curl_easy_getinfo(handle_.get(), CURLINFO_RESPONSE_CODE, &code) != CURLE_OK) return 0;
  return code;
}

long CurlEasy::os_errno() const noexcept {
  long value = 0;
  if (curl_easy_getinfo(handle_.get(), CURLINFO_OS_ERRNO, &value) != CURLE_OK) return 0;
  return value;
}

Error connection_error(const CurlEasy& easy, CURLcode code, const ConnectionSettings& s) {
  const std::string server = s.protocol_name + " server " + s.server;
  const std::string detail = easy.detail(code);
  auto error = [&](Errc errc, std::string message) { return mail_error(errc, std::move(message), s.password); };
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return error(Errc::temporary, "cannot find " + server + ": " + detail);
    case CURLE_COULDNT_CONNECT:
      // errno says it in the fewest words: "Connection refused", "No route to host".
      if (long os_errno = easy.os_errno(); os_errno != 0) {
        return error(Errc::temporary, "cannot connect to " + server + ": " + std::strerror(static_cast<int>(os_errno)));
      }
      return error(Errc::temporary, "cannot connect to " + server + ": " + detail);
    case CURLE_OPERATION_TIMEDOUT:
      return error(Errc::temporary, server + " did not answer in time (connect timeout " +
                                        seconds_text(s.connect_timeout) + ", timeout " + seconds_text(s.timeout) +
                                        "): " + detail);
    case CURLE_SSL_CONNECT_ERROR:
      return error(Errc::temporary, "TLS handshake with " + server + " failed: " + detail);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return error(Errc::bad_config, "the TLS certificate of " + server + " is not trusted: " + detail);
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CRL_BADFILE:
      return error(Errc::bad_config, "cannot use the CA file \"" + s.ca_file + "\" for " + server + ": " + detail);
    case CURLE_USE_SSL_FAILED:
      return error(Errc::bad_config, server + " does not offer STARTTLS, which the options require: " + detail);
    case CURLE_LOGIN_DENIED:
      return error(Errc::bad_config, server + " refused the login for user \"" + s.username + "\": " + detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_UNKNOWN_OPTION:
      return error(Errc::bad_config, "libcurl cannot reach " + server + " as configured: " + detail);
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return error(Errc::temporary, "the connection to " + server + " failed: " + detail);
    default:
      return error(Errc::temporary, "talking to " + server + " failed: " + detail);
  }
}

}  // namespace yhteisaika::mailbox::detail
