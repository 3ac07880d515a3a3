#pragma once
// Test support: a SQLite database in a scratch folder, removed at the end, with
// a few professionals (no calendars needed), and connections to it.

#include <yhteisaika/store/sqlite_store.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

namespace yhteisaika::test {

struct ScratchDatabase {
  std::filesystem::path dir;
  std::string path;

  // `professionals` ids, created in a migrated database.
  explicit ScratchDatabase(std::initializer_list<const char*> professionals = {}) {
    std::random_device random;
    dir = std::filesystem::temp_directory_path() / ("yhteisaika-db-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    path = (dir / "test.db").string();
    auto store = open();
    for (const char* id : professionals) {
      const store::Professional p{ParticipantId{id}, id, "lääkäri", "Terveysasema", "", id};
      REQUIRE(store->create_professional(p, {"test", std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}}).has_value());
    }
  }
  ~ScratchDatabase() { std::filesystem::remove_all(dir); }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  std::unique_ptr<store::Store> open() const {
    auto opened = store::open_sqlite_store(path);
    REQUIRE(opened.has_value());
    return std::move(*opened);
  }
};

}  // namespace yhteisaika::test
