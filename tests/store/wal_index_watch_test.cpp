// The wal-index watch (src/store/wal_index_watch.hpp): "has anyone committed
// since?" from the -shm file's header, without asking SQLite.
#include "contract.hpp"
#include "wal_index_watch.hpp"

#include <SQLiteCpp/Database.h>

using namespace contract;
using yhteisaika::store::detail::WalIndexWatch;

TEST_CASE("without a -shm file the watch never answers unchanged", "[store][wal-index]") {
  TempDb file;  // no database, so no -shm file
  WalIndexWatch watch(file.path.string());
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

  WalIndexWatch watch(file.path.string());
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
