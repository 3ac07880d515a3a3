#include <yhteisaika/mailbox/imap_reader.hpp>

#include "mail_server_process.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace yhteisaika::mailbox;
using namespace yhteisaika::mailbox::testing;

namespace {

const std::string kUser = "kutsut";
const std::string kPassword = "salasana-7Qx!";

// Three replies to invitations. The second has lines that look like IMAP
// responses ("* ...", a tagged OK, a lone ")") and a line starting with a dot,
// which only a reader that honours the literal's length returns intact.
const std::vector<std::string> kMessages = {
    "From: laakari@example.fi\r\nTo: kutsut@example.fi\r\nSubject: Re: Palaveri\r\n\r\nSopii.\r\n",
    "From: hoitaja@example.fi\r\nTo: kutsut@example.fi\r\nSubject: Re: Palaveri\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Käy minulle.\r\n* 1 FETCH (UID 9 BODY[] {3}\r\nabc\r\n)\r\ny2 OK fake\r\ny3 NO fake\r\n.\r\n..\r\n",
    "From: sosiaalityontekija@example.fi\r\nTo: kutsut@example.fi\r\nSubject: Re: Palaveri\r\n\r\nEn paase.\r\n",
};

ImapOptions options_for(int port, std::string mailbox = "INBOX") {
  ImapOptions options;
  options.url = "imap://127.0.0.1:" + std::to_string(port) + "/" + mailbox;
  options.username = kUser;
  options.password = kPassword;
  options.connect_timeout = std::chrono::seconds(5);
  options.timeout = std::chrono::seconds(20);
  return options;
}

ImapReader reader_for(ImapOptions options) {
  auto reader = ImapReader::make(std::move(options));
  REQUIRE(reader.has_value());
  return std::move(*reader);
}

// Dovecot with kMessages in INBOX, or in `folder` (UIDs 1, 2, 3).
struct Mailbox {
  TempDir dir;
  std::unique_ptr<MailServer> server;

  explicit Mailbox(bool tls = false, const std::string& folder = "INBOX") {
    std::vector<std::string> args{"--user", kUser, "--password", kPassword, "--folder", folder};
    if (tls) args.push_back("--tls");
    for (std::size_t i = 0; i < kMessages.size(); ++i) {
      const fs::path file = dir.path() / ("message" + std::to_string(i + 1) + ".eml");
      write_file(file, kMessages[i]);
      args.insert(args.end(), {"--append", file.string()});
    }
    server = std::make_unique<MailServer>("imap", dir.path(), args);
  }

  // The flags of every message as Python's imaplib sees them, independent of ImapReader.
  std::map<std::uint32_t, std::set<std::string>> flags() const {
    const std::string text = run_mail_servers(
        {"imap-flags", "--port", std::to_string(server->port()), "--user", kUser, "--password", kPassword},
        dir.path());
    std::map<std::uint32_t, std::set<std::string>> result;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::uint32_t uid = 0;
      words >> uid;
      auto& set = result[uid];
      for (std::string flag; words >> flag;) set.insert(flag);
    }
    return result;
  }
};

}  // namespace

TEST_CASE("IMAP unseen lists the new messages and fetch returns their bytes without marking them seen until mark_seen",
          "[mailbox][imap]") {
  Mailbox mailbox;
  const ImapReader reader = reader_for(options_for(mailbox.server->port()));
  CHECK(reader.server() == "127.0.0.1:" + std::to_string(mailbox.server->port()));
  CHECK(reader.mailbox() == "INBOX");

  auto unseen = reader.unseen();
  REQUIRE(unseen.has_value());
  CHECK(*unseen == std::vector<std::uint32_t>{1, 2, 3});

  for (std::uint32_t uid : {2u, 1u, 3u}) {
    auto message = reader.fetch(uid);
    REQUIRE(message.has_value());
    CHECK(message->uid == uid);
    CHECK(message->raw == kMessages[uid - 1]);
  }
  CHECK(mailbox.flags() == std::map<std::uint32_t, std::set<std::string>>{{1, {}}, {2, {}}, {3, {}}});
  CHECK(reader.unseen().value() == std::vector<std::uint32_t>{1, 2, 3});

  REQUIRE(reader.mark_seen(2).has_value());
  REQUIRE(reader.mark_seen(2).has_value());  // idempotent
  CHECK(reader.unseen().value() == std::vector<std::uint32_t>{1, 3});
  CHECK(mailbox.flags() == std::map<std::uint32_t, std::set<std::string>>{{1, {}}, {2, {"\\Seen"}}, {3, {}}});

  // A seen message can still be fetched, and stays seen.
  CHECK(reader.fetch(2).value().raw == kMessages[1]);
  CHECK(mailbox.flags().at(2) == std::set<std::string>{"\\Seen"});
}

TEST_CASE("IMAP fetch of a UID that does not exist is permanent", "[mailbox][imap]") {
  Mailbox mailbox;
  const ImapReader reader = reader_for(options_for(mailbox.server->port()));
  auto missing = reader.fetch(99);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == Errc::permanent);
  CHECK(missing.error().message == "IMAP server 127.0.0.1:" + std::to_string(mailbox.server->port()) +
                                       " has no message with UID 99 in \"INBOX\"");
  CHECK(reader.fetch(0).error().code == Errc::permanent);
  CHECK(reader.mark_seen(99).has_value());
  CHECK(reader.unseen().value() == std::vector<std::uint32_t>{1, 2, 3});
}

TEST_CASE("IMAP wrong password and missing mailbox are bad_config and never show the password", "[mailbox][imap]") {
  Mailbox mailbox;
  ImapOptions wrong = options_for(mailbox.server->port());
  wrong.password = "väärä-" + kPassword;
  auto refused = reader_for(wrong).unseen();
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::bad_config);
  CHECK_THAT(refused.error().message, Catch::StartsWith("IMAP server 127.0.0.1:" +
                                                        std::to_string(mailbox.server->port()) +
                                                        " refused the login for user \"kutsut\""));
  CHECK_THAT(refused.error().to_string(), !Catch::Contains(kPassword));

  auto no_such = reader_for(options_for(mailbox.server->port(), "Arkisto")).unseen();
  REQUIRE_FALSE(no_such.has_value());
  CHECK(no_such.error().code == Errc::bad_config);
  CHECK_THAT(no_such.error().message, Catch::Contains("open the mailbox \"Arkisto\""));
  CHECK_THAT(no_such.error().message, Catch::Contains("NO Mailbox doesn't exist"));
  CHECK_THAT(no_such.error().to_string(), !Catch::Contains(kPassword));
}

TEST_CASE("IMAP down is temporary and names host:port", "[mailbox][imap]") {
  const int port = unused_port();
  const ImapReader reader = reader_for(options_for(port));
  for (auto error : {reader.unseen().error(), reader.fetch(1).error(), reader.mark_seen(1).error()}) {
    CHECK(error.code == Errc::temporary);
    CHECK(error.message == "cannot connect to IMAP server 127.0.0.1:" + std::to_string(port) + ": Connection refused");
  }
}

TEST_CASE("IMAP STARTTLS required but not offered is bad_config", "[mailbox][imap]") {
  Mailbox mailbox;
  ImapOptions options = options_for(mailbox.server->port());
  options.starttls = true;
  auto unseen = reader_for(options).unseen();
  REQUIRE_FALSE(unseen.has_value());
  CHECK(unseen.error().code == Errc::bad_config);
  CHECK_THAT(unseen.error().message, Catch::Contains("STARTTLS"));
}

TEST_CASE("IMAP over STARTTLS reads when the CA is trusted and is bad_config when it is not", "[mailbox][imap]") {
  Mailbox mailbox(true);
  ImapOptions options = options_for(mailbox.server->port());
  options.starttls = true;
  auto untrusted = reader_for(options).unseen();
  REQUIRE_FALSE(untrusted.has_value());
  CHECK(untrusted.error().code == Errc::bad_config);
  CHECK_THAT(untrusted.error().message, Catch::Contains("certificate of IMAP server 127.0.0.1:"));

  options.ca_file = (mailbox.dir.path() / "imap" / "tls" / "cert.pem").string();
  const ImapReader reader = reader_for(options);
  CHECK(reader.unseen().value() == std::vector<std::uint32_t>{1, 2, 3});
  for (std::uint32_t uid : {1u, 2u, 3u}) CHECK(reader.fetch(uid).value().raw == kMessages[uid - 1]);
  REQUIRE(reader.mark_seen(1).has_value());
  CHECK(reader.unseen().value() == std::vector<std::uint32_t>{2, 3});
}

TEST_CASE("IMAP message larger than max_message_bytes is permanent", "[mailbox][imap]") {
  Mailbox mailbox;
  ImapOptions options = options_for(mailbox.server->port());
  options.max_message_bytes = kMessages[0].size() - 1;
  auto large = reader_for(options).fetch(1);
  REQUIRE_FALSE(large.has_value());
  CHECK(large.error().code == Errc::permanent);
  options.max_message_bytes = kMessages[0].size();
  CHECK(reader_for(options).fetch(1).value().raw == kMessages[0]);
}

TEST_CASE("IMAP server that never answers is temporary after the timeout", "[mailbox][imap]") {
  SilentListener silent;
  ImapOptions options = options_for(silent.port());
  options.timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  auto unseen = reader_for(options).unseen();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE_FALSE(unseen.has_value());
  CHECK(unseen.error().code == Errc::temporary);
  CHECK_THAT(unseen.error().message,
             Catch::StartsWith("IMAP server 127.0.0.1:" + std::to_string(silent.port()) + " did not answer in time"));
}

TEST_CASE("IMAP options are checked before connecting", "[mailbox][imap]") {
  auto bad = [](ImapOptions options) {
    auto reader = ImapReader::make(std::move(options));
    REQUIRE_FALSE(reader.has_value());
    CHECK(reader.error().code == Errc::bad_config);
    return reader.error().message;
  };
  auto with_url = [](std::string url) {
    ImapOptions options;
    options.url = std::move(url);
    options.username = kUser;
    options.password = kPassword;
    return options;
  };
  CHECK_THAT(bad(with_url("smtp://127.0.0.1")), Catch::Contains("imap://"));
  CHECK_THAT(bad(with_url("imap://127.0.0.1/INBOX;UID=5")), Catch::Contains("only the mailbox"));
  CHECK_THAT(bad(with_url("imap://127.0.0.1/Saapuneet%FF")), Catch::Contains("not UTF-8"));
  CHECK_THAT(bad(with_url("imap://127.0.0.1/INBOX?UNSEEN")), Catch::Contains("query"));
  const std::string with_password = bad(with_url("imap://kutsut:" + kPassword + "@127.0.0.1/INBOX"));
  CHECK_THAT(with_password, !Catch::Contains(kPassword));
  ImapOptions anonymous = with_url("imap://127.0.0.1");
  anonymous.username.clear();
  CHECK_THAT(bad(anonymous), Catch::Contains("username"));

  auto inbox = ImapReader::make(with_url("imaps://mail.example.fi"));
  REQUIRE(inbox.has_value());
  CHECK(inbox->server() == "mail.example.fi:993");
  CHECK(inbox->mailbox() == "INBOX");
  auto decoded = ImapReader::make(with_url("imap://mail.example.fi/Kutsut%20sis%C3%A4%C3%A4n"));
  REQUIRE(decoded.has_value());
  CHECK(decoded->mailbox() == "Kutsut sisään");
  auto spaced = ImapReader::make(with_url("imap://mail.example.fi/Palaverien%20vastaukset"));
  REQUIRE(spaced.has_value());
  CHECK(spaced->mailbox() == "Palaverien vastaukset");
  CHECK(spaced->server() == "mail.example.fi:143");
}

TEST_CASE("IMAP reads a mailbox whose name is not ASCII", "[mailbox][imap]") {
  // The fixture creates the folder with its own modified UTF-7 (Python's codecs).
  Mailbox mailbox(false, "Käsitellyt vastaukset 日本");
  const ImapReader reader =
      reader_for(options_for(mailbox.server->port(), "K%C3%A4sitellyt%20vastaukset%20%E6%97%A5%E6%9C%AC"));
  CHECK(reader.mailbox() == "Käsitellyt vastaukset 日本");
  auto unseen = reader.unseen();
  REQUIRE(unseen.has_value());
  CHECK(*unseen == std::vector<std::uint32_t>{1, 2, 3});
  auto second = reader.fetch(2);
  REQUIRE(second.has_value());
  CHECK(second->raw == kMessages[1]);
}
