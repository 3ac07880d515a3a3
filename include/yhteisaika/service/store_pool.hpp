#pragma once
// A few Store connections shared by the worker threads: one Store object is one
// SQLite connection and not thread-safe, so each request leases one. A lease
// never waits for another one: when every connection is leased (e.g. by writes
// waiting for another process's write lock), another connection is opened and
// kept. So reads, which never need the write lock, never wait behind a writer.

#include <yhteisaika/store/sqlite_store.hpp>
#include <yhteisaika/store/store.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace yhteisaika::service {

class StorePool {
 public:
  // Opens `size` connections to the database at `path` (migrating it once),
  // each waiting at most `busy_timeout` for the write lock (sqlite_store.hpp).
  static Result<std::unique_ptr<StorePool>> open(const std::string& path, unsigned size,
                                                 std::chrono::milliseconds busy_timeout = store::kDefaultBusyTimeout);

  // A leased connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> store) : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (store_) pool_->give_back(std::move(store_));
    }
    store::Store* operator->() const { return store_.get(); }
    store::Store& operator*() const { return *store_; }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  // An idle connection, or a new one. Blocks (until one is given back) only if
  // a new connection cannot be opened.
  Lease lease();

 private:
  void give_back(std::unique_ptr<store::Store> store);

  std::string path_;
  std::chrono::milliseconds busy_timeout_{0};
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace yhteisaika::service
