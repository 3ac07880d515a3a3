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
                                            "room_feed_secrets",
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

TEST_CASE("a database of the version before cases migrates its case rows and meetings' references into cases",
          "[store][migrations][cases]") {
  TempDb file;
  const auto day = [](unsigned d) { return std::chrono::sys_days{std::chrono::year{2026} / 11 / d}; };
  const auto seconds = [&](unsigned d) { return std::to_string(day(d).time_since_epoch().count() * 86400); };
  {
    // As the previous version left it; its connection did not enforce foreign
    // keys, so a meeting's reference may lack its case row.
    SQLite::Database db(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(store::migrate(db, first_steps(5)).has_value());
    for (const ParticipantId& id : {kDoctor, kSocial, kTherapist}) {
      db.exec("INSERT INTO professionals VALUES ('" + id.value + "', 'N', 'p', 'U', 'e', 'c')");
    }
    db.exec("INSERT INTO cases VALUES ('YA-1', 'sosiaali-korhonen', '2026-11-02')");
    const std::string columns =
        "INSERT INTO meetings (id, case_ref, start_s, end_s, in_hole, status, sequence, location, description, "
        "created_at, requested_at, organizer) VALUES ";
    db.exec(columns + "(1, 'YA-1', 1000, 4600, 1, 'scheduled', 0, '', '', 500, 400, 'laakari-virtanen')");
    db.exec(columns + "(2, 'YA-2', 9000, 9600, 0, 'cancelled', 1, '', '', " + seconds(21) + ", 400, '')");
    db.exec(columns + "(3, 'YA-2', 9600, 9900, 0, 'scheduled', 0, '', '', " + seconds(25) + ", 400, '')");
    db.exec(columns + "(4, 'YA-3', 9900, 9950, 0, 'scheduled', 0, '', '', " + seconds(23) + ", 400, " +
            "'sosiaali-korhonen')");
    // Meeting 2 is organized by nobody: its first required attendee keeps the case.
    db.exec(
        "INSERT INTO meeting_attendees (meeting_id, participant_id, position, role, partstat) VALUES "
        "(2, 'terapeutti-nieminen', 0, 'optional', 'NEEDS-ACTION'), "
        "(2, 'laakari-virtanen', 1, 'required', 'NEEDS-ACTION'), (3, 'sosiaali-korhonen', 0, 'required', 'ACCEPTED')");
  }

  auto opened = store::open_sqlite_store(file.path.string(), store::OpenMode::must_exist);
  REQUIRE(opened.has_value());
  Store& s = **opened;
  auto cases = s.list_cases();
  REQUIRE(cases.has_value());
  REQUIRE(cases->size() == 3);
  const auto by_ref = [&](const char* ref) {
    auto c = s.case_by_ref(CaseRef{ref});
    REQUIRE(c.has_value());
    return *c;
  };
  const store::Case kept = by_ref("YA-1");  // the case row as it was
  CHECK(kept.coordinator == kSocial);
  CHECK(kept.identified_on == std::chrono::year{2026} / 11 / 2);
  CHECK(kept.stage == cases::Stage::identified);
  CHECK(kept.trigger == cases::Trigger::other);
  CHECK(kept.history.empty());
  const store::Case unorganized = by_ref("YA-2");
  CHECK(unorganized.coordinator == kDoctor);
  CHECK(unorganized.identified_on == std::chrono::year{2026} / 11 / 21);  // its first meeting's booking
  CHECK(by_ref("YA-3").coordinator == kSocial);  // the organizer
  CHECK(by_ref("YA-3").identified_on == std::chrono::year{2026} / 11 / 23);

  // Each meeting belongs to its case and keeps its status.
  for (std::int64_t id : {1, 2, 3, 4}) {
    auto m = s.meeting(store::MeetingId{id});
    REQUIRE(m.has_value());
    INFO("meeting " << id);
    CHECK(m->case_id == std::optional<store::CaseId>{by_ref(m->case_ref.value.c_str()).id});
    CHECK(m->kind == cases::MeetingKind::other);
    CHECK_FALSE(m->room.has_value());
    CHECK(m->participants.empty());
  }
  CHECK(s.meeting(store::MeetingId{2})->status == store::MeetingStatus::cancelled);
  CHECK(s.meeting(store::MeetingId{3})->status == store::MeetingStatus::scheduled);

  // The migrated cases work as new ones do; a new case gets an id of its own.
  auto p = s.add_participant(unorganized.id, participant(cases::ParticipantKind::client, "Asiakas"), kChange);
  REQUIRE(p.has_value());
  CHECK(p->id == "p1");
  auto fresh = s.create_case(new_case(CaseRef{"YA-4"}), kChange);
  REQUIRE(fresh.has_value());
  CHECK(fresh->id.value == 4);
  store::NewMeeting m = meeting_at({at(9), at(10)}, {kTherapist});
  m.case_ref = CaseRef{"YA-1"};
  m.case_record.reset();
  auto booked = book(s, m);
  REQUIRE(booked.has_value());
  CHECK(booked->case_id == std::optional<store::CaseId>{kept.id});
}
