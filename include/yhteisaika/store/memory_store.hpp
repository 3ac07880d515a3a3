#pragma once
// An in-memory Store, for tests (LevelDB's in-memory Env): the same contract as
// the SQLite store (store.hpp; tests/store/store_contract_test.cpp runs one test
// suite against both), without files or SQL. Nothing outlives the process.
//
//   auto db = std::make_shared<store::MemoryDatabase>();
//   std::unique_ptr<store::Store> a = store::open_memory_store(db);
//   std::unique_ptr<store::Store> b = store::open_memory_store(db);  // sees a's commits
//
// Thread safety: as store.hpp says for every Store. A MemoryDatabase may be used
// from any number of threads through its handles, like one SQLite file: writes
// are serialised under its write lock, reads take a committed snapshot and
// never wait for a writer.

#include <yhteisaika/store/store.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace yhteisaika::store {

namespace detail {
class MemoryBackend;
}

class MemoryDatabase {
  struct Shared;

 public:
  MemoryDatabase();
  ~MemoryDatabase();
  MemoryDatabase(const MemoryDatabase&) = delete;
  MemoryDatabase& operator=(const MemoryDatabase&) = delete;

  // The write lock, held as another process's BEGIN IMMEDIATE holds it, until
  // this object ends: meanwhile writes wait for it at most their busy timeout and
  // then fail with Errc::busy; reads go on.
  class WriteLockHold {
   public:
    WriteLockHold(WriteLockHold&& other) noexcept : shared_(other.shared_) { other.shared_ = nullptr; }
    WriteLockHold& operator=(WriteLockHold&&) = delete;
    ~WriteLockHold();

   private:
    friend class MemoryDatabase;
    explicit WriteLockHold(Shared* shared) : shared_(shared) {}
    Shared* shared_;
  };
  // Waits until no one writes, then holds the write lock. For tests of what a
  // busy database does.
  [[nodiscard]] WriteLockHold hold_write_lock();

  // Everything stored, as text, for tests that check what is NOT stored (a
  // secret), as a test of the SQLite store reads the database file.
  std::string dump() const;

 private:
  friend class detail::MemoryBackend;
  std::unique_ptr<Shared> shared_;
};

// A new connection to `db`: every handle opened on the same database sees the
// same data. Cannot fail. Its busy timeout starts at kDefaultBusyTimeout.
std::unique_ptr<Store> open_memory_store(std::shared_ptr<MemoryDatabase> db);

}  // namespace yhteisaika::store
