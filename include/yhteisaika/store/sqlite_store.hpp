#pragma once
// The SQLite Store: one connection per Store object.

#include <yhteisaika/store/store.hpp>

#include <memory>
#include <string>

namespace yhteisaika::store {

// Opens (creating if missing) the database at `path` (":memory:" for a private
// in-memory one), sets WAL, synchronous=FULL, a busy timeout and foreign keys,
// and runs any pending migrations. Errc::schema_too_new if the file's
// user_version is newer than this build knows; Errc::database on SQLite errors.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

// The schema version this build migrates to (PRAGMA user_version).
int latest_schema_version() noexcept;

}  // namespace yhteisaika::store
