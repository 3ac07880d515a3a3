#include "migrations.hpp"

#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/store/sqlite_store.hpp>

#include <SQLiteCpp/Transaction.h>

#include <array>
#include <string>

namespace yhteisaika::store {

namespace {

// Step N (1-based) takes the schema from user_version N-1 to N. Append only:
// never edit a step that has shipped.
//
// Times are INTEGER seconds since the Unix epoch (UTC); intervals are half-open
// [start_s, end_s). Dates are TEXT 'YYYY-MM-DD'. Secrets are stored only as
// SHA-256 hex.
constexpr std::array<const char*, 7> kSteps = {
    // 1: the tables.
    R"sql(
CREATE TABLE professionals (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  profession      TEXT NOT NULL,
  unit            TEXT NOT NULL,
  email           TEXT NOT NULL,
  calendar_source TEXT NOT NULL
);
CREATE TABLE cases (
  ref           TEXT PRIMARY KEY,
  coordinator   TEXT NOT NULL REFERENCES professionals(id),
  identified_on TEXT NOT NULL
);
CREATE TABLE meetings (
  id           INTEGER PRIMARY KEY,
  case_ref     TEXT NOT NULL REFERENCES cases(ref),
  start_s      INTEGER NOT NULL,
  end_s        INTEGER NOT NULL,
  in_hole      INTEGER NOT NULL CHECK (in_hole IN (0, 1)),
  status       TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
  sequence     INTEGER NOT NULL DEFAULT 0,
  location     TEXT NOT NULL,
  description  TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  requested_at INTEGER NOT NULL,
  CHECK (start_s < end_s)
);
CREATE TABLE meeting_attendees (
  meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES professionals(id),
  position       INTEGER NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('required', 'optional')),
  partstat       TEXT NOT NULL,
  PRIMARY KEY (meeting_id, participant_id)
);
CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('coordinator', 'manager', 'admin')),
  hash       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE feed_secrets (
  participant_id TEXT PRIMARY KEY REFERENCES professionals(id),
  hash           TEXT NOT NULL,
  rotated_at     INTEGER NOT NULL
);
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL
);
)sql",
    // 2: indexes for the overlap re-check, busy lists and the audit window.
    R"sql(
CREATE INDEX meeting_attendees_by_participant ON meeting_attendees(participant_id, meeting_id);
CREATE INDEX meetings_by_status_start ON meetings(status, start_s);
CREATE INDEX meetings_by_case ON meetings(case_ref, start_s);
CREATE INDEX audit_log_by_time ON audit_log(at, id);
)sql",
    // 3: a meeting's title, organizer and last change; feed lookup by secret.
    R"sql(
ALTER TABLE meetings ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN organizer TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET updated_at = created_at;
CREATE UNIQUE INDEX feed_secrets_by_hash ON feed_secrets(hash);
CREATE INDEX meetings_by_end ON meetings(end_s);
)sql",
    // 4: how many times a meeting was moved (for the managers' figures).
    R"sql(
ALTER TABLE meetings ADD COLUMN reschedules INTEGER NOT NULL DEFAULT 0;
)sql",
    // 5: e-mail (iMIP): changes waiting to be told, the outbox, answer links, and
    // when each attendee answered (0 = not yet). `removed` is a JSON array of ids.
    R"sql(
ALTER TABLE meeting_attendees ADD COLUMN answered_at INTEGER NOT NULL DEFAULT 0;
CREATE TABLE mail_notices (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  sequence   INTEGER NOT NULL,
  removed    TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
  sequence        INTEGER NOT NULL,
  participant_id  TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  method          TEXT NOT NULL,
  subject         TEXT NOT NULL,
  message         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  sent_at         INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at, id);
CREATE TABLE answer_links (
  hash           TEXT PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meetings(id),
  participant_id TEXT NOT NULL,
  sequence       INTEGER NOT NULL,
  created_at     INTEGER NOT NULL
);
)sql",
    // 6: the joint client's case (cases/case.hpp) in the one cases table: an id,
    // its trigger, segment, stage and team, the people around the client and the
    // stage history; rooms; meetings of a case with its participants, a kind, a
    // room or remote, and holds. Every case_ref of a meeting becomes a case: a
    // case row keeps its coordinator and date; a reference without one gets the
    // meeting's organizer (else its first required attendee) as coordinator and
    // the day of its first booking. A meeting's `status` stays 'scheduled' (it
    // blocks its slot) or 'cancelled' (it does not); `hold_state` tells a held
    // one ('held', blocking) and an expired one ('expired', not) from them.
    // Participants' windows are JSON; a missing e-mail is NULL.
    R"sql(
INSERT INTO cases (ref, coordinator, identified_on)
  SELECT m.case_ref,
         coalesce(nullif(m.organizer, ''),
                  (SELECT a.participant_id FROM meeting_attendees a WHERE a.meeting_id = m.id
                   ORDER BY a.role = 'required' DESC, a.position LIMIT 1)),
         date(m.created_at, 'unixepoch')
  FROM meetings m
  WHERE m.case_ref NOT IN (SELECT ref FROM cases)
    AND m.id = (SELECT min(first.id) FROM meetings first WHERE first.case_ref = m.case_ref);
ALTER TABLE cases ADD COLUMN id INTEGER;
ALTER TABLE cases ADD COLUMN trigger TEXT NOT NULL DEFAULT 'other';
ALTER TABLE cases ADD COLUMN segment INTEGER;
ALTER TABLE cases ADD COLUMN stage TEXT NOT NULL DEFAULT 'identified';
ALTER TABLE cases ADD COLUMN participants_issued INTEGER NOT NULL DEFAULT 0;
UPDATE cases SET id = rowid;
CREATE UNIQUE INDEX cases_by_id ON cases(id);
CREATE INDEX cases_by_stage ON cases(stage, coordinator);
CREATE TABLE case_team (
  case_id         INTEGER NOT NULL REFERENCES cases(id),
  position        INTEGER NOT NULL,
  professional_id TEXT NOT NULL REFERENCES professionals(id),
  PRIMARY KEY (case_id, professional_id)
);
CREATE TABLE case_participants (
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  id           TEXT NOT NULL,
  position     INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  label        TEXT NOT NULL,
  email        TEXT,
  availability TEXT NOT NULL DEFAULT '[]',
  unavailable  TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (case_id, id)
);
CREATE TABLE case_stage_moves (
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  position   INTEGER NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage   TEXT NOT NULL,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  PRIMARY KEY (case_id, position)
);
CREATE TABLE rooms (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  location        TEXT NOT NULL,
  capacity        INTEGER NOT NULL CHECK (capacity >= 1),
  calendar_source TEXT NOT NULL
);
ALTER TABLE meetings ADD COLUMN case_id INTEGER REFERENCES cases(id);
ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE meetings ADD COLUMN room_id TEXT;
ALTER TABLE meetings ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN hold_state TEXT NOT NULL DEFAULT '' CHECK (hold_state IN ('', 'held', 'expired'));
ALTER TABLE meetings ADD COLUMN hold_expires_at INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET case_id = (SELECT c.id FROM cases c WHERE c.ref = meetings.case_ref);
CREATE INDEX meetings_by_room ON meetings(room_id, start_s) WHERE room_id IS NOT NULL;
CREATE INDEX meetings_by_case_id ON meetings(case_id, start_s);
CREATE INDEX meetings_held ON meetings(hold_expires_at, id) WHERE hold_state = 'held';
CREATE TABLE meeting_participants (
  meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,
  position       INTEGER NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('required', 'optional')),
  partstat       TEXT NOT NULL,
  email          TEXT,
  answered_at    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, participant_id)
);
)sql",
    // 7: a room's feed secret (issue 13, rooms): its feed shows the meetings in
    // it, as a professional's feed shows theirs. Gone with the room.
    R"sql(
CREATE TABLE room_feed_secrets (
  room_id    TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  hash       TEXT NOT NULL UNIQUE,
  rotated_at INTEGER NOT NULL
);
)sql",
};

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

std::span<const char* const> schema_steps() noexcept { return kSteps; }

int latest_schema_version() noexcept { return static_cast<int>(kSteps.size()); }

Result<void> migrate(SQLite::Database& db) { return migrate(db, schema_steps()); }

Result<void> migrate(SQLite::Database& db, std::span<const char* const> steps) {
  const int latest = static_cast<int>(steps.size());
  const auto too_new = [&](int version) {
    return Error{Errc::schema_too_new,
                 "database schema version " + std::to_string(version) + " is newer than this build's " +
                     std::to_string(latest) + "; upgrade Yhteisaika",
                 Location::in(db.getFilename())};
  };
  // A read first: a database that is up to date needs no write lock, so a
  // connection opens while another one (another process) is writing.
  if (int version = user_version(db); version >= latest) {
    if (version > latest) return too_new(version);
    return {};
  }
  for (int step = 1; step <= latest; ++step) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Read inside the write lock: another process may have just migrated.
    int version = user_version(db);
    if (version > latest) return too_new(version);
    if (version >= step) continue;  // the transaction rolls back; nothing was written
    db.exec(steps[step - 1]);
    // PRAGMA takes no bound parameters; `step` is our own integer.
    db.exec("PRAGMA user_version = " + std::to_string(step));
    tx.commit();
  }
  return {};
}

}  // namespace yhteisaika::store
