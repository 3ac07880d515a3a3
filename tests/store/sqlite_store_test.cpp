// What only the SQLite store does: a file in WAL mode, migrated; opening modes;
// SQLite's errors kept out of the messages. The Store contract itself is
// store_contract_test.cpp's, run against this store too.
#include "contract.hpp"

#include <SQLiteCpp/Database.h>

using namespace contract;
using store::Errc;

namespace {

std::unique_ptr<Store> open(const std::string& path) {
  auto opened = store::open_sqlite_store(path);
  REQUIRE(opened.has_value());
  return std::move(*opened);
}

int user_version(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

}  // namespace

TEST_CASE("a new database is migrated to the latest schema, and reopening it keeps the data", "[store][migrations]") {
  TempDb db;
  {
    auto s = open(db.path.string());
    seed(*s);
  }
  CHECK(user_version(db.path.string()) == store::latest_schema_version());
  {
    SQLite::Database raw(db.path.string(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  }
  auto again = open(db.path.string());
  CHECK(user_version(db.path.string()) == store::latest_schema_version());
  auto doctor = again->professional(kDoctor);
  REQUIRE(doctor.has_value());
  CHECK(doctor->email == "laakari-virtanen@example.fi");
  CHECK(again->professionals()->size() == 3);
}

TEST_CASE("a database written by a newer build is refused", "[store][migrations]") {
  TempDb db;
  { open(db.path.string()); }
  {
    SQLite::Database raw(db.path.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 999");
  }
  auto opened = store::open_sqlite_store(db.path.string());
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().code == Errc::schema_too_new);
}

TEST_CASE("a database that must exist is not created, and a missing folder is named", "[store][open][issue-10]") {
  // A mistyped --db path silently created a new empty database for `token create`
  // and `feed-url`, and a path in a missing folder said only "unable to open".
  TempDb db;
  auto missing = store::open_sqlite_store(db.path.string(), store::OpenMode::must_exist);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == Errc::not_found);
  CHECK(missing.error().where == Location::in(db.path.string()));
  CHECK_THAT(missing.error().message, Catch::Contains("no database file"));
  CHECK_FALSE(std::filesystem::exists(db.path));

  { open(db.path.string()); }
  CHECK(store::open_sqlite_store(db.path.string(), store::OpenMode::must_exist).has_value());

  const auto folder = db.path.string() + "-no-such-folder";
  const auto in_missing_folder = store::open_sqlite_store(folder + "/x.db");
  REQUIRE_FALSE(in_missing_folder.has_value());
  CHECK(in_missing_folder.error().to_string() == folder + "/x.db: the folder " + folder + " does not exist");
}

TEST_CASE("SQLite's own text goes to the error's internal part, never to its message", "[store][errors][issue-11]") {
  // SQLite's message (e.g. "no such table: audit_log") was the Error's message,
  // which the HTTP layer sends to clients as `detail`.
  TempDb db;

  SECTION("a file that is not a database") {
    {
      std::ofstream out(db.path, std::ios::binary);
      out << std::string(4096, 'x');
    }
    auto opened = store::open_sqlite_store(db.path.string());
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().code == Errc::database);
    CHECK(opened.error().message == "opening the database failed: the database could not be read or written");
    CHECK_THAT(opened.error().internal, Catch::Contains("not a database"));
  }
  SECTION("a table gone under a running store") {
    auto s = open(db.path.string());
    seed(*s);
    {
      SQLite::Database raw(db.path.string(), SQLite::OPEN_READWRITE);
      raw.exec("DROP TABLE audit_log");
    }
    auto log = s->audit_log(kAllTime);
    REQUIRE_FALSE(log.has_value());
    CHECK(log.error().code == Errc::database);
    CHECK(log.error().message == "reading the audit log failed: the database could not be read or written");
    CHECK(log.error().where == Location::in(db.path.string()));
    CHECK_THAT(log.error().internal, Catch::Contains("no such table: audit_log"));

    // A write, and one booking of a batch (in its savepoint), say so alike.
    auto batch = s->book_meetings({{meeting_at({at(9), at(10)}, {kDoctor}), kChange}});
    REQUIRE_FALSE(batch.front().has_value());
    CHECK(batch.front().error().code == Errc::database);
    CHECK(batch.front().error().message == "booking a meeting failed: the database could not be read or written");
    CHECK_THAT(batch.front().error().internal, Catch::Contains("audit_log"));
    CHECK(s->meetings_in(kAllTime)->empty());  // the failed booking wrote nothing
  }
}
