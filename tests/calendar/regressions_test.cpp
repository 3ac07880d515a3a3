#include <yhteisaika/calendar/busy_intervals.hpp>

#include <yhteisaika/time/rfc3339.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

// Every calendar that once broke something, with what it must read as now
// (tests/calendar/data/regressions/README.md), walked as one table.

namespace {

namespace fs = std::filesystem;
using yhteisaika::calendar::Errc;
using yhteisaika::time::Instant;
using yhteisaika::time::Interval;
using yhteisaika::test::helsinki;
using yhteisaika::Location;

const fs::path kFolder = fs::path(YHTEISAIKA_TEST_DATA) / "regressions";

const yhteisaika::calendar::ZoneCatalog& catalog() {
  static const yhteisaika::calendar::ZoneCatalog zones;
  return zones;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// What one window of a calendar must read as: busy intervals or an error.
struct Expected {
  Interval window;
  std::vector<Interval> busy;
  std::optional<Errc> error;
  int error_line = 0;
  std::string error_text;
};

Instant instant(const std::string& text) {
  auto t = yhteisaika::time::parse_user_time(text, helsinki());
  INFO("'" << text << "' in the .expected file");
  REQUIRE(t.has_value());
  return *t;
}

Interval interval(const std::string& text) {
  const auto slash = text.find('/');
  INFO("'" << text << "' is START/END");
  REQUIRE(slash != std::string::npos);
  return {instant(text.substr(0, slash)), instant(text.substr(slash + 1))};
}

Errc errc_named(const std::string& name) {
  const std::pair<const char*, Errc> names[] = {
      {"not_a_calendar", Errc::not_a_calendar},     {"unbalanced", Errc::unbalanced},
      {"invalid_value", Errc::invalid_value},       {"invalid_rule", Errc::invalid_rule},
      {"unknown_timezone", Errc::unknown_timezone}, {"too_many_occurrences", Errc::too_many_occurrences},
  };
  for (const auto& [n, code] : names) {
    if (name == n) return code;
  }
  FAIL("unknown error code '" << name << "' in the .expected file");
  return Errc::invalid_value;
}

std::vector<Expected> read_expected(const fs::path& path) {
  std::vector<Expected> out;
  std::istringstream in(read(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("window ")) {
      out.push_back({interval(line.substr(7)), {}, std::nullopt, 0, {}});
      continue;
    }
    INFO(path.filename().string() << ": '" << line << "' before any window");
    REQUIRE_FALSE(out.empty());
    if (line.starts_with("error ")) {
      // error CODE line N: TEXT
      std::istringstream words(line.substr(6));
      std::string code, word;
      char colon = 0;
      words >> code >> word >> out.back().error_line >> colon;
      REQUIRE(word == "line");
      REQUIRE(colon == ':');
      out.back().error = errc_named(code);
      std::getline(words >> std::ws, out.back().error_text);
    } else {
      out.back().busy.push_back(interval(line));
    }
  }
  return out;
}

std::string shown(const std::vector<Interval>& busy) {
  std::string out;
  for (const Interval& i : busy) {
    out += "\n  " + yhteisaika::time::format_rfc3339(i.start, helsinki()) + "/" +
           yhteisaika::time::format_rfc3339(i.end, helsinki());
  }
  return out.empty() ? " (none)" : out;
}

std::vector<fs::path> regression_calendars() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kFolder)) {
    if (entry.path().extension() == ".ics") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every calendar that once broke something reads as it must now", "[calendar][regressions]") {
  const std::vector<fs::path> files = regression_calendars();
  REQUIRE(files.size() >= 6);
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    DYNAMIC_SECTION(name) {
      const std::string text = read(file);
      // What it once broke, as the second content line (the first after BEGIN:VCALENDAR).
      CHECK(text.find("BEGIN:VCALENDAR\r\nX-YHTEISAIKA-REGRESSION:") == 0);
      const fs::path expected_file = fs::path(file).replace_extension(".expected");
      INFO(name << " has its " << expected_file.filename().string());
      REQUIRE(fs::exists(expected_file));
      const std::vector<Expected> windows = read_expected(expected_file);
      REQUIRE_FALSE(windows.empty());
      for (const Expected& expected : windows) {
        yhteisaika::calendar::ExpandOptions options;
        options.horizon = expected.window;
        options.local_zone = &helsinki();
        options.zones = &catalog();
        const std::string source = "regressions/" + name;
        const auto busy = yhteisaika::calendar::busy_intervals(text, source, options);
        INFO("window " << yhteisaika::time::format_rfc3339(expected.window.start, helsinki()) << "/"
                       << yhteisaika::time::format_rfc3339(expected.window.end, helsinki()));
        if (expected.error) {
          INFO("read as busy:" << (busy ? shown(*busy) : std::string()));
          REQUIRE_FALSE(busy.has_value());
          CHECK(busy.error().code == *expected.error);
          CHECK(busy.error().where == Location::in(source, expected.error_line));
          CHECK_THAT(busy.error().message, Catch::Contains(expected.error_text));
        } else {
          INFO((busy ? std::string() : "error: " + busy.error().to_string()));
          REQUIRE(busy.has_value());
          INFO("read as busy:" << shown(*busy) << "\nexpected:" << shown(expected.busy));
          CHECK(*busy == expected.busy);
        }
      }
    }
  }
}
