#include <yhteisaika/service/store_pool.hpp>

#include <algorithm>

namespace yhteisaika::service {

Result<std::unique_ptr<StorePool>> StorePool::open(StoreFactory open_store, unsigned size) {
  std::unique_ptr<StorePool> pool(new StorePool(std::move(open_store)));
  for (unsigned i = 0; i < std::max(1u, size); ++i) {
    auto store = pool->open_store_();
    if (!store) return store.error();
    pool->idle_.push_back(std::move(*store));
  }
  return pool;
}

StorePool::Lease StorePool::lease() {
  std::unique_lock lock(mutex_);
  if (idle_.empty()) {
    // Opened outside the lock: others lease and give back meanwhile. Opening
    // SQLite needs no write lock (an up-to-date schema is only read).
    lock.unlock();
    if (auto fresh = open_store_()) return Lease(*this, std::move(*fresh));
    lock.lock();
  }
  returned_.wait(lock, [&] { return !idle_.empty(); });
  auto store = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(store));
}

void StorePool::give_back(std::unique_ptr<store::Store> store) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(store));
  }
  returned_.notify_one();
}

}  // namespace yhteisaika::service
