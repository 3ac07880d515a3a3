// The SQLite backend: one connection, its transactions, and opening a database.
// The rules are rule_store*.cpp's; the rows are sqlite_tables.cpp's and sqlite_case_tables.cpp's.

#include <yhteisaika/store/sqlite_store.hpp>

#include "migrations.hpp"
#include "sqlite_tables.hpp"
#include "wal_index_watch.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <filesystem>
#include <optional>

namespace yhteisaika::store {

namespace detail {
namespace {

class SqliteBackend final : public Backend {
 public:
  SqliteBackend(const std::string& path, int flags, std::chrono::milliseconds busy_timeout)
      : path_(path), db_(path, flags, static_cast<int>(busy_timeout.count())), busy_timeout_(busy_timeout) {}

  // WAL lets readers run beside the one writer; FULL makes a commit durable.
  Result<void> init() {
    return guarded("opening the database", [&]() -> Result<void> {
      db_.exec("PRAGMA journal_mode = WAL");
      db_.exec("PRAGMA synchronous = FULL");
      db_.exec("PRAGMA foreign_keys = ON");
      // Deleted and overwritten rows are zeroed, not left in free space: erased
      // contact data must not linger in the file (forget_overwritten()).
      db_.exec("PRAGMA secure_delete = ON");
      if (auto migrated = migrate(db_); !migrated) return migrated.error();
      tables_.emplace(db_, path_);
      wal_watch_.emplace(db_.getHandle());
      return {};
    });
  }

  Result<void> run(const char* what, Access access, const std::function<Result<void>(Tables&)>& body) override {
    return guarded(what, [&]() -> Result<void> {
      // Reads need no transaction: in WAL mode each statement reads a committed state.
      if (access == Access::read) return body(*tables_);
      // IMMEDIATE takes the write lock now, so re-checks and writes see the same
      // bookings: no other connection can write in between.
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      auto done = body(*tables_);
      if (done) tx.commit();
      return done;  // an error leaves `tx` to roll back
    });
  }

  Result<void> forget_overwritten() override {
    return guarded("checkpointing the database", [&]() -> Result<void> {
      db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      return {};
    });
  }

  void set_busy_timeout(std::chrono::milliseconds timeout) override {
    busy_timeout_ = timeout;
    db_.setBusyTimeout(static_cast<int>(busy_timeout_.count()));
  }

  Result<std::int64_t> others_changed() override {
    // Feeds ask this on every request: skip the read transaction when no commit
    // can have happened since the last answer (wal_index_watch.hpp).
    if (data_version_ && wal_watch_ && wal_watch_->unchanged_since_mark()) return *data_version_;
    return guarded("reading the data version", [&]() -> Result<std::int64_t> {
      if (wal_watch_) wal_watch_->mark();
      data_version_ = tables_->data_version();
      return *data_version_;
    });
  }

 private:
  // Runs `f`, turning a SQLite exception into Errc::busy (the write lock was
  // held by another connection for the whole busy timeout) or Errc::database,
  // whose message keeps SQLite's text out. A transaction open inside `f` rolls
  // back as the exception leaves it.
  template <class F>
  auto guarded(const char* what, F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) return busy_error(what, busy_timeout_, path_);
      return database_error(what, sqlite_text(e), path_);
    }
  }

  std::string path_;
  SQLite::Database db_;
  std::chrono::milliseconds busy_timeout_;
  std::optional<SqliteTables> tables_;  // made after the migrations have made the tables
  std::optional<WalIndexWatch> wal_watch_;
  std::optional<std::int64_t> data_version_;  // the last answer of others_changed()
};

// SQLite says only "unable to open database file" for both of these.
Result<void> check_path(const std::string& path, OpenMode mode) {
  if (path == ":memory:") return {};
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    return Error{Errc::database, "the folder " + folder.string() + " does not exist", Location::in(path)};
  }
  if (mode == OpenMode::must_exist && !std::filesystem::exists(path, ec)) {
    return Error{Errc::not_found,
                 "there is no database file (is the path right? `yhteisaika serve` creates the database on its "
                 "first start)",
                 Location::in(path)};
  }
  return {};
}

}  // namespace
}  // namespace detail

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, OpenMode mode,
                                                 std::chrono::milliseconds busy_timeout) {
  if (auto usable = detail::check_path(path, mode); !usable) return usable.error();
  const int flags = SQLite::OPEN_READWRITE | (mode == OpenMode::create_if_missing ? SQLite::OPEN_CREATE : 0);
  std::unique_ptr<detail::SqliteBackend> backend;
  try {
    backend =
        std::make_unique<detail::SqliteBackend>(path, flags, std::max(busy_timeout, std::chrono::milliseconds{0}));
  } catch (const SQLite::Exception& e) {
    return detail::database_error("opening the database", detail::sqlite_text(e), path);
  }
  if (auto ready = backend->init(); !ready) return ready.error();
  return detail::make_store(std::move(backend));
}

}  // namespace yhteisaika::store
