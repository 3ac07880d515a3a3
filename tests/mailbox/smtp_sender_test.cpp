#include <yhteisaika/mailbox/smtp_sender.hpp>

#include "mail_server_process.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace yhteisaika::mailbox;
using namespace yhteisaika::mailbox::testing;

namespace {

const std::string kPassword = "salasana-7Qx!";

SmtpOptions options_for(int port) {
  SmtpOptions options;
  options.url = "smtp://127.0.0.1:" + std::to_string(port);
  options.connect_timeout = std::chrono::seconds(5);
  options.timeout = std::chrono::seconds(20);
  return options;
}

SmtpSender sender_for(SmtpOptions options) {
  auto sender = SmtpSender::make(std::move(options));
  REQUIRE(sender.has_value());
  return std::move(*sender);
}

// An invitation as the service renders it: CRLF, 8-bit UTF-8, and a line that
// starts with a dot (the SMTP transparency rule must not change the bytes).
const std::string kMessage =
    "From: Yhteisaika <kutsut@example.fi>\r\n"
    "To: Lääkäri <laakari@example.fi>, Hoitaja <hoitaja@example.fi>\r\n"
    "Subject: Verkostopalaveri ma 23.11. klo 9.00\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Hei, tervetuloa palaveriin.\r\n"
    ".piste rivin alussa\r\n"
    "..kaksi pistettä\r\n"
    ".\r\n"
    "Ystävällisin terveisin\r\n";

struct Received {
  std::string mail_from;
  std::vector<std::string> rcpt_tos;
  std::string raw;
};

std::vector<Received> received(const fs::path& sink_dir) {
  std::vector<Received> result;
  for (int n = 1; fs::exists(sink_dir / (std::to_string(1000000 + n).substr(1) + ".json")); ++n) {
    const std::string base = std::to_string(1000000 + n).substr(1);
    const auto envelope = boost::json::parse(read_file(sink_dir / (base + ".json"))).as_object();
    Received r;
    r.mail_from = std::string(envelope.at("mail_from").as_string());
    for (const auto& to : envelope.at("rcpt_tos").as_array()) r.rcpt_tos.emplace_back(to.as_string());
    r.raw = read_file(sink_dir / (base + ".eml"));
    result.push_back(std::move(r));
  }
  return result;
}

}  // namespace

TEST_CASE("a message sent over SMTP arrives byte for byte with its envelope", "[mailbox][smtp]") {
  TempDir dir;
  MailServer sink("smtp", dir.path(), {});
  const SmtpSender sender = sender_for(options_for(sink.port()));
  CHECK(sender.server() == "127.0.0.1:" + std::to_string(sink.port()));

  auto sent = sender.send({"kutsut@example.fi", {"laakari@example.fi", "hoitaja@example.fi"}}, kMessage);
  REQUIRE(sent.has_value());

  const auto messages = received(dir.path() / "smtp");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].mail_from == "kutsut@example.fi");
  CHECK(messages[0].rcpt_tos == std::vector<std::string>{"laakari@example.fi", "hoitaja@example.fi"});
  CHECK(messages[0].raw == kMessage);
}

TEST_CASE("SMTP AUTH with the right password sends and a wrong one is bad_config without the password", "[mailbox][smtp]") {
  TempDir dir;
  MailServer sink("smtp", dir.path(), {"--user", "yhteisaika", "--password", kPassword});
  SmtpOptions options = options_for(sink.port());
  options.username = "yhteisaika";

  options.password = kPassword;
  REQUIRE(sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage).has_value());
  CHECK(received(dir.path() / "smtp").size() == 1);

  options.password = "väärä-" + kPassword;
  auto refused = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::bad_config);
  CHECK_THAT(refused.error().message, Catch::Contains("refused the login for user \"yhteisaika\""));
  CHECK_THAT(refused.error().message, Catch::Contains("535"));
  CHECK_THAT(refused.error().message, !Catch::Contains(kPassword));

  options.username.clear();
  options.password.clear();
  auto anonymous = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(anonymous.has_value());
  CHECK(anonymous.error().code == Errc::bad_config);
  CHECK_THAT(anonymous.error().message, Catch::Contains("530"));
  CHECK(received(dir.path() / "smtp").size() == 1);
}

TEST_CASE("SMTP down is temporary and names host:port but not the password and once back the send works",
          "[mailbox][smtp]") {
  TempDir dir;
  auto sink = std::make_unique<MailServer>("smtp", dir.path(), std::vector<std::string>{});
  const int port = sink->port();
  sink->stop();

  SmtpOptions options = options_for(port);
  options.username = "yhteisaika";
  options.password = kPassword;
  const SmtpSender sender = sender_for(options);
  auto down = sender.send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(down.has_value());
  CHECK(down.error().code == Errc::temporary);
  CHECK(down.error().message == "cannot connect to SMTP server 127.0.0.1:" + std::to_string(port) +
                                    ": Connection refused");
  CHECK_THAT(down.error().to_string(), !Catch::Contains(kPassword));

  sink = std::make_unique<MailServer>(
      "smtp", dir.path(),
      std::vector<std::string>{"--port", std::to_string(port), "--user", "yhteisaika", "--password", kPassword});
  REQUIRE(sink->port() == port);
  REQUIRE(sender.send({"kutsut@example.fi", {"a@example.fi"}}, kMessage).has_value());
  CHECK(received(dir.path() / "smtp").size() == 1);
}

TEST_CASE("SMTP 451 is temporary and quotes the reply", "[mailbox][smtp]") {
  TempDir dir;
  MailServer sink("smtp", dir.path(), {"--tempfail"});
  auto sent = sender_for(options_for(sink.port())).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().code == Errc::temporary);
  CHECK(sent.error().message == "SMTP server 127.0.0.1:" + std::to_string(sink.port()) +
                                    " refused the recipient a@example.fi: 451 4.3.0 Temporary failure, try again later");
  CHECK(received(dir.path() / "smtp").empty());
}

TEST_CASE("SMTP 550 for one recipient is permanent and nobody gets the message", "[mailbox][smtp]") {
  TempDir dir;
  MailServer sink("smtp", dir.path(), {"--reject", "poissa@example.fi"});
  auto sent = sender_for(options_for(sink.port()))
                  .send({"kutsut@example.fi", {"laakari@example.fi", "poissa@example.fi"}}, kMessage);
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().code == Errc::permanent);
  CHECK(sent.error().message ==
        "SMTP server 127.0.0.1:" + std::to_string(sink.port()) +
            " refused the recipient poissa@example.fi: 550 5.1.1 <poissa@example.fi>: Recipient address rejected: "
            "User unknown");
  CHECK(received(dir.path() / "smtp").empty());
}

TEST_CASE("SMTP STARTTLS required but not offered is bad_config", "[mailbox][smtp]") {
  TempDir dir;
  MailServer sink("smtp", dir.path(), {});
  SmtpOptions options = options_for(sink.port());
  options.starttls = true;
  auto sent = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().code == Errc::bad_config);
  CHECK_THAT(sent.error().message, Catch::Contains("STARTTLS"));
  CHECK(received(dir.path() / "smtp").empty());
}

TEST_CASE("SMTP over STARTTLS sends when the CA is trusted and is bad_config when it is not", "[mailbox][smtp]") {
  TempDir dir;
  MailServer sink("smtp", dir.path(), {"--tls"});
  SmtpOptions options = options_for(sink.port());

  auto plain = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(plain.has_value());
  CHECK(plain.error().code == Errc::bad_config);  // 530: the server wants STARTTLS first
  CHECK_THAT(plain.error().message, Catch::Contains("530"));

  options.starttls = true;
  auto untrusted = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(untrusted.has_value());
  CHECK(untrusted.error().code == Errc::bad_config);
  CHECK_THAT(untrusted.error().message, Catch::Contains("certificate of SMTP server 127.0.0.1:"));

  options.ca_file = (dir.path() / "smtp" / "tls" / "cert.pem").string();
  REQUIRE(sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage).has_value());
  const auto messages = received(dir.path() / "smtp");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].raw == kMessage);

  options.ca_file = (dir.path() / "no-such-ca.pem").string();
  auto missing_ca = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  REQUIRE_FALSE(missing_ca.has_value());
  CHECK(missing_ca.error().code == Errc::bad_config);
  CHECK_THAT(missing_ca.error().message, Catch::Contains("no-such-ca.pem"));
}

TEST_CASE("SMTP server that never answers is temporary after the timeout", "[mailbox][smtp]") {
  SilentListener silent;
  SmtpOptions options = options_for(silent.port());
  options.timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  auto sent = sender_for(options).send({"kutsut@example.fi", {"a@example.fi"}}, kMessage);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().code == Errc::temporary);
  CHECK_THAT(sent.error().message,
             Catch::StartsWith("SMTP server 127.0.0.1:" + std::to_string(silent.port()) + " did not answer in time"));
}

TEST_CASE("SMTP options and envelopes are checked before connecting", "[mailbox][smtp]") {
  auto bad = [](std::string url) {
    SmtpOptions options;
    options.url = std::move(url);
    auto sender = SmtpSender::make(options);
    REQUIRE_FALSE(sender.has_value());
    CHECK(sender.error().code == Errc::bad_config);
    return sender.error().message;
  };
  CHECK_THAT(bad(""), Catch::Contains("empty"));
  CHECK_THAT(bad("http://127.0.0.1:2525"), Catch::Contains("scheme \"http\""));
  CHECK_THAT(bad("imap://127.0.0.1"), Catch::Contains("smtp://"));
  CHECK_THAT(bad("127.0.0.1:2525"), Catch::Contains("SMTP URL"));
  CHECK_THAT(bad("smtp://"), Catch::Contains("SMTP URL"));
  const std::string with_password = bad("smtp://kalle:" + kPassword + "@127.0.0.1:2525");
  CHECK_THAT(with_password, Catch::Contains("not in the URL"));
  CHECK_THAT(with_password, !Catch::Contains(kPassword));

  SmtpOptions timeouts;
  timeouts.url = "smtps://mail.example.fi";
  timeouts.timeout = std::chrono::seconds(0);
  CHECK(SmtpSender::make(timeouts).error().code == Errc::bad_config);
  SmtpOptions password_only;
  password_only.url = "smtp://127.0.0.1";
  password_only.password = kPassword;
  CHECK(SmtpSender::make(password_only).error().code == Errc::bad_config);

  SmtpOptions good;
  good.url = "smtps://mail.example.fi";
  auto sender = SmtpSender::make(good);
  REQUIRE(sender.has_value());
  CHECK(sender->server() == "mail.example.fi:465");
  CHECK(sender->send({"a@example.fi", {}}, kMessage).error().code == Errc::permanent);
  CHECK(sender->send({"a@example.fi", {"b@example.fi>\r\nRCPT TO:<c@example.fi"}}, kMessage).error().code ==
        Errc::permanent);
  CHECK(sender->send({"a@example.fi\r\n", {"b@example.fi"}}, kMessage).error().code == Errc::permanent);
}
