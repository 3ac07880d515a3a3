#pragma once
// The store contract suite's fixtures: every TEMPLATE_TEST_CASE(..., Sqlite, Memory)
// runs once against each Store implementation. A fixture type opens handles on one
// database (each handle like one connection), shows what it keeps (to check that
// no secret is stored) and holds its write lock as another process would.

#include <yhteisaika/store/memory_store.hpp>
#include <yhteisaika/store/sqlite_store.hpp>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>

namespace contract {

using namespace yhteisaika;
using store::Store;
using time::Instant;
using time::Interval;

// A database file in a temporary folder, removed (with its WAL files) at the end.
// The folder is the RAM disk where there is one: the store syncs each commit to
// disk (synchronous=FULL), which costs nothing there and seconds on a real disk.
struct TempDb {
  std::filesystem::path path;
  TempDb() {
    std::error_code ec;
    const auto folder = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                                      : std::filesystem::temp_directory_path();
    std::random_device random;
    path = folder / ("yhteisaika-store-" + std::to_string(random()) + ".db");
  }
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  std::string bytes() const {
    std::string all;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(path.string() + suffix, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
};

// The SQLite store on a database file.
struct Sqlite {
  TempDb file;

  // Without Catch2's assertions, which are not for other threads.
  Result<std::unique_ptr<Store>> try_open(std::chrono::milliseconds busy_timeout = store::kDefaultBusyTimeout) const {
    return store::open_sqlite_store(file.path.string(), store::OpenMode::create_if_missing, busy_timeout);
  }
  std::unique_ptr<Store> open(std::chrono::milliseconds busy_timeout = store::kDefaultBusyTimeout) const {
    auto opened = try_open(busy_timeout);
    if (!opened) FAIL(opened.error().to_string());
    return std::move(*opened);
  }
  // The file's bytes (and its WAL's).
  std::string stored() const { return file.bytes(); }
  // Another process's write lock (BEGIN IMMEDIATE), until the returned object ends.
  std::shared_ptr<void> hold_write_lock() const {
    auto locker = std::make_shared<SQLite::Database>(file.path.string(), SQLite::OPEN_READWRITE);
    locker->exec("BEGIN IMMEDIATE");
    return std::shared_ptr<void>(locker.get(), [locker](void*) { locker->exec("ROLLBACK"); });
  }
};

// The in-memory store.
struct Memory {
  std::shared_ptr<store::MemoryDatabase> db = std::make_shared<store::MemoryDatabase>();

  std::unique_ptr<Store> open(std::chrono::milliseconds busy_timeout = store::kDefaultBusyTimeout) const {
    auto s = store::open_memory_store(db);
    s->set_busy_timeout(busy_timeout);
    return s;
  }
  Result<std::unique_ptr<Store>> try_open() const { return open(); }
  std::string stored() const { return db->dump(); }
  std::shared_ptr<void> hold_write_lock() const {
    return std::make_shared<store::MemoryDatabase::WriteLockHold>(db->hold_write_lock());
  }
};

// 2026-11-24 (a Tuesday) at hh:mm UTC.
inline Instant at(int hour, int minute = 0) {
  return std::chrono::sys_days{std::chrono::year{2026} / 11 / 24} + std::chrono::hours{hour} +
         std::chrono::minutes{minute};
}

inline const ParticipantId kDoctor{"laakari-virtanen"};
inline const ParticipantId kSocial{"sosiaali-korhonen"};
inline const ParticipantId kTherapist{"terapeutti-nieminen"};
inline const CaseRef kCase{"YA-2026-0042"};
inline const store::Change kChange{"coordinator-token", at(7)};
// Who seeds the professionals, so that audit checks can leave the seeding out.
inline const store::Change kSeed{"seed", at(0)};
inline const Interval kAllTime{Instant{}, at(23) + std::chrono::days{365}};

inline store::Professional professional(const ParticipantId& id) {
  return {id, "Name of " + id.value, "profession", "Unit A", id.value + "@example.fi", id.value + ".ics"};
}

// The doctor, the social worker and the therapist, as `serve` makes them.
inline void seed(Store& s) {
  for (const ParticipantId& id : {kDoctor, kSocial, kTherapist})
    REQUIRE(s.create_professional(professional(id), kSeed));
}

// A case as a booking saves it (NewMeeting::case_record).
inline store::Case case_record(CaseRef ref, ParticipantId coordinator, std::chrono::year_month_day identified_on) {
  store::Case c;
  c.ref = std::move(ref);
  c.coordinator = std::move(coordinator);
  c.identified_on = identified_on;
  return c;
}

// A meeting of kCase (saved with it, as the service books a case's meeting).
inline store::NewMeeting meeting_at(Interval when, std::vector<ParticipantId> ids) {
  store::NewMeeting m;
  m.case_ref = kCase;
  m.case_record = case_record(kCase, kSocial, std::chrono::year{2026} / 11 / 20);
  m.when = when;
  m.in_hole = true;
  for (auto& id : ids)
    m.attendees.push_back({std::move(id), store::AttendeeRole::required, "NEEDS-ACTION", std::nullopt});
  m.location = "Room 2";
  m.description = "Joint meeting";
  m.requested_at = at(6);
  return m;
}

// A new case of the team's social worker (the coordinator) and doctor.
inline store::Case new_case(CaseRef ref = kCase) {
  store::Case c = case_record(std::move(ref), kSocial, std::chrono::year{2026} / 11 / 20);
  c.trigger = cases::Trigger::triage;
  c.segment = 3;
  c.team = {kSocial, kDoctor};
  return c;
}

// A room for `capacity` people.
inline store::Room room(const std::string& id, int capacity = 6) {
  return {RoomId{id}, "Huone " + id, "Kallion terveysasema, " + id, capacity, id + ".ics"};
}

// Someone around the client, free on Tuesdays and Thursdays 12-16 (Helsinki wall time).
inline cases::Participant participant(cases::ParticipantKind kind, std::string label,
                                      std::optional<std::string> email = std::nullopt) {
  cases::Participant p;
  p.kind = kind;
  p.label = std::move(label);
  p.email = std::move(email);
  cases::WeeklyWindow w;
  w.days[2] = w.days[4] = true;
  w.from = std::chrono::hours{12};
  w.to = std::chrono::hours{16};
  p.availability = {w};
  p.unavailable = {{at(0), at(0) + std::chrono::days{2}}};
  return p;
}

// One booking, as the service's booking queue books: a batch of one.
inline Result<store::Meeting> book(Store& s, const store::NewMeeting& m, const store::Change& change = kChange) {
  auto answers = s.book_meetings({{m, change}});
  REQUIRE(answers.size() == 1);
  return std::move(answers.front());
}

inline Result<store::Meeting> book(Store& s, Interval when, std::vector<ParticipantId> ids) {
  return book(s, meeting_at(when, std::move(ids)));
}

// `id`'s busy intervals from bookings in `window`.
inline std::vector<Interval> busy_of(Store& s, const ParticipantId& id, Interval window) {
  auto busy = s.busy_from_bookings(window);
  REQUIRE(busy.has_value());
  auto it = busy->find(id);
  return it == busy->end() ? std::vector<Interval>{} : it->second;
}

// Whether `secret` opens `id`'s feed.
inline bool opens_feed(Store& s, const ParticipantId& id, const std::string& secret) {
  auto owner = s.feed_owner(secret);
  REQUIRE(owner.has_value());
  return *owner == std::optional<ParticipantId>{id};
}

// The audit log without the seeding's entries.
inline std::vector<store::AuditEntry> audit_after_seed(Store& s, Interval window = kAllTime) {
  auto log = s.audit_log(window);
  REQUIRE(log.has_value());
  std::vector<store::AuditEntry> out;
  for (auto& e : *log) {
    if (e.actor != kSeed.actor) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace contract
