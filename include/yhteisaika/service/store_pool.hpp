#pragma once
// A few Store connections shared by the worker threads: one Store object is one
// SQLite connection and not thread-safe, so each request leases one.

#include <yhteisaika/store/store.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace yhteisaika::service {

class StorePool {
 public:
  // Opens `size` connections to the database at `path` (migrating it once).
  static Result<std::unique_ptr<StorePool>> open(const std::string& path, unsigned size);

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

  // Blocks until a connection is free.
  Lease lease();

 private:
  void give_back(std::unique_ptr<store::Store> store);

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace yhteisaika::service
