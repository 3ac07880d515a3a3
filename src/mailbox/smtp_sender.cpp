#include <yhteisaika/mailbox/smtp_sender.hpp>
#include <yhteisaika/ascii.hpp>

#include "curl_easy.hpp"
#include "server_url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace yhteisaika::mailbox {

namespace {

using detail::ConnectionSettings;
using detail::CurlEasy;
using detail::mail_error;

struct SlistCleanup {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistCleanup>;

// The message handed to libcurl's read callback piece by piece.
struct Upload {
  std::string_view rest;
};

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

// What the SMTP dialogue showed, gathered from libcurl's trace so that an error
// can say which step the server refused and quote its reply. Only the server's
// lines and the verb of our commands are kept: our lines may carry the
// credentials (AUTH PLAIN, and AUTH LOGIN's bare base64 lines).
struct Transcript {
  std::string last_verb;       // "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", or empty
  std::string last_recipient;  // the address of the last RCPT TO
  std::string reply;           // the last complete or partial reply, lines joined by ' '
  bool reply_complete = true;
  // Set by the first 4xx/5xx reply: libcurl then says QUIT, and "221 Bye" must not
  // replace the reply that explains the failure.
  bool failed = false;
};

constexpr std::array kKnownVerbs = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT"};

std::string_view trim_crlf(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

void note_server_line(Transcript& t, std::string_view line) {
  line = trim_crlf(line);
  if (line.empty() || t.failed) return;
  if (t.reply_complete) t.reply.clear();
  if (!t.reply.empty()) t.reply += ' ';
  // A multi-line reply repeats its code on each line ("250-...", "250 ..."); keep one.
  t.reply += t.reply.empty() ? line : (line.size() > 4 ? line.substr(4) : std::string_view{});
  if (t.reply.size() > 2000) t.reply.resize(2000);
  t.reply_complete = line.size() < 4 || line[3] != '-';
  t.failed = t.reply_complete && (t.reply.starts_with('4') || t.reply.starts_with('5'));
}

void note_client_line(Transcript& t, std::string_view line) {
  if (t.failed) return;
  line = trim_crlf(line);
  const std::string_view verb = line.substr(0, line.find(' '));
  auto known = std::find_if(kKnownVerbs.begin(), kKnownVerbs.end(), [&](const char* v) { return ascii_iequals(verb, v); });
  if (known == kKnownVerbs.end()) return;  // e.g. AUTH LOGIN's base64 user name and password
  t.last_verb = *known;
  if (t.last_verb == "RCPT") {
    const auto open = line.find('<');
    const auto close = line.find('>', open == std::string_view::npos ? 0 : open);
    t.last_recipient = open != std::string_view::npos && close != std::string_view::npos
                           ? std::string(line.substr(open + 1, close - open - 1))
                           : std::string();
  }
}

int trace(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* transcript = static_cast<Transcript*>(user);
  if (type == CURLINFO_HEADER_IN) note_server_line(*transcript, std::string_view(data, size));
  if (type == CURLINFO_HEADER_OUT) note_client_line(*transcript, std::string_view(data, size));
  return 0;
}

// An address curl would put into MAIL FROM:<...> or RCPT TO:<...> as it is.
bool is_safe_address(std::string_view address) {
  return address.find_first_of(std::string_view("\r\n\0<>", 5)) == std::string_view::npos;
}

// The Error for a 4xx or 5xx reply, worded by the step it answered.
Error reply_error(const Transcript& t, long code, const Envelope& envelope, const ConnectionSettings& s) {
  const std::string server = "SMTP server " + s.server;
  const std::string reply = t.reply.empty() ? std::to_string(code) : t.reply;
  const bool session_step = t.last_verb.empty() || t.last_verb == "EHLO" || t.last_verb == "HELO" ||
                            t.last_verb == "STARTTLS" || t.last_verb == "AUTH";
  // 530 authentication (or STARTTLS) required, 534 mechanism too weak, 535
  // credentials invalid, 538 encryption required (RFC 4954 §6, RFC 3207 §4): no
  // message gets through until the options change.
  const bool auth_code = code == 530 || code == 534 || code == 535 || code == 538;
  const Errc errc = code < 500 ? Errc::temporary : (session_step || auth_code ? Errc::bad_config : Errc::permanent);

  std::string step;
  if (t.last_verb.empty()) {
    step = "refused the connection";
  } else if (t.last_verb == "EHLO" || t.last_verb == "HELO") {
    step = "refused the greeting (" + t.last_verb + ")";
  } else if (t.last_verb == "STARTTLS") {
    step = "refused STARTTLS";
  } else if (t.last_verb == "AUTH") {
    step = "refused the login for user \"" + s.username + "\"";
  } else if (t.last_verb == "MAIL") {
    step = "refused the sender " + (envelope.from.empty() ? std::string("<>") : envelope.from);
  } else if (t.last_verb == "RCPT") {
    step = "refused the recipient " + t.last_recipient;
  } else {
    step = "refused the message";
  }
  return mail_error(errc, server + " " + step + ": " + reply, s.password);
}

ConnectionSettings settings_of(const SmtpOptions& o, const std::string& server) {
  return {o.url,     "smtp,smtps",      "SMTP",   server, o.starttls, o.username, o.password,
          o.ca_file, o.connect_timeout, o.timeout};
}

}  // namespace

Result<SmtpSender> SmtpSender::make(SmtpOptions options) {
  auto url = detail::parse_server_url(options.url, "smtp", "smtps", "SMTP");
  if (!url) return url.error();
  if (options.username.empty() && !options.password.empty()) {
    return Error{Errc::bad_config, "SMTP password given without a username", {}};
  }
  if (options.connect_timeout.count() <= 0 || options.timeout.count() <= 0) {
    return Error{Errc::bad_config, "SMTP timeouts must be positive", {}};
  }
  std::string server = url->server();
  return SmtpSender(std::move(options), std::move(server));
}

Result<void> SmtpSender::send(const Envelope& envelope, std::string_view message) const {
  if (envelope.to.empty()) return Error{Errc::permanent, "the message has no recipient", {}};
  if (!is_safe_address(envelope.from)) {
    return Error{Errc::permanent, "the sender address contains CR, LF, NUL, '<' or '>'", {}};
  }
  for (const auto& to : envelope.to) {
    if (to.empty() || !is_safe_address(to)) {
      return Error{Errc::permanent, "a recipient address is empty or contains CR, LF, NUL, '<' or '>'", {}};
    }
  }

  auto easy = CurlEasy::make();
  if (!easy) return easy.error();
  Slist recipients;
  for (const auto& to : envelope.to) {
    curl_slist* longer = curl_slist_append(recipients.get(), to.c_str());
    if (longer == nullptr) return Error{Errc::temporary, "out of memory listing the recipients", {}};
    if (!recipients) recipients.reset(longer);  // later appends keep the same head
  }
  const std::string from = envelope.from.empty() ? std::string("<>") : envelope.from;
  Upload upload{message};
  Transcript transcript;
  const ConnectionSettings settings = settings_of(options_, server_);

  easy->set_connection_options(settings);
  easy->set(CURLOPT_MAIL_FROM, from.c_str());
  easy->set(CURLOPT_MAIL_RCPT, recipients.get());
  easy->set(CURLOPT_UPLOAD, 1L);
  easy->set(CURLOPT_READFUNCTION, &read_message);
  easy->set(CURLOPT_READDATA, &upload);
  easy->set(CURLOPT_DEBUGFUNCTION, &trace);
  easy->set(CURLOPT_DEBUGDATA, &transcript);
  easy->set(CURLOPT_VERBOSE, 1L);  // feeds `trace`; libcurl prints nothing itself then
  if (auto set = easy->check_options(); !set) return set.error();

  const CURLcode code = curl_easy_perform(easy->get());
  if (code == CURLE_OK) return {};
  if (const long reply = easy->response_code(); reply >= 400) return reply_error(transcript, reply, envelope, settings);
  return detail::connection_error(*easy, code, settings);
}

}  // namespace yhteisaika::mailbox
