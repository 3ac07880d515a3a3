#pragma once
// For service tests: a scratch folder with a copy of the demo team's calendars
// (people.json, demo-bookings.json, the .ics files), removed at the end, and a
// database in memory (seams(): every service opened on it sees the same data,
// as on one file); and a fixed "now" in a week the demo calendars cover.

#include <yhteisaika/config/config.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/store/memory_store.hpp>
#include <yhteisaika/time/interval.hpp>

#include "../support/memory_database.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

namespace yhteisaika::test {

struct ScratchTeam {
  std::filesystem::path dir;
  std::shared_ptr<store::MemoryDatabase> database = std::make_shared<store::MemoryDatabase>();
  ScratchTeam() {
    std::random_device random;
    dir = std::filesystem::temp_directory_path() / ("yhteisaika-service-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    std::filesystem::copy(std::filesystem::path(YHTEISAIKA_SOURCE_DIR) / "calendars", dir / "calendars",
                          std::filesystem::copy_options::recursive);
  }
  ~ScratchTeam() { std::filesystem::remove_all(dir); }
  ScratchTeam(const ScratchTeam&) = delete;
  ScratchTeam& operator=(const ScratchTeam&) = delete;

  // db_path is never opened: the database is in memory (seams()).
  config::Config config() const {
    config::Config c;
    c.db_path = (dir / "not-opened.db").string();
    c.calendars_dir = (dir / "calendars").string();
    return c;
  }
  // The database in memory, and `clock` for "now".
  service::Seams seams(service::Clock clock) const {
    service::Seams out;
    out.clock = std::move(clock);
    out.open_store = memory_store_of(database);
    return out;
  }
  // One more connection to the database (as the command line would open).
  std::unique_ptr<store::Store> store() const { return store::open_memory_store(database); }
  // Replaces a file of the calendars folder (people.json, demo-bookings.json, ...).
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / "calendars" / name, std::ios::binary) << text;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir / "calendars" / name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

// Monday 2026-11-23 09:00 in Helsinki.
inline const time::Instant kMonday = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{7};

}  // namespace yhteisaika::test
