#include "imap_session.hpp"

#include <yhteisaika/ascii.hpp>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace yhteisaika::mailbox::detail {

namespace {

// No response line of ours comes near this (a SEARCH of 100 000 UIDs is 700 kB);
// a longer one is a broken or hostile server.
constexpr std::size_t kMaxLineBytes = 4u << 20;

bool starts_with_word(std::string_view text, std::string_view word) {
  return ascii_istarts_with(text, word) && (text.size() == word.size() || text[word.size()] == ' ');
}

// The n of a line ending in a literal's "{n}" (RFC 3501 §4.3), or -1 when it does not.
long long literal_size(std::string_view line) {
  if (line.empty() || line.back() != '}') return -1;
  const auto open = line.rfind('{');
  if (open == std::string_view::npos) return -1;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);  // LITERAL+ (RFC 7888)
  unsigned long long n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return -1;
  return n > static_cast<unsigned long long>(1) << 62 ? (1LL << 62) : static_cast<long long>(n);
}

}  // namespace

Result<ImapSession> ImapSession::open(const ConnectionSettings& settings, std::size_t max_literal_bytes) {
  const auto deadline = std::chrono::steady_clock::now() + settings.timeout;
  auto easy = CurlEasy::make();
  if (!easy) return easy.error();
  easy->set_connection_options(settings);
  easy->set(CURLOPT_CONNECT_ONLY, 1L);  // connect, TLS and login only; the commands are ours
  if (auto set = easy->check_options(); !set) return set.error();
  if (const CURLcode code = curl_easy_perform(easy->get()); code != CURLE_OK) {
    return connection_error(*easy, code, settings);
  }
  return ImapSession(std::move(*easy), settings, max_literal_bytes, deadline);
}

Error ImapSession::failure(std::string what) const {
  return mail_error(Errc::temporary, "IMAP server " + settings_.server + " " + what, settings_.password);
}

Result<void> ImapSession::wait_for(short events) {
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(easy_.get(), CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK || socket == CURL_SOCKET_BAD) {
    return failure("closed the connection");
  }
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return failure("did not answer within the timeout of " + std::to_string(settings_.timeout.count()) + " s");
    }
    pollfd watched{socket, events, 0};
    const int ready = ::poll(&watched, 1, static_cast<int>(std::min<long long>(left.count(), 60'000)));
    if (ready > 0) return {};
    if (ready < 0 && errno != EINTR) return failure(std::string("connection failed: ") + std::strerror(errno));
  }
}

Result<void> ImapSession::send_all(std::string_view data) {
  while (!data.empty()) {
    size_t sent = 0;
    const CURLcode code = curl_easy_send(easy_.get(), data.data(), data.size(), &sent);
    if (code == CURLE_AGAIN) {
      if (auto ready = wait_for(POLLOUT); !ready) return ready.error();
      continue;
    }
    if (code != CURLE_OK) return failure("connection failed: " + easy_.detail(code));
    data.remove_prefix(sent);
  }
  return {};
}

Result<void> ImapSession::receive_more() {
  char chunk[16384];
  for (;;) {
    size_t received = 0;
    // TLS may hold decrypted bytes the socket no longer shows: ask libcurl first, poll after.
    const CURLcode code = curl_easy_recv(easy_.get(), chunk, sizeof chunk, &received);
    if (code == CURLE_AGAIN) {
      if (auto ready = wait_for(POLLIN); !ready) return ready.error();
      continue;
    }
    if (code != CURLE_OK) return failure("connection failed: " + easy_.detail(code));
    if (received == 0) return failure(bye_.empty() ? "closed the connection" : "closed the connection: " + bye_);
    buffer_.append(chunk, received);
    return {};
  }
}

Result<std::string> ImapSession::read_line() {
  std::size_t searched = 0;
  for (;;) {
    if (auto end = buffer_.find("\r\n", searched); end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      return line;
    }
    if (buffer_.size() > kMaxLineBytes) return failure("sent a response line longer than 4 MiB");
    searched = buffer_.empty() ? 0 : buffer_.size() - 1;
    if (auto more = receive_more(); !more) return more.error();
  }
}

Result<std::string> ImapSession::read_bytes(std::size_t count) {
  while (buffer_.size() < count) {
    if (auto more = receive_more(); !more) return more.error();
  }
  std::string bytes = buffer_.substr(0, count);
  buffer_.erase(0, count);
  return bytes;
}

Result<ImapReply> ImapSession::command(std::string_view command) {
  const std::string tag = "y" + std::to_string(next_tag_++);
  std::string line = tag;
  line.append(" ").append(command).append("\r\n");
  if (auto sent = send_all(line); !sent) return sent.error();

  ImapReply reply;
  for (;;) {
    auto first = read_line();
    if (!first) return first.error();
    if (first->starts_with(tag + " ")) {
      std::string_view rest = std::string_view(*first).substr(tag.size() + 1);
      const auto space = rest.find(' ');
      reply.status = ascii_upper(rest.substr(0, space));
      reply.text = space == std::string_view::npos ? std::string() : std::string(rest.substr(space + 1));
      return reply;
    }
    if (!first->starts_with("* ")) {
      // "+ " asks for a literal we never send; anything else is not IMAP.
      return failure("sent an unexpected line for " + tag + ": " + first->substr(0, 200));
    }
    ImapResponse response;
    response.parts.push_back(std::move(*first));
    for (long long size = literal_size(response.parts.back()); size >= 0; size = literal_size(response.parts.back())) {
      if (static_cast<unsigned long long>(size) > max_literal_bytes_) {
        return mail_error(Errc::permanent,
                          "IMAP server " + settings_.server + " sent " + std::to_string(size) +
                              " bytes, more than the limit of " + std::to_string(max_literal_bytes_),
                          settings_.password);
      }
      auto literal = read_bytes(static_cast<std::size_t>(size));
      if (!literal) return literal.error();
      response.literals.push_back(std::move(*literal));
      auto after = read_line();
      if (!after) return after.error();
      response.parts.push_back(std::move(*after));
    }
    if (starts_with_word(std::string_view(response.parts.front()).substr(2), "BYE")) {
      const std::string& bye = response.parts.front();
      bye_ = bye.substr(std::min<std::size_t>(bye.size(), 6), 200);
    }
    reply.untagged.push_back(std::move(response));
  }
}

void ImapSession::logout() noexcept {
  try {
    (void)command("LOGOUT");
  } catch (...) {
    // Best effort: the work is done, and closing the socket ends the session too.
  }
}

}  // namespace yhteisaika::mailbox::detail
