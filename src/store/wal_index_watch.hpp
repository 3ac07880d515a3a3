#pragma once
// Private to store/: a cheap "has anyone committed since?" for a database in
// WAL mode, read from the wal-index header in its -shm file
// (https://www.sqlite.org/walformat.html §2.1: two 48-byte copies of the header
// at the start of the file; every commit, by any connection or process, changes
// them, e.g. iChange and mxFrame). Reading mapped memory takes no lock and no
// system call, where PRAGMA data_version takes a read transaction (fcntl locks)
// each time: this keeps that off the feed's hot path.
//
// The header is read through SQLite's own mapping of the -shm file (the VFS's
// xShmMap), never by opening the file: closing any descriptor of a file drops
// every POSIX lock the process holds on it, SQLite's included, after which
// another process (a `token create`) may truncate the -shm under the running
// service, which then dies with SIGBUS inside SQLite's next commit.
//
// The answer may be "changed" when nothing was committed (a torn read while a
// writer updates the header, or no wal-index yet): the caller then asks
// SQLite. It is never "unchanged" after a commit that finished before the call.
//
// Thread safety: one object per connection, used under the caller's lock.

#include <cstddef>
#include <optional>
#include <string>

struct sqlite3;

namespace yhteisaika::store::detail {

class WalIndexWatch {
 public:
  // Watches `db`'s wal-index, when it has one (the database is in WAL mode and
  // `db` has read it). `db` must outlive the watch.
  explicit WalIndexWatch(sqlite3* db);
  WalIndexWatch(const WalIndexWatch&) = delete;
  WalIndexWatch& operator=(const WalIndexWatch&) = delete;

  // Remembers the header as it is now. Call BEFORE asking SQLite, so that a
  // commit between the two shows as a change next time.
  void mark();
  // Whether the header still equals the one mark() saw (false when never marked).
  bool unchanged_since_mark() const;

 private:
  static constexpr std::size_t kHeaderBytes = 96;  // both copies of WalIndexHdr
  const volatile unsigned char* map_ = nullptr;  // SQLite's, shared with writers
  std::optional<std::string> marked_;
};

}  // namespace yhteisaika::store::detail
