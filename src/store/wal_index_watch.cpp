#include "wal_index_watch.hpp"

#include <sqlite3.h>

#include <cstring>

namespace yhteisaika::store::detail {

WalIndexWatch::WalIndexWatch(sqlite3* db) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file) return;
  const sqlite3_io_methods* io = file->pMethods;
  if (!io || io->iVersion < 2 || !io->xShmMap) return;
  // Region 0 (32 KiB) starts with the header; bExtend 0: only if it exists.
  volatile void* region = nullptr;
  if (io->xShmMap(file, 0, 32 * 1024, 0, &region) != SQLITE_OK || !region) return;
  map_ = static_cast<const volatile unsigned char*>(region);
}

void WalIndexWatch::mark() {
  if (!map_) return;
  std::string copy(kHeaderBytes, '\0');
  for (std::size_t i = 0; i < kHeaderBytes; ++i) copy[i] = static_cast<char>(map_[i]);
  marked_ = std::move(copy);
}

bool WalIndexWatch::unchanged_since_mark() const {
  if (!map_ || !marked_) return false;
  for (std::size_t i = 0; i < kHeaderBytes; ++i) {
    if (static_cast<char>(map_[i]) != (*marked_)[i]) return false;
  }
  return true;
}

}  // namespace yhteisaika::store::detail
