// The schema migrations (src/store/migrations.hpp), on raw SQLite connections.
#include "contract.hpp"
#include "migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <set>

using namespace contract;

namespace {

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

std::set<std::string> tables(SQLite::Database& db) {
  SQLite::Statement s(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  std::set<std::string> out;
  while (s.executeStep()) out.insert(s.getColumn(0).getString());
  return out;
}

std::set<std::string> columns(SQLite::Database& db, const std::string& table) {
  SQLite::Statement s(db, "SELECT name FROM pragma_table_info(?)");
  s.bind(1, table);
  std::set<std::string> out;
  while (s.executeStep()) out.insert(s.getColumn(0).getString());
  return out;
}

// The whole schema as SQLite keeps it.
std::string schema(SQLite::Database& db) {
  SQLite::Statement s(db, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY name");
  std::string out;
  while (s.executeStep()) out += s.getColumn(0).getString() + "\n";
  return out;
}

std::span<const char* const> first_steps(std::size_t n) { return store::schema_steps().first(n); }

}  // namespace

TEST_CASE("a fresh database reaches the latest schema version with every table", "[store][migrations]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  REQUIRE(user_version(db) == 0);
  REQUIRE(store::migrate(db).has_value());
  CHECK(user_version(db) == store::latest_schema_version());
  CHECK(static_cast<int>(store::schema_steps().size()) == store::latest_schema_version());
  CHECK(tables(db) == std::set<std::string>{"answer_links",
                                            "api_tokens",
                                            "audit_log",
                                            "case_participants",
                                            "case_stage_moves",
                                            "case_team",
                                            "cases",
                                            "feed_secrets",
                                            "mail_notices",
                                            "meeting_attendees",
                                            "meeting_participants",
                                            "meetings",
                                            "outbox",
                                            "professionals",
                                            "rooms"});
  // Columns that later steps added.
  const auto meetings = columns(db, "meetings");
  for (const char* added : {"title", "organizer", "updated_at", "reschedules"}) {
    INFO(added);
    CHECK(meetings.contains(added));
  }
  CHECK(columns(db, "meeting_attendees").contains("answered_at"));
}

TEST_CASE("a failing step leaves the database at the last whole step", "[store][migrations]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const std::vector<const char*> steps{store::schema_steps()[0],
                                       "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);"};
  CHECK_THROWS_AS(store::migrate(db, steps), SQLite::Exception);
  CHECK(user_version(db) == 1);
  CHECK(tables(db).contains("professionals"));    // step 1 stays
  CHECK_FALSE(tables(db).contains("half_done"));  // nothing of step 2 does
}

TEST_CASE("running the migrations again changes nothing and takes no write lock", "[store][migrations]") {
  TempDb file;
  SQLite::Database db(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = WAL");
  REQUIRE(store::migrate(db).has_value());
  const std::string before = schema(db);

  // Another connection writes meanwhile: an up-to-date database is only read.
  SQLite::Database other(file.path.string(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  db.setBusyTimeout(0);
  REQUIRE(store::migrate(db).has_value());
  other.exec("ROLLBACK");

  CHECK(schema(db) == before);
  CHECK(user_version(db) == store::latest_schema_version());
}

TEST_CASE("a database of an older version migrates with its rows kept", "[store][migrations]") {
  TempDb file;
  {
    SQLite::Database db(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(store::migrate(db, first_steps(2)).has_value());  // before titles, reschedules and e-mail
    REQUIRE(user_version(db) == 2);
    db.exec(
        "INSERT INTO professionals VALUES ('laakari-virtanen', 'Name', 'lääkäri', 'Unit A', 'l@example.fi', 'l.ics');"
        "INSERT INTO cases VALUES ('YA-2026-0042', 'laakari-virtanen', '2026-11-20');"
        "INSERT INTO meetings (id, case_ref, start_s, end_s, in_hole, status, sequence, location, description, "
        "created_at, requested_at) VALUES (7, 'YA-2026-0042', 1000, 4600, 1, 'scheduled', 0, 'Room 2', 'Joint', "
        "500, 400);"
        "INSERT INTO meeting_attendees VALUES (7, 'laakari-virtanen', 0, 'required', 'ACCEPTED');");
  }
  {
    // A build that knows fewer steps refuses the database.
    SQLite::Database db(file.path.string(), SQLite::OPEN_READONLY);
    auto refused = store::migrate(db, first_steps(1));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == store::Errc::schema_too_new);
  }

  auto s = store::open_sqlite_store(file.path.string(), store::OpenMode::must_exist);
  REQUIRE(s.has_value());
  auto m = (*s)->meeting(store::MeetingId{7});
  REQUIRE(m.has_value());
  CHECK(m->case_ref == kCase);
  CHECK(m->when == Interval{Instant{std::chrono::seconds{1000}}, Instant{std::chrono::seconds{4600}}});
  CHECK(m->location == "Room 2");
  CHECK(m->title.empty());
  CHECK_FALSE(m->organizer.has_value());
  CHECK(m->updated_at == m->created_at);  // step 3 fills the new column from the old one
  CHECK(m->reschedules == 0);
  REQUIRE(m->attendees.size() == 1);
  CHECK(m->attendees[0].partstat == "ACCEPTED");
  CHECK_FALSE(m->attendees[0].answered_at.has_value());
  CHECK((*s)->professional(kDoctor)->unit == "Unit A");
  CHECK((*s)->case_by_ref(kCase)->identified_on == std::chrono::year{2026} / 11 / 20);

  SQLite::Database raw(file.path.string(), SQLite::OPEN_READONLY);
  CHECK(user_version(raw) == store::latest_schema_version());
}
