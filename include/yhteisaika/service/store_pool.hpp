#pragma once
// A few Store connections shared by the worker threads: one Store object is one
// connection and not thread-safe, so each request leases one. A lease never
// waits for another one: when every connection is leased (e.g. by writes
// waiting for another process's write lock), another connection is opened and
// kept. So reads, which never need the write lock, never wait behind a writer.
//
// Thread safety: lease() may be called from any thread; a Lease is used by one.

#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/store/store.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace yhteisaika::service {

class StorePool {
 public:
  // Opens `size` (at least one) connections with `open_store`, which opens more
  // when all are leased. An error is the first connection's that failed.
  static Result<std::unique_ptr<StorePool>> open(StoreFactory open_store, unsigned size);

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
  explicit StorePool(StoreFactory open_store) : open_store_(std::move(open_store)) {}
  void give_back(std::unique_ptr<store::Store> store);

  const StoreFactory open_store_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace yhteisaika::service
