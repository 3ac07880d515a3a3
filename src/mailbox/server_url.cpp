#include "server_url.hpp"

#include <yhteisaika/mailbox/errc.hpp>

#include <curl/curl.h>

#include <memory>
#include <optional>

namespace yhteisaika::mailbox::detail {

namespace {

struct UrlCleanup {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
struct StringCleanup {
  void operator()(char* text) const noexcept { curl_free(text); }
};

// One part of a parsed URL, or nullopt when the URL has no such part.
std::optional<std::string> url_part(CURLU* url, CURLUPart part, unsigned flags) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, flags) != CURLUE_OK || text == nullptr) return std::nullopt;
  std::unique_ptr<char, StringCleanup> owned(text);
  return std::string(text);
}

}  // namespace

Result<ServerUrl> parse_server_url(const std::string& url, std::string_view plain_scheme, std::string_view tls_scheme,
                                   std::string_view protocol) {
  const std::string what = std::string(protocol) + " URL";
  const std::string form = "\"" + std::string(plain_scheme) + "://host:port\" or \"" + std::string(tls_scheme) +
                           "://host:port\"";
  auto bad = [&](std::string message) { return Error{Errc::bad_config, std::move(message), {}}; };
  if (url.empty()) return bad(what + " is empty; expected " + form);

  std::unique_ptr<CURLU, UrlCleanup> parsed(curl_url());
  if (!parsed) return Error{Errc::temporary, "cannot parse the " + what + " (out of memory?)", {}};
  if (CURLUcode code = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0); code != CURLUE_OK) {
    return bad(what + " is not a valid URL (" + curl_url_strerror(code) + "); expected " + form);
  }
  ServerUrl result;
  result.scheme = url_part(parsed.get(), CURLUPART_SCHEME, 0).value_or("");
  if (result.scheme != plain_scheme && result.scheme != tls_scheme) {
    return bad(what + " has the scheme \"" + result.scheme + "\"; expected " + form);
  }
  if (url_part(parsed.get(), CURLUPART_USER, 0) || url_part(parsed.get(), CURLUPART_PASSWORD, 0) ||
      url_part(parsed.get(), CURLUPART_OPTIONS, 0)) {
    return bad(what + " carries a user name or password; give them in the options, not in the URL");
  }
  if (url_part(parsed.get(), CURLUPART_QUERY, 0) || url_part(parsed.get(), CURLUPART_FRAGMENT, 0)) {
    return bad(what + " has a query or fragment; expected " + form);
  }
  result.host = url_part(parsed.get(), CURLUPART_HOST, 0).value_or("");
  if (result.host.empty()) return bad(what + " has no host; expected " + form);
  result.port = url_part(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT).value_or("");
  std::string path = url_part(parsed.get(), CURLUPART_PATH, CURLU_URLDECODE).value_or("/");
  result.path = path.starts_with('/') ? path.substr(1) : path;
  return result;
}

}  // namespace yhteisaika::mailbox::detail
