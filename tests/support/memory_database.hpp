#pragma once
// Test support: the service's database in memory (store/memory_store.hpp), for
// tests that are not about SQLite itself: no files, nothing left behind. The
// store contract suite (tests/store) keeps both stores to the same rules.

#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/store/memory_store.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <initializer_list>
#include <memory>

namespace yhteisaika::test {

// Connections to `db`; each one sees what the others committed.
inline service::StoreFactory memory_store_of(std::shared_ptr<store::MemoryDatabase> db) {
  return [db = std::move(db)]() -> Result<std::unique_ptr<store::Store>> { return store::open_memory_store(db); };
}

// Connections to a new, empty database in memory.
inline service::StoreFactory new_memory_store() { return memory_store_of(std::make_shared<store::MemoryDatabase>()); }

// A database in memory with a few professionals (no calendars needed), and
// connections to it: ScratchDatabase's twin for tests not about SQLite.
struct ScratchMemoryDatabase {
  std::shared_ptr<store::MemoryDatabase> database = std::make_shared<store::MemoryDatabase>();

  explicit ScratchMemoryDatabase(std::initializer_list<const char*> professionals = {}) {
    auto store = open();
    for (const char* id : professionals) {
      const store::Professional p{ParticipantId{id}, id, "lääkäri", "Terveysasema", "", id};
      REQUIRE(store->create_professional(p, {"test", std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}})
                  .has_value());
    }
  }
  std::unique_ptr<store::Store> open() const { return store::open_memory_store(database); }
  service::StoreFactory factory() const { return memory_store_of(database); }
};

}  // namespace yhteisaika::test
