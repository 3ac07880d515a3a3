#pragma once
// Private to store/: schema migrations, versioned with PRAGMA user_version.

#include <yhteisaika/error.hpp>

#include <SQLiteCpp/Database.h>

#include <span>

namespace yhteisaika::store {

// The steps of this build's schema: step N (1-based) is SQL that takes a
// database from user_version N-1 to N.
std::span<const char* const> schema_steps() noexcept;

// Runs every step of `steps` newer than the database's user_version, each in its
// own IMMEDIATE transaction that also sets user_version, so a failing step (or a
// crash) leaves the database at the last whole step and several processes may
// open it at once. A database already at the last step is only read (no write
// lock). Errc::schema_too_new if the database is newer than `steps`.
// Throws SQLite::Exception on SQLite errors (a failing step's, too).
Result<void> migrate(SQLite::Database& db, std::span<const char* const> steps);
// This build's steps.
Result<void> migrate(SQLite::Database& db);

}  // namespace yhteisaika::store
