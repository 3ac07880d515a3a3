#pragma once
// Test support: the service's database in memory (store/memory_store.hpp), for
// tests that are not about SQLite itself: no files, nothing left behind. The
// store contract suite (tests/store) keeps both stores to the same rules.

#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/store/memory_store.hpp>

#include <memory>

namespace yhteisaika::test {

// Connections to `db`; each one sees what the others committed.
inline service::StoreFactory memory_store_of(std::shared_ptr<store::MemoryDatabase> db) {
  return [db = std::move(db)]() -> Result<std::unique_ptr<store::Store>> { return store::open_memory_store(db); };
}

// Connections to a new, empty database in memory.
inline service::StoreFactory new_memory_store() { return memory_store_of(std::make_shared<store::MemoryDatabase>()); }

}  // namespace yhteisaika::test
