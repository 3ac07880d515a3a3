#include <yhteisaika/sources/source_spec.hpp>

#include <yhteisaika/sources/calendar_dir.hpp>

#include <catch2/catch.hpp>

using namespace yhteisaika::sources;
using yhteisaika::Location;

TEST_CASE("a calendar_source names a file, an ICS URL or a CalDAV collection", "[sources][source_spec]") {
  struct Case {
    const char* source;
    SourceKind kind;
    const char* file_or_url;  // file name, or Url::text()
  };
  const Case cases[] = {
      {"laakari-korhonen", SourceKind::file, "laakari-korhonen"},
      {"file:laakari-korhonen", SourceKind::file, "laakari-korhonen"},
      {"https://outlook.office365.com/owa/calendar/abc/def/calendar.ics", SourceKind::ics_url,
       "https://outlook.office365.com/owa/calendar/abc/def/calendar.ics"},
      {"HTTP://Cal.Example.FI:8080/a.ics?x=1#frag", SourceKind::ics_url, "http://cal.example.fi:8080/a.ics?x=1"},
      {"webcal://p01-calendars.icloud.com/published/2/xyz", SourceKind::ics_url,
       "https://p01-calendars.icloud.com/published/2/xyz"},
      {"caldav+https://nextcloud.example.fi/remote.php/dav/calendars/mikko/personal/", SourceKind::caldav,
       "https://nextcloud.example.fi/remote.php/dav/calendars/mikko/personal/"},
      {"caldav+http://127.0.0.1:5232/user/cal/", SourceKind::caldav, "http://127.0.0.1:5232/user/cal/"},
      {"https://[::1]:8443/x.ics", SourceKind::ics_url, "https://[::1]:8443/x.ics"},
      {"https://host.example/a/./b/../c.ics", SourceKind::ics_url, "https://host.example/a/c.ics"},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    auto spec = parse_source(c.source);
    REQUIRE(spec.has_value());
    CHECK(spec->kind == c.kind);
    CHECK((c.kind == SourceKind::file ? spec->file_name : spec->url.text()) == c.file_or_url);
  }
}

TEST_CASE("a file calendar_source may carry the .ics suffix", "[sources][source_spec][issue-10]") {
  // The walk-through set calendar_source to "nuorisotyontekija-virtanen.ics", which
  // was looked for as nuorisotyontekija-virtanen.ics.ics and could never be read.
  for (const char* source : {"nuorisotyontekija-virtanen.ics", "nuorisotyontekija-virtanen.ICS",
                             "file:nuorisotyontekija-virtanen.ics", "nuorisotyontekija-virtanen"}) {
    INFO(source);
    auto spec = parse_source(source);
    REQUIRE(spec.has_value());
    CHECK(spec->kind == SourceKind::file);
    CHECK(spec->file_name == "nuorisotyontekija-virtanen");
  }
}

TEST_CASE("a file calendar_source with a folder is refused, saying what to write", "[sources][source_spec][issue-10]") {
  // Such a name was accepted and then never read (calendars are looked up in the folder only).
  for (const char* source : {"calendars/laakari-korhonen.ics", "../laakari-korhonen", ".hidden", "file:a\\b", ".ics"}) {
    INFO(source);
    auto spec = parse_source(source);
    REQUIRE_FALSE(spec.has_value());
    CHECK(spec.error().code == Errc::bad_source);
    CHECK(spec.error().where == Location::at_field("calendar_source"));
    CHECK_THAT(spec.error().message, Catch::Contains("e.g. laakari-korhonen"));
  }
}

TEST_CASE("a URL with credentials, a bad port or an unknown scheme is refused", "[sources][source_spec]") {
  const char* bad[] = {"https://user:secret@cal.example.fi/a.ics", "https://cal.example.fi:0/a.ics",
                       "https://cal.example.fi:99999/a.ics", "ftp://cal.example.fi/a.ics", "https:///a.ics",
                       "https://cal example.fi/a.ics", "https://cal.example.fi/a b.ics", "file:", ""};
  for (const char* s : bad) {
    INFO(s);
    auto spec = parse_source(s);
    REQUIRE_FALSE(spec.has_value());
    CHECK(spec.error().code == Errc::bad_source);
    CHECK(spec.error().message.find("secret") == std::string::npos);
  }
}

TEST_CASE("the redacted URL keeps the secret path of an iCal address out of errors", "[sources][source_spec]") {
  auto url = parse_url("https://calendar.google.com/calendar/ical/x%40gmail.com/private-0123abcd/basic.ics");
  REQUIRE(url.has_value());
  CHECK(url->redacted() == "https://calendar.google.com/…");
  CHECK(url->host_header() == "calendar.google.com");
  CHECK(parse_url("http://127.0.0.1:8080/")->host_header() == "127.0.0.1:8080");
}

TEST_CASE("a redirect Location is resolved against the URL it came from", "[sources][source_spec]") {
  const Url base = *parse_url("https://cal.example.fi/a/b/c.ics?q=1");
  struct Case {
    const char* location;
    const char* expected;
  };
  const Case cases[] = {
      {"https://other.example/x.ics", "https://other.example/x.ics"},
      {"//other.example/y.ics", "https://other.example/y.ics"},
      {"/root.ics", "https://cal.example.fi/root.ics"},
      {"d.ics", "https://cal.example.fi/a/b/d.ics"},
      {"../up.ics", "https://cal.example.fi/a/up.ics"},
      {"?q=2", "https://cal.example.fi/a/b/c.ics?q=2"},
  };
  for (const auto& c : cases) {
    INFO(c.location);
    auto next = resolve_location(base, c.location);
    REQUIRE(next.has_value());
    CHECK(next->text() == c.expected);
  }
  CHECK_FALSE(resolve_location(base, "ftp://x/y").has_value());
  CHECK_FALSE(resolve_location(base, "").has_value());
}
