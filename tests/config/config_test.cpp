#include <yhteisaika/config/config.hpp>

#include <yhteisaika/ascii.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace std::chrono;
using yhteisaika::config::Config;
using yhteisaika::config::Errc;
using yhteisaika::config::Sources;
using yhteisaika::config::describe;
using yhteisaika::config::load_config;
using yhteisaika::Location;

namespace {

Sources file(std::string text) {
  Sources s;
  s.file_name = "yhteisaika.conf";
  s.file_text = std::move(text);
  return s;
}

Config loaded(const Sources& s) {
  auto c = load_config(s);
  INFO((c ? std::string("ok") : c.error().to_string()));
  REQUIRE(c.has_value());
  return *c;
}

yhteisaika::Error failed(const Sources& s) {
  auto c = load_config(s);
  REQUIRE_FALSE(c.has_value());
  return c.error();
}

}  // namespace

TEST_CASE("no file, no environment and no flags give the documented defaults", "[config][layers]") {
  const Config c = loaded(Sources{});
  CHECK(c == Config{});
  CHECK(c.listen == "127.0.0.1:8080");
  CHECK(c.rules.hole_day == Wednesday);
  CHECK(c.rules.hole_start == minutes{14 * 60 + 30});
  // Unused holes are released on Tuesday at noon, the day before the Wednesday hole.
  CHECK(c.hole_release == yhteisaika::report::ReleaseRule{Tuesday, minutes{12 * 60}});
  CHECK(yhteisaika::config::base_url_or_default(c) == "http://127.0.0.1:8080");
  // Holds run out at most 10 s late (issue 13).
  CHECK(c.housekeeping_interval == std::chrono::seconds{10});
}

TEST_CASE("each layer overrides the one before it, key by key", "[config][layers]") {
  struct Case {
    const char* what;
    bool in_file, in_env, in_flag;
    const char* expected;
  };
  const Case cases[] = {
      {"default only", false, false, false, "127.0.0.1:8080"},
      {"file over default", true, false, false, "10.0.0.1:1001"},
      {"env over default", false, true, false, "10.0.0.2:1002"},
      {"flag over default", false, false, true, "10.0.0.3:1003"},
      {"env over file", true, true, false, "10.0.0.2:1002"},
      {"flag over file", true, false, true, "10.0.0.3:1003"},
      {"flag over env", false, true, true, "10.0.0.3:1003"},
      {"flag over env over file", true, true, true, "10.0.0.3:1003"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    Sources s;
    if (c.in_file) s = file("listen = 10.0.0.1:1001\ndb = from-file.db\n");
    if (c.in_env) s.env = {{"YHTEISAIKA_LISTEN", "10.0.0.2:1002"}, {"YHTEISAIKA_CALENDARS", "/srv/cal"}};
    if (c.in_flag) s.flags = {{"listen", "10.0.0.3:1003"}};
    const Config got = loaded(s);
    CHECK(got.listen == c.expected);
    // Keys a layer does not set keep the earlier layer's value.
    CHECK(got.db_path == (c.in_file ? "from-file.db" : "yhteisaika.db"));
    CHECK(got.calendars_dir == (c.in_env ? "/srv/cal" : "calendars"));
  }
}

TEST_CASE("every key can be set in every layer", "[config][layers]") {
  struct Case {
    const char* key;
    const char* value;
    bool (*check)(const Config&);
  };
  const Case cases[] = {
      {"listen", "0.0.0.0:0", [](const Config& c) { return c.listen == "0.0.0.0:0"; }},
      {"db", "/var/lib/yhteisaika/y.db", [](const Config& c) { return c.db_path == "/var/lib/yhteisaika/y.db"; }},
      {"calendars", "/srv/calendars", [](const Config& c) { return c.calendars_dir == "/srv/calendars"; }},
      {"zone", "Europe/Stockholm", [](const Config& c) { return c.zone == "Europe/Stockholm"; }},
      {"base_url", "https://aika.example.fi/", [](const Config& c) { return c.base_url == "https://aika.example.fi"; }},
      {"organizer_email", "tiimi@example.fi", [](const Config& c) { return c.organizer_email == "tiimi@example.fi"; }},
      {"day_start", "07:30", [](const Config& c) { return c.rules.day_start == minutes{7 * 60 + 30}; }},
      {"day_end", "17:00", [](const Config& c) { return c.rules.day_end == minutes{17 * 60}; }},
      {"hole_day", "torstai", [](const Config& c) { return c.rules.hole_day == Thursday; }},
      {"hole_start", "14:00", [](const Config& c) { return c.rules.hole_start == minutes{14 * 60}; }},
      {"hole_end", "15:45", [](const Config& c) { return c.rules.hole_end == minutes{15 * 60 + 45}; }},
      {"hole_release", "maanantai 16:00",
       [](const Config& c) { return c.hole_release == yhteisaika::report::ReleaseRule{Monday, minutes{16 * 60}}; }},
      {"hole_release", "off", [](const Config& c) { return !c.hole_release.has_value(); }},
      {"grid_minutes", "30", [](const Config& c) { return c.rules.grid == minutes{30}; }},
      {"closures", "2026-12-31", [](const Config& c) { return c.rules.closures.size() == 1; }},
      {"default_days", "7", [](const Config& c) { return c.default_days == 7; }},
      {"horizon_days", "90", [](const Config& c) { return c.horizon_days == 90; }},
      {"io_threads", "1", [](const Config& c) { return c.io_threads == 1; }},
      {"worker_threads", "8", [](const Config& c) { return c.worker_threads == 8; }},
      {"busy_timeout_ms", "250", [](const Config& c) { return c.busy_timeout == std::chrono::milliseconds{250}; }},
      {"body_limit_bytes", "65536", [](const Config& c) { return c.body_limit == 65536; }},
      {"feed_refresh_minutes", "15", [](const Config& c) { return c.feed_refresh == minutes{15}; }},
      {"cancelled_visible_days", "0", [](const Config& c) { return c.cancelled_visible_days == 0; }},
      {"log_level", "debug", [](const Config& c) { return c.log_level == "debug"; }},
      {"refresh_minutes", "2", [](const Config& c) { return c.refresh == minutes{2}; }},
      {"refresh_minutes", "0.05", [](const Config& c) { return c.refresh == std::chrono::seconds{3}; }},
      {"max_age_minutes", "60", [](const Config& c) { return c.max_age == minutes{60}; }},
      {"max_age_minutes", "1.5", [](const Config& c) { return c.max_age == std::chrono::seconds{90}; }},
      {"fetch_concurrency", "32", [](const Config& c) { return c.fetch_concurrency == 32; }},
      {"ca_file", "/etc/ssl/team-ca.pem", [](const Config& c) { return c.ca_file == "/etc/ssl/team-ca.pem"; }},
      {"connect_timeout_seconds", "3", [](const Config& c) { return c.connect_timeout == std::chrono::seconds{3}; }},
      {"read_timeout_seconds", "20", [](const Config& c) { return c.read_timeout == std::chrono::seconds{20}; }},
      {"max_calendar_bytes", "1048576", [](const Config& c) { return c.max_calendar_bytes == 1048576; }},
      {"source_credentials_file", "/etc/yhteisaika/credentials",
       [](const Config& c) { return c.source_credentials_file == "/etc/yhteisaika/credentials"; }},
      {"mail_from_name", "Omatiimi-ajanvaraus", [](const Config& c) { return c.mail_from_name == "Omatiimi-ajanvaraus"; }},
      {"smtp_url", "smtp://mail.example.fi:587", [](const Config& c) { return c.smtp.url == "smtp://mail.example.fi:587"; }},
      {"smtp_starttls", "no", [](const Config& c) { return !c.smtp.starttls; }},
      {"smtp_user", "yhteisaika", [](const Config& c) { return c.smtp.user == "yhteisaika"; }},
      {"smtp_password_file", "/run/credentials/smtp", [](const Config& c) { return c.smtp.password_file == "/run/credentials/smtp"; }},
      {"imap_url", "imaps://mail.example.fi/INBOX", [](const Config& c) { return c.imap.url == "imaps://mail.example.fi/INBOX"; }},
      {"imap_starttls", "off", [](const Config& c) { return !c.imap.starttls; }},
      {"imap_user", "yhteisaika", [](const Config& c) { return c.imap.user == "yhteisaika"; }},
      {"imap_password_file", "/run/credentials/imap", [](const Config& c) { return c.imap.password_file == "/run/credentials/imap"; }},
      {"imap_poll_seconds", "30", [](const Config& c) { return c.imap_poll == std::chrono::seconds{30}; }},
      {"mail_retry_seconds", "5", [](const Config& c) { return c.mail_retry == std::chrono::seconds{5}; }},
      {"mail_give_up_hours", "48", [](const Config& c) { return c.mail_give_up == std::chrono::hours{48}; }},
      {"case_ref_pattern", "YA-[0-9]{4}-[0-9]{4}", [](const Config& c) { return c.case_ref_pattern == "YA-[0-9]{4}-[0-9]{4}"; }},
      {"housekeeping_interval_seconds", "1", [](const Config& c) { return c.housekeeping_interval == std::chrono::seconds{1}; }},
      {"participant_retention_days", "0", [](const Config& c) { return c.participant_retention_days == 0; }},
      {"participant_retention_days", "3660", [](const Config& c) { return c.participant_retention_days == 3660; }},
  };
  for (const auto& c : cases) {
    INFO(c.key << " = " << c.value);
    const std::string env = "YHTEISAIKA_" + yhteisaika::ascii_upper(c.key);
    SECTION(std::string("file ") + c.key) { CHECK(c.check(loaded(file(std::string(c.key) + " = " + c.value)))); }
    SECTION(std::string("env ") + c.key) {
      Sources s;
      s.env = {{env, c.value}};
      CHECK(c.check(loaded(s)));
    }
    SECTION(std::string("flag ") + c.key) {
      Sources s;
      s.flags = {{c.key, c.value}};
      CHECK(c.check(loaded(s)));
    }
  }
}

TEST_CASE("the config file allows comments, blank lines, quotes and a byte order mark", "[config][file]") {
  const Config c = loaded(file(
      "\xEF\xBB\xBF# Yhteisaika\n"
      "\n"
      "   # indented comment\n"
      "listen = 0.0.0.0:9000   # every interface\r\n"
      "db = \"/srv/data # not a comment.db\"\n"
      "calendars=/srv/cal#2\n"
      "organizer_email = 'tiimi@example.fi'  # quoted\n"
      "base-url = https://aika.example.fi/\n"
      "log_level = WARN\n"));
  CHECK(c.listen == "0.0.0.0:9000");
  CHECK(c.db_path == "/srv/data # not a comment.db");
  CHECK(c.calendars_dir == "/srv/cal#2");  // '#' starts a comment only after whitespace
  CHECK(c.organizer_email == "tiimi@example.fi");
  CHECK(c.base_url == "https://aika.example.fi");
  CHECK(c.log_level == "warn");
}

TEST_CASE("the hole day may be named in English or in Finnish", "[config][values]") {
  auto [name, day] = GENERATE(table<std::string, weekday>({{"wednesday", Wednesday},
                                                           {"keskiviikko", Wednesday},
                                                           {"Keskiviikko", Wednesday},
                                                           {"ke", Wednesday},
                                                           {"wed", Wednesday},
                                                           {"maanantai", Monday},
                                                           {"tiistai", Tuesday},
                                                           {"torstai", Thursday},
                                                           {"perjantai", Friday},
                                                           {"FRIDAY", Friday}}));
  INFO(name);
  CHECK(loaded(file("hole_day = " + name)).rules.hole_day == day);
}

TEST_CASE("closures parse as a sorted list of dates", "[config][values]") {
  const Config c = loaded(file("closures = 2027-01-02, 2026-12-31,2026-12-31 , 2027-01-07"));
  const std::vector<year_month_day> expected{2026y / December / 31, 2027y / January / 2, 2027y / January / 7};
  CHECK(c.rules.closures == expected);

  SECTION("an empty value in a later layer clears them") {
    Sources s = file("closures = 2026-12-31");
    s.env = {{"YHTEISAIKA_CLOSURES", ""}};
    CHECK(loaded(s).rules.closures.empty());
  }
}

TEST_CASE("listen accepts IPv4, host names, bracketed IPv6 and port 0", "[config][values]") {
  const std::string listen = GENERATE(as<std::string>{}, "127.0.0.1:8080", "0.0.0.0:0", "localhost:65535",
                                      "aika.example.fi:443", "[::1]:8080", "[::]:9000", "[2001:db8::1]:80");
  Sources s;
  s.flags = {{"listen", listen}};
  CHECK(loaded(s).listen == listen);
}

TEST_CASE("each error names its place: file line, environment variable or flag", "[config][errors]") {
  SECTION("a file line") {
    const auto e = failed(file("# comment\n\nlisten = 127.0.0.1:70000\n"));
    CHECK(e.code == Errc::bad_value);
    CHECK(e.where == Location::in("yhteisaika.conf", 3));
    CHECK(e.message.find("port must be 0-65535") != std::string::npos);
  }
  SECTION("an environment variable") {
    Sources s;
    s.env = {{"YHTEISAIKA_GRID_MINUTES", "7"}};
    const auto e = failed(s);
    CHECK(e.code == Errc::bad_value);
    CHECK(e.where == Location::in("environment YHTEISAIKA_GRID_MINUTES"));
    CHECK(e.message.find("divide an hour") != std::string::npos);
  }
  SECTION("a flag") {
    Sources s;
    s.flags = {{"day_start", "8am"}};
    const auto e = failed(s);
    CHECK(e.code == Errc::bad_value);
    CHECK(e.where == Location::in("flag --day_start"));
    CHECK(e.message.find("HH:MM") != std::string::npos);
  }
}

TEST_CASE("unknown file keys, flags and YHTEISAIKA_ variables are errors", "[config][errors]") {
  SECTION("file") {
    const auto e = failed(file("listen = 127.0.0.1:1\nlisen = 0.0.0.0:80\n"));
    CHECK(e.code == Errc::unknown_key);
    CHECK(e.where == Location::in("yhteisaika.conf", 2));
    CHECK(e.message.find("'lisen'") != std::string::npos);
    CHECK(e.message.find("listen") != std::string::npos);
  }
  SECTION("flag") {
    Sources s;
    s.flags = {{"--colour", "on"}};
    const auto e = failed(s);
    CHECK(e.code == Errc::unknown_key);
    CHECK(e.where == Location::in("flag --colour"));
  }
  SECTION("environment") {
    Sources s;
    s.env = {{"YHTEISAIKA_COLOUR", "on"}, {"HOME", "/root"}, {"YHTEISAIKA_DB", "env.db"}};
    const auto e = failed(s);
    CHECK(e.code == Errc::unknown_key);
    CHECK(e.where == Location::in("environment YHTEISAIKA_COLOUR"));
  }
}

TEST_CASE("a mistyped YHTEISAIKA_ variable is refused by name with the nearest known one",
          "[config][errors][issue-10]") {
  // An unknown YHTEISAIKA_* variable was ignored silently, so YHTEISAIKA_LISTN left
  // the default address in place, while an unknown file key or flag was refused.
  Sources s;
  s.env = {{"YHTEISAIKA_LISTN", "0.0.0.0:9000"}, {"PATH", "/usr/bin"}};
  const auto e = failed(s);
  CHECK(e.code == Errc::unknown_key);
  CHECK(e.where == Location::in("environment YHTEISAIKA_LISTN"));
  CHECK_THAT(e.message, Catch::Contains("unknown variable YHTEISAIKA_LISTN") &&
                            Catch::Contains("did you mean YHTEISAIKA_LISTEN?"));

  s.env = {{"YHTEISAIKA_SMTP_PASWORD", "x"}};
  CHECK_THAT(failed(s).message, Catch::Contains("did you mean YHTEISAIKA_SMTP_PASSWORD?"));
  s.env = {{"YHTEISAIKA_SOMETHING_ELSE_ENTIRELY", "x"}};
  CHECK_THAT(failed(s).message, !Catch::Contains("did you mean"));
}

TEST_CASE("the documented YHTEISAIKA_ variables that are no key are accepted", "[config][issue-10]") {
  Sources s;
  s.env = {{"YHTEISAIKA_SMTP_PASSWORD", "a"},
           {"YHTEISAIKA_IMAP_PASSWORD", "b"},
           {"YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN", "u:p"},
           {"YHTEISAIKA_WITH_BROWSER_TESTS", "1"},
           {"YHTEISAIKA_WITH_MAIL_SERVERS", "1"},
           {"YHTEISAIKA_WITH_TEST_PEERS", "1"},
           {"YHTEISAIKA_DB", "env.db"}};
  CHECK(loaded(s).db_path == "env.db");
}

TEST_CASE("origin_of names the layer that set a key", "[config][layers][issue-10]") {
  // feed-url printed http://127.0.0.1:8080/... without saying where that address came from.
  using yhteisaika::config::origin_of;
  Sources s = file("base_url = https://yhteisaika.example.fi\n");
  s.env = {{"YHTEISAIKA_LISTEN", "127.0.0.1:9000"}};
  s.flags = {{"base-url", "https://flag.example.fi"}};
  CHECK(origin_of(s, "listen") == "environment YHTEISAIKA_LISTEN");
  CHECK(origin_of(s, "base_url") == "flag --base-url");
  CHECK(origin_of(s, "db") == "the defaults");
  s.flags.clear();
  CHECK(origin_of(s, "base_url") == "yhteisaika.conf:1");
}

TEST_CASE("malformed config-file lines are errors naming the line", "[config][errors]") {
  auto [text, code, line] = GENERATE(table<std::string, Errc, std::string>({
      {"listen 127.0.0.1:80", Errc::bad_syntax, "1"},
      {"= value", Errc::bad_syntax, "1"},
      {"db = \"unterminated", Errc::bad_syntax, "1"},
      {"db = \"x.db\" trailing", Errc::bad_syntax, "1"},
      {"db = a.db\n\ndb = b.db", Errc::duplicate_key, "3"},
      {"db =", Errc::bad_value, "1"},
  }));
  INFO(text);
  const auto e = failed(file(text));
  CHECK(e.code == code);
  CHECK(e.where == Location::in("yhteisaika.conf", std::stoi(line)));
}

TEST_CASE("bad values say what is expected", "[config][errors]") {
  auto [key, value, says] = GENERATE(table<std::string, std::string, std::string>({
      {"listen", "127.0.0.1", "HOST:PORT"},
      {"listen", "127.0.0.1:", "port must be 0-65535"},
      {"listen", "127.0.0.1:65536", "port must be 0-65535"},
      {"listen", "256.0.0.1:80", "not an IPv4 address or host name"},
      {"listen", "::1:80", "brackets"},
      {"listen", "[zz::1]:80", "IPv6"},
      {"listen", "bad_host:80", "host name"},
      {"zone", "../etc/passwd", "IANA"},
      {"base_url", "ftp://x", "http:// or https://"},
      {"organizer_email", "no-at-sign", "e-mail"},
      {"organizer_email", "a@b\r\nX-Injected: 1", "e-mail"},
      {"day_start", "25:00", "HH:MM"},
      {"hole_end", "15:60", "HH:MM"},
      {"hole_day", "lauantai", "working day"},
      {"hole_day", "someday", "weekday"},
      {"hole_release", "tuesday", "WEEKDAY HH:MM"},
      {"hole_release", "someday 12:00", "WEEKDAY HH:MM"},
      {"hole_release", "tuesday 12", "WEEKDAY HH:MM"},
      {"hole_release", "tuesday 24:00", "WEEKDAY HH:MM"},
      {"grid_minutes", "0", "divide an hour"},
      {"grid_minutes", "45", "divide an hour"},
      {"closures", "2026-02-30", "YYYY-MM-DD"},
      {"closures", "31.12.2026", "YYYY-MM-DD"},
      {"default_days", "0", "1-60"},
      {"default_days", "-3", "1-60"},
      {"default_days", "61", "1-60"},
      {"horizon_days", "many", "whole number"},
      {"io_threads", "0", "1-256"},
      {"worker_threads", "99999999999999999999", "1-256"},
      {"body_limit_bytes", "1e6", "whole number"},
      {"feed_refresh_minutes", "0", "whole number"},
      {"refresh_minutes", "0", "minutes 0.01-1440 with at most 3 decimals"},
      {"refresh_minutes", "0.005", "minutes 0.01-1440"},
      {"refresh_minutes", "1440.5", "minutes 0.01-1440"},
      {"refresh_minutes", "1.2345", "at most 3 decimals"},
      {"refresh_minutes", "1,5", "at most 3 decimals"},
      {"max_age_minutes", ".5", "minutes 0.01-10080"},
      {"max_age_minutes", "5.", "minutes 0.01-10080"},
      {"max_age_minutes", "-1", "minutes 0.01-10080"},
      {"log_level", "loud", "trace, debug, info, warn or error"},
      {"smtp_url", "http://mail.example.fi", "smtp:// or smtps://"},
      {"smtp_url", "smtp://user:pw@mail.example.fi", "must not hold credentials"},
      {"smtp_url", "smtp:///x", "no host"},
      {"imap_url", "smtp://mail.example.fi", "imap:// or imaps://"},
      {"smtp_starttls", "maybe", "yes or no"},
      {"imap_poll_seconds", "0", "1-86400"},
      {"mail_give_up_hours", "0", "1-720"},
      {"organizer_email", "Yhteisaika <yhteisaika@example.fi>", "e-mail"},
      {"organizer_email", "yhteisaika@h\xc3\xa4me.fi", "e-mail"},
      {"case_ref_pattern", "YA-[0-9", "case_ref_pattern 'YA-[0-9' is not a regular expression"},
      {"case_ref_pattern", "(", "case_ref_pattern '(' is not a regular expression"},
      {"case_ref_pattern", "", "case_ref_pattern cannot be empty"},
      {"housekeeping_interval_seconds", "0", "1-10"},
      {"housekeeping_interval_seconds", "11", "1-10"},
  }));
  INFO(key << " = " << value);
  Sources s;
  s.flags = {{key, value}};
  const auto e = failed(s);
  CHECK(e.code == Errc::bad_value);
  CHECK(e.where == Location::in("flag --" + key));
  CHECK(e.message.find(says) != std::string::npos);
}

TEST_CASE("rules between keys are checked after all layers and name the last place that set them",
          "[config][errors]") {
  SECTION("hole_end must be after hole_start") {
    Sources s = file("hole_start = 15:00\nhole_end = 14:45\n");
    const auto e = failed(s);
    CHECK(e.message.find("hole_end must be after hole_start") != std::string::npos);
    CHECK(e.where == Location::in("yhteisaika.conf", 2));
  }
  SECTION("the hole must lie inside working hours") {
    Sources s = file("day_end = 15:00\n");
    const auto e = failed(s);
    CHECK(e.message.find("inside working hours") != std::string::npos);
    CHECK(e.where == Location::in("yhteisaika.conf", 1));
  }
  SECTION("day_end must be after day_start") {
    Sources s;
    s.env = {{"YHTEISAIKA_DAY_END", "07:00"}};
    const auto e = failed(s);
    CHECK(e.message.find("day_end must be after day_start") != std::string::npos);
    CHECK(e.where == Location::in("environment YHTEISAIKA_DAY_END"));
  }
  SECTION("a later layer can repair what an earlier one left invalid") {
    Sources s = file("day_end = 15:00\n");
    s.flags = {{"hole_start", "13:30"}, {"hole_end", "14:30"}};
    const Config c = loaded(s);
    CHECK(c.rules.hole_end == minutes{14 * 60 + 30});
  }
  SECTION("the place is the later layer") {
    Sources s = file("hole_start = 15:00\n");
    s.flags = {{"hole-end", "14:00"}};
    CHECK(failed(s).where == Location::in("flag --hole-end"));
  }
  SECTION("default_days must not exceed horizon_days") {
    Sources s;
    s.flags = {{"horizon_days", "10"}};
    const auto e = failed(s);
    CHECK(e.message.find("must not exceed horizon_days") != std::string::npos);
    CHECK(e.where == Location::in("flag --horizon_days"));
  }
}

TEST_CASE("describe prints every key, and reading it back gives the same config", "[config][describe]") {
  SECTION("defaults") {
    const std::string text = describe(Config{});
    CHECK(text.find("listen = 127.0.0.1:8080\n") != std::string::npos);
    CHECK(text.find("hole_day = wednesday\n") != std::string::npos);
    CHECK(text.find("hole_start = 14:30\n") != std::string::npos);
    CHECK(text.find("hole_release = tuesday 12:00\n") != std::string::npos);
    CHECK(text.find("base_url = \"\"  # empty: links use http://127.0.0.1:8080\n") != std::string::npos);
    CHECK(text.find("body_limit_bytes = 1048576\n") != std::string::npos);
    CHECK(text.find("refresh_minutes = 5\n") != std::string::npos);
    CHECK(loaded(file(text)) == Config{});
  }
  SECTION("everything changed") {
    Sources s = file(
        "listen = [::1]:9000\ndb = \"/srv/my # db\"\nzone = UTC\nbase_url = https://aika.example.fi\n"
        "day_start = 07:00\nday_end = 17:00\nhole_day = torstai\nhole_start = 09:00\nhole_end = 10:00\n"
        "grid_minutes = 10\nclosures = 2027-01-02, 2026-12-31\nlog_level = error\nhole_release = ke 08:30\n");
    s.flags = {{"cancelled_visible_days", "0"}, {"feed_refresh_minutes", "5"}, {"refresh_minutes", "0.025"},
               {"max_age_minutes", "90.5"}};
    const Config c = loaded(s);
    const std::string text = describe(c);
    CHECK(text.find("refresh_minutes = 0.025\n") != std::string::npos);
    CHECK(text.find("max_age_minutes = 90.5\n") != std::string::npos);
    CHECK(text.find("closures = 2026-12-31, 2027-01-02\n") != std::string::npos);
    CHECK(text.find("hole_day = thursday\n") != std::string::npos);
    CHECK(text.find("hole_release = wednesday 08:30\n") != std::string::npos);
    CHECK(loaded(file(text)) == c);
  }
}

TEST_CASE("every config error code has its own message", "[config][errc]") {
  auto e = GENERATE(Errc::unknown_key, Errc::bad_value, Errc::bad_syntax, Errc::duplicate_key);
  std::error_code code = e;
  CHECK(code.category().name() == std::string("yhteisaika.config"));
  CHECK(code.message().find("unknown config error") == std::string::npos);
}

TEST_CASE("source credentials come from YHTEISAIKA_SOURCE_CREDENTIALS_<KEY> and are never described",
          "[config][credentials]") {
  Sources s;
  s.env = {{"YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN", "korhonen:salasana"},
           {"YHTEISAIKA_SOURCE_CREDENTIALS_FILE", "/etc/yhteisaika/credentials"}};
  const Config c = loaded(s);
  CHECK(c.source_credentials == std::map<std::string, std::string>{{"LAAKARI_KORHONEN", "korhonen:salasana"}});
  CHECK(c.source_credentials_file == "/etc/yhteisaika/credentials");
  CHECK(describe(c).find("salasana") == std::string::npos);
}

TEST_CASE("mail passwords come from their variables and are never described", "[config][credentials]") {
  Sources s;
  s.env = {{"YHTEISAIKA_SMTP_PASSWORD", "smtp-salasana"}, {"YHTEISAIKA_IMAP_PASSWORD", "imap-salasana"}};
  const Config c = loaded(s);
  CHECK(c.smtp.password == "smtp-salasana");
  CHECK(c.imap.password == "imap-salasana");
  CHECK(describe(c).find("salasana") == std::string::npos);
}

TEST_CASE("the case reference pattern lets pseudonymous references through and refuses names",
          "[config][case_ref][issue-10]") {
  // The README promised that no client's name is stored, yet "Matti Meikäläinen"
  // was booked as a case_ref: nothing said what a case reference looks like.
  const auto pattern = yhteisaika::config::compile_case_ref_pattern(Config{}.case_ref_pattern);
  REQUIRE(pattern.has_value());
  for (const char* ref : {"YA-2026-0042", "ya-2026-0042", "YA2026", "2026-0042", "OT-12-A"}) {
    INFO(ref);
    CHECK(std::regex_match(ref, *pattern));
  }
  for (const char* name : {"Matti Meik\xc3\xa4l\xc3\xa4inen", "Matti", "YA 2026 0042", "Matti Meikalainen 2026",
                           "YA-2026-0042 Matti", "Meik\xc3\xa4l\xc3\xa4inen-1", "YA_2026", ""}) {
    INFO(name);
    CHECK_FALSE(std::regex_match(name, *pattern));
  }
}

TEST_CASE("participant_retention_days is 180 by default and 0-3660 days", "[config][values][cases]") {
  CHECK(Config{}.participant_retention_days == 180);
  for (const char* bad : {"-1", "3661", "half a year"}) {
    CAPTURE(bad);
    Sources s;
    s.flags = {{"participant_retention_days", bad}};
    const auto e = failed(s);
    CHECK(e.code == Errc::bad_value);
    CHECK(e.where == Location::in("flag --participant_retention_days"));
  }
}
