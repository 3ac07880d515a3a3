#pragma once
// Private to store/: a cheap "has anyone committed since?" for a database in
// WAL mode, read from the wal-index header in its -shm file
// (https://www.sqlite.org/walformat.html §2.1: two 48-byte copies of the header
// at the start of the file; every commit, by any connection or process, changes
// them, e.g. iChange and mxFrame). Reading mapped memory takes no lock and no
// system call, where PRAGMA data_version takes a read transaction (fcntl locks)
// each time: this keeps that off the feed's hot path.
//
// The answer may be "changed" when nothing was committed (a torn read while a
// writer updates the header, or no -shm file at all): the caller then asks
// SQLite. It is never "unchanged" after a commit that finished before the call.
//
// Thread safety: one object per connection, used under the caller's lock.

#include <cstddef>
#include <optional>
#include <string>

namespace yhteisaika::store::detail {

class WalIndexWatch {
 public:
  // Maps `db_path` + "-shm" read-only when it exists (the database is open in WAL mode).
  explicit WalIndexWatch(const std::string& db_path);
  ~WalIndexWatch();
  WalIndexWatch(const WalIndexWatch&) = delete;
  WalIndexWatch& operator=(const WalIndexWatch&) = delete;

  // Remembers the header as it is now. Call BEFORE asking SQLite, so that a
  // commit between the two shows as a change next time.
  void mark();
  // Whether the header still equals the one mark() saw (false when never marked).
  bool unchanged_since_mark() const;

 private:
  static constexpr std::size_t kHeaderBytes = 96;  // both copies of WalIndexHdr
  const unsigned char* map_ = nullptr;
  std::optional<std::string> marked_;
};

}  // namespace yhteisaika::store::detail
