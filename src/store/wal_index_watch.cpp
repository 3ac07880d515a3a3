#include "wal_index_watch.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace yhteisaika::store::detail {

WalIndexWatch::WalIndexWatch(const std::string& db_path) {
  const int fd = ::open((db_path + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(kHeaderBytes)) {
    void* p = ::mmap(nullptr, kHeaderBytes, PROT_READ, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) map_ = static_cast<const unsigned char*>(p);
  }
  ::close(fd);  // the mapping stays valid
}

WalIndexWatch::~WalIndexWatch() {
  if (map_) ::munmap(const_cast<unsigned char*>(map_), kHeaderBytes);
}

void WalIndexWatch::mark() {
  if (!map_) return;
  marked_.emplace(reinterpret_cast<const char*>(map_), kHeaderBytes);
}

bool WalIndexWatch::unchanged_since_mark() const {
  return map_ && marked_ && std::memcmp(marked_->data(), map_, kHeaderBytes) == 0;
}

}  // namespace yhteisaika::store::detail
