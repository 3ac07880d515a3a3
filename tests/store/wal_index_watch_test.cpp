// The wal-index watch (src/store/wal_index_watch.hpp): "has anyone committed
// since?" from the -shm file's header, without asking SQLite.
#include "contract.hpp"
#include "wal_index_watch.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace contract;
using yhteisaika::store::detail::WalIndexWatch;

TEST_CASE("without a wal-index the watch never answers unchanged", "[store][wal-index]") {
  TempDb file;
  SQLite::Database rollback_journal(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  WalIndexWatch watch(rollback_journal.getHandle());
  CHECK_FALSE(watch.unchanged_since_mark());
  watch.mark();
  CHECK_FALSE(watch.unchanged_since_mark());  // the caller asks SQLite every time
}

TEST_CASE("every commit changes the wal-index header, and reads do not", "[store][wal-index]") {
  TempDb file;
  SQLite::Database writer(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  writer.exec("PRAGMA journal_mode = WAL");
  writer.exec("CREATE TABLE t (x INTEGER)");
  SQLite::Database reader(file.path.string(), SQLite::OPEN_READONLY);
  CHECK(reader.execAndGet("SELECT count(*) FROM t").getInt() == 0);  // opens its wal-index

  WalIndexWatch watch(reader.getHandle());
  CHECK_FALSE(watch.unchanged_since_mark());  // never marked
  watch.mark();
  CHECK(watch.unchanged_since_mark());

  CHECK(reader.execAndGet("SELECT count(*) FROM t").getInt() == 0);
  CHECK(watch.unchanged_since_mark());

  for (int i = 0; i < 20; ++i) {
    writer.exec("INSERT INTO t VALUES (1)");
    CHECK_FALSE(watch.unchanged_since_mark());
    watch.mark();
    CHECK(watch.unchanged_since_mark());
  }
  // A transaction that rolls back commits nothing.
  writer.exec("BEGIN IMMEDIATE");
  writer.exec("INSERT INTO t VALUES (2)");
  writer.exec("ROLLBACK");
  CHECK(watch.unchanged_since_mark());
}

TEST_CASE("a watch keeps SQLite's locks on the -shm file, so another connection cannot truncate it",
          "[store][wal-index][regression]") {
  // The watch once opened and closed the -shm file itself; closing it dropped
  // SQLite's POSIX locks on it, and a `token create` (another process) then
  // truncated the file: the service died with SIGBUS in its next commit.
  TempDb file;
  SQLite::Database service(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  service.exec("PRAGMA journal_mode = WAL");
  service.exec("CREATE TABLE t (x INTEGER)");
  for (int i = 0; i < 50; ++i) service.exec("INSERT INTO t VALUES (1)");
  WalIndexWatch watch(service.getHandle());
  const auto shm = file.path.string() + "-shm";
  const auto size_before = std::filesystem::file_size(shm);
  REQUIRE(size_before > 0);
  // Another process asks for SQLite's "dead man switch" lock on the -shm (byte
  // 128, unix VFS): it must be refused while this process has the database
  // open. Were our locks gone, the next process to open the database would
  // take the -shm as its own and truncate it.
  const std::string other = "/usr/bin/python3 -c \"import fcntl, sys; f = open('" + shm +
                            "', 'r+b')\ntry: fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)\n"
                            "except OSError: sys.exit(0)\nsys.exit(1)\"";
  CHECK(std::system(other.c_str()) == 0);
  CHECK(std::filesystem::file_size(shm) == size_before);
  service.exec("INSERT INTO t VALUES (2)");
  CHECK_FALSE(watch.unchanged_since_mark());
}
