#include <yhteisaika/mailbox/imap_reader.hpp>

#include <yhteisaika/ascii.hpp>

#include "curl_easy.hpp"
#include "modified_utf7.hpp"
#include "imap_session.hpp"
#include "server_url.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace yhteisaika::mailbox {

namespace {

using detail::ConnectionSettings;
using detail::ImapReply;
using detail::ImapSession;
using detail::mail_error;

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> result;
  while (!text.empty()) {
    const auto start = text.find_first_not_of(" ()");
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    const auto end = std::min(text.find_first_of(" ()"), text.size());
    result.push_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return result;
}

std::optional<std::uint32_t> parse_uid(std::string_view text) {
  std::uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
  return value;
}

// A quoted string (RFC 3501 §4.3): only '\' and '"' need escaping; make() let no
// CR, LF, NUL or non-ASCII byte through (a mailbox name is modified UTF-7 by then).
std::string quoted(std::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') result += '\\';
    result += c;
  }
  return result + '"';
}

// The response code of a tagged NO's text (RFC 5530), "[NONEXISTENT] ..." -> "NONEXISTENT".
std::string response_code(std::string_view text) {
  if (!text.starts_with('[')) return {};
  const auto end = text.find_first_of(" ]");
  return end == std::string_view::npos ? std::string() : ascii_upper(text.substr(1, end - 1));
}

// The Error for a tagged NO or BAD. BAD means we sent something the server does not
// understand: retrying cannot help. NO is worded by the server's response code
// where it gave one (RFC 5530), else `no_default`.
Error refused(const ImapSession& session, const ImapReply& reply, const std::string& doing, Errc no_default) {
  static constexpr std::array kTemporary = {"UNAVAILABLE", "INUSE", "LIMIT", "SERVERBUG", "OVERQUOTA",
                                            "EXPUNGEISSUED", "CONTACTADMIN"};
  static constexpr std::array kConfig = {"NONEXISTENT", "NOPERM", "AUTHORIZATIONFAILED", "AUTHENTICATIONFAILED",
                                         "PRIVACYREQUIRED", "CANNOT"};
  Errc errc = no_default;
  if (reply.status == "BAD") {
    errc = Errc::permanent;
  } else if (const std::string code = response_code(reply.text); !code.empty()) {
    if (std::find(kTemporary.begin(), kTemporary.end(), code) != kTemporary.end()) errc = Errc::temporary;
    if (std::find(kConfig.begin(), kConfig.end(), code) != kConfig.end()) errc = Errc::bad_config;
  }
  const ConnectionSettings& s = session.settings();
  return mail_error(errc, "IMAP server " + s.server + " refused to " + doing + ": " + reply.status + " " + reply.text,
                    s.password);
}

ConnectionSettings settings_of(const ImapOptions& o, const std::string& server, const std::string& base_url) {
  return {base_url, "imap,imaps", "IMAP", server, o.starttls, o.username, o.password, o.ca_file,
          o.connect_timeout, o.timeout};
}

}  // namespace

Result<ImapReader> ImapReader::make(ImapOptions options) {
  auto url = detail::parse_server_url(options.url, "imap", "imaps", "IMAP");
  if (!url) return url.error();
  if (options.username.empty()) return Error{Errc::bad_config, "IMAP needs a username", {}};
  if (options.connect_timeout.count() <= 0 || options.timeout.count() <= 0) {
    return Error{Errc::bad_config, "IMAP timeouts must be positive", {}};
  }
  std::string mailbox = url->path.empty() ? std::string("INBOX") : url->path;
  if (mailbox.find(';') != std::string::npos) {
    return Error{Errc::bad_config, "IMAP URL names a message or section (\";\"); give only the mailbox", {}};
  }
  auto wire_mailbox = detail::to_modified_utf7(mailbox);
  if (!wire_mailbox) return wire_mailbox.error();
  std::string base_url = url->scheme + "://" + url->host + ":" + url->port + "/";
  std::string server = url->server();
  return ImapReader(std::move(options), std::move(server), std::move(base_url), std::move(mailbox),
                    std::move(*wire_mailbox));
}

namespace {

// A session with the reader's mailbox opened: EXAMINE (read-only, so that
// nothing we do can change a flag) or SELECT.
// `wire_name` is the mailbox as IMAP spells it (modified UTF-7), `mailbox` as people do.
Result<ImapSession> open_mailbox(const ConnectionSettings& settings, const ImapOptions& options,
                                 const std::string& wire_name, const std::string& mailbox, bool read_only) {
  auto session = ImapSession::open(settings, options.max_message_bytes);
  if (!session) return session.error();
  auto reply = session->command((read_only ? "EXAMINE " : "SELECT ") + quoted(wire_name));
  if (!reply) return reply.error();
  if (reply->status != "OK") {
    // Servers without RFC 5530 codes answer a missing mailbox with a bare NO.
    return refused(*session, *reply, "open the mailbox \"" + mailbox + "\"", Errc::bad_config);
  }
  if (!read_only && response_code(reply->text) == "READ-ONLY") {
    return mail_error(Errc::bad_config,
                      "IMAP server " + settings.server + " lets user \"" + settings.username +
                          "\" only read the mailbox \"" + mailbox + "\", so messages cannot be marked as seen",
                      settings.password);
  }
  return session;
}

}  // namespace

Result<std::vector<std::uint32_t>> ImapReader::unseen() const {
  const ConnectionSettings settings = settings_of(options_, server_, base_url_);
  auto session = open_mailbox(settings, options_, wire_mailbox_, mailbox_, true);
  if (!session) return session.error();
  auto reply = session->command("UID SEARCH UNSEEN");
  if (!reply) return reply.error();
  if (reply->status != "OK") return refused(*session, *reply, "search \"" + mailbox_ + "\"", Errc::temporary);
  session->logout();

  std::vector<std::uint32_t> uids;
  for (const auto& response : reply->untagged) {
    const auto w = words(response.parts.front());  // "*", "SEARCH", uid...
    if (w.size() < 2 || ascii_upper(w[1]) != "SEARCH") continue;
    for (std::size_t i = 2; i < w.size(); ++i) {
      if (auto uid = parse_uid(w[i])) uids.push_back(*uid);
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

Result<FetchedMessage> ImapReader::fetch(std::uint32_t uid) const {
  const ConnectionSettings settings = settings_of(options_, server_, base_url_);
  const std::string uid_text = std::to_string(uid);
  const std::string not_found =
      "IMAP server " + server_ + " has no message with UID " + uid_text + " in \"" + mailbox_ + "\"";
  if (uid == 0) return Error{Errc::permanent, not_found, {}};
  auto session = open_mailbox(settings, options_, wire_mailbox_, mailbox_, true);
  if (!session) return session.error();
  auto reply = session->command("UID FETCH " + uid_text + " BODY.PEEK[]");
  if (!reply) return reply.error();
  if (reply->status != "OK") {
    return refused(*session, *reply, "fetch UID " + uid_text + " from \"" + mailbox_ + "\"", Errc::temporary);
  }
  session->logout();

  // "* 7 FETCH (UID 42 BODY[] {1234}" <literal> ")"; the server may also send
  // unsolicited FETCH responses (flag changes) for other messages.
  for (auto& response : reply->untagged) {
    const auto head = words(response.parts.front());
    if (head.size() < 3 || ascii_upper(head[2]) != "FETCH") continue;
    bool ours = false;
    for (const auto& part : response.parts) {
      const auto w = words(part);
      for (std::size_t i = 0; i + 1 < w.size(); ++i) {
        if (ascii_upper(w[i]) == "UID" && w[i + 1] == uid_text) ours = true;
      }
    }
    if (!ours) continue;
    for (std::size_t i = 0; i < response.literals.size(); ++i) {
      std::string_view part = response.parts[i];
      part = part.substr(0, part.rfind('{'));
      while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
      if (ascii_upper(part).ends_with("BODY[]")) return FetchedMessage{uid, std::move(response.literals[i])};
    }
  }
  return Error{Errc::permanent, not_found, {}};
}

Result<void> ImapReader::mark_seen(std::uint32_t uid) const {
  const ConnectionSettings settings = settings_of(options_, server_, base_url_);
  if (uid == 0) return {};  // no message has UID 0, and marking a missing one is no error
  auto session = open_mailbox(settings, options_, wire_mailbox_, mailbox_, false);
  if (!session) return session.error();
  const std::string uid_text = std::to_string(uid);
  auto reply = session->command("UID STORE " + uid_text + " +FLAGS.SILENT (\\Seen)");
  if (!reply) return reply.error();
  if (reply->status != "OK") {
    return refused(*session, *reply, "mark UID " + uid_text + " in \"" + mailbox_ + "\" as seen", Errc::temporary);
  }
  session->logout();
  return {};
}

}  // namespace yhteisaika::mailbox
