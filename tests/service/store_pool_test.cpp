// The pool of store connections (store_pool.hpp) over a database in memory,
// with a factory that counts the connections it opens (and can refuse more).
#include <yhteisaika/service/store_pool.hpp>

#include <yhteisaika/store/errc.hpp>

#include "../support/memory_database.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

using namespace yhteisaika;

namespace {

// Opens connections to `db` until `limit` are open, then refuses.
struct CountingFactory {
  explicit CountingFactory(const test::ScratchMemoryDatabase& db, int most = 1000) : open(db.factory()), limit(most) {}
  service::StoreFactory open;
  int limit;
  std::mutex mutex;
  std::condition_variable called;
  int calls = 0;
  int opened = 0;

  service::StoreFactory factory() {
    return [this]() -> Result<std::unique_ptr<store::Store>> {
      std::lock_guard lock(mutex);
      ++calls;
      called.notify_all();
      if (opened == limit) return Error{store::Errc::database, "too many connections", Location::in("the database")};
      ++opened;
      return open();
    };
  }
  // Whether the factory has been called `n` times; only a failing test waits the bound.
  bool was_called(int n) {
    std::unique_lock lock(mutex);
    return called.wait_for(lock, std::chrono::seconds{10}, [&] { return calls >= n; });
  }
};

}  // namespace

TEST_CASE("a lease never waits for another: with every connection leased, one more is opened and kept",
          "[service][store_pool]") {
  test::ScratchMemoryDatabase db;
  CountingFactory counting(db);
  auto pool = service::StorePool::open(counting.factory(), 1);
  REQUIRE(pool.has_value());
  CHECK(counting.opened == 1);
  const store::Store* first = nullptr;
  const store::Store* second = nullptr;
  {
    auto a = (*pool)->lease();
    auto b = (*pool)->lease();  // the only connection is leased: a new one, at once
    first = &*a;
    second = &*b;
    CHECK(first != second);
    CHECK(counting.opened == 2);
    CHECK(b->professionals().has_value());
  }
  // Both were given back and are leased again, not opened anew.
  auto c = (*pool)->lease();
  auto d = (*pool)->lease();
  CHECK(counting.opened == 2);
  CHECK(((&*c == first && &*d == second) || (&*c == second && &*d == first)));
}

TEST_CASE("when no more connections can be opened, a lease waits for one given back", "[service][store_pool]") {
  test::ScratchMemoryDatabase db;
  CountingFactory counting(db, 1);
  auto pool = service::StorePool::open(counting.factory(), 1);
  REQUIRE(pool.has_value());
  std::optional<service::StorePool::Lease> held{(*pool)->lease()};
  const store::Store* only = &**held;
  auto waiting = std::async(std::launch::async, [&] {
    auto lease = (*pool)->lease();
    return &*lease;
  });
  const bool refused = counting.was_called(2);  // it tried to open another, and could not
  held.reset();
  CHECK(refused);
  CHECK(waiting.get() == only);
}

TEST_CASE("a pool that cannot open its connections says why", "[service][store_pool]") {
  test::ScratchMemoryDatabase db;
  CountingFactory counting(db, 2);
  auto pool = service::StorePool::open(counting.factory(), 3);
  REQUIRE_FALSE(pool.has_value());
  CHECK(pool.error().message == "too many connections");
  CHECK(pool.error().where == Location::in("the database"));
}
