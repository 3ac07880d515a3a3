#pragma once
// The SQLite Store: one connection per Store object.

#include <yhteisaika/store/store.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace yhteisaika::store {

// How long a write waits for another connection's write lock by default.
inline constexpr std::chrono::milliseconds kDefaultBusyTimeout{5000};

// Opens (creating if missing) the database at `path` (":memory:" for a private
// in-memory one), sets WAL, synchronous=FULL, the busy timeout and foreign keys,
// and runs any pending migrations. Errc::schema_too_new if the file's
// user_version is newer than this build knows; Errc::busy when another
// connection holds the write lock for longer than `busy_timeout`;
// Errc::database on other SQLite errors. In WAL mode reads never wait for a writer.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 std::chrono::milliseconds busy_timeout = kDefaultBusyTimeout);

// The schema version this build migrates to (PRAGMA user_version).
int latest_schema_version() noexcept;

}  // namespace yhteisaika::store
