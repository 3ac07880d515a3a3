#pragma once
// Schema migrations, versioned with PRAGMA user_version.

#include <yhteisaika/error.hpp>

#include <SQLiteCpp/Database.h>

namespace yhteisaika::store {

// Runs every step newer than the database's user_version, each in its own
// IMMEDIATE transaction that also sets user_version, so a crash leaves the
// database at a whole step and several processes may open it at once.
// Errc::schema_too_new if the database is newer than this build.
// Throws SQLite::Exception on SQLite errors.
Result<void> migrate(SQLite::Database& db);

}  // namespace yhteisaika::store
