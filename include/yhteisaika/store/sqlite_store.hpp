#pragma once
// The SQLite Store: one connection per Store object, to one database file.

#include <yhteisaika/store/store.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace yhteisaika::store {

// Whether opening may create the database file. The service creates its
// database on first start; the command line's tools (token, feed-url, solve
// --db) open an existing one only, so that a mistyped path is an error rather
// than a new empty database.
enum class OpenMode { create_if_missing, must_exist };

// Opens the database at `path` (":memory:" for a private in-memory one), sets
// WAL, synchronous=FULL, the busy timeout and foreign keys, and runs any pending
// migrations. The errors name `path` as their place: Errc::database when its
// folder does not exist ("the folder ... does not exist") or on SQLite errors;
// Errc::not_found when the file does not exist and `mode` is must_exist;
// Errc::schema_too_new if the file's user_version is newer than this build knows;
// Errc::busy when another connection holds the write lock for longer than
// `busy_timeout`. In WAL mode reads never wait for a writer. SQLite's own text
// goes to Error::internal, never to `message`.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 OpenMode mode = OpenMode::create_if_missing,
                                                 std::chrono::milliseconds busy_timeout = kDefaultBusyTimeout);

// The schema version this build migrates to (PRAGMA user_version).
int latest_schema_version() noexcept;

}  // namespace yhteisaika::store
