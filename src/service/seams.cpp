#include <yhteisaika/service/seams.hpp>

#include <yhteisaika/store/sqlite_store.hpp>

namespace yhteisaika::service {

StoreFactory sqlite_store_at(std::string path, std::chrono::milliseconds busy_timeout) {
  return [path = std::move(path), busy_timeout]() {
    return store::open_sqlite_store(path, store::OpenMode::create_if_missing, busy_timeout);
  };
}

}  // namespace yhteisaika::service
