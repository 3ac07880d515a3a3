// The SQLite rows of cases (with their team, participants and stage history)
// and rooms (sqlite_tables.hpp).

#include "names.hpp"
#include "sqlite_rows.hpp"
#include "sqlite_tables.hpp"

namespace yhteisaika::store::detail {

// --- Reads ----------------------------------------------------------------------

std::vector<Case> SqliteTables::cases(SQLite::Statement& query) {
  std::vector<Case> out;
  {
    Use s(query);  // the caller has bound its parameters
    out = all_rows<Case>(*s, row_to_case);
  }
  for (Case& c : out) {
    {
      Use s(st_.cases.team);
      s->bind(":case_id", c.id.value);
      while (s->executeStep()) c.team.push_back(ParticipantId{s->getColumn(0).getString()});
    }
    {
      Use s(st_.cases.participants);
      s->bind(":case_id", c.id.value);
      c.participants = all_rows<cases::Participant>(*s, row_to_participant);
    }
    Use s(st_.cases.moves);
    s->bind(":case_id", c.id.value);
    c.history = all_rows<cases::StageMove>(*s, row_to_stage_move);
  }
  return out;
}

std::optional<Case> SqliteTables::case_by_id(CaseId id) {
  st_.cases.case_by_id.bind(":id", id.value);
  auto found = cases(st_.cases.case_by_id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Case> SqliteTables::find_case(const CaseRef& ref) {
  st_.cases.case_by_ref.bind(":ref", ref.value);
  auto found = cases(st_.cases.case_by_ref);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Case> SqliteTables::cases(const CaseFilter& filter) {
  SQLite::Statement& query = st_.cases.cases;
  bind_optional(query, ":stage", filter.stage ? std::optional<std::string>{to_text(*filter.stage)} : std::nullopt);
  bind_optional(query, ":coordinator",
                filter.coordinator ? std::optional<std::string>{filter.coordinator->value} : std::nullopt);
  return cases(query);
}

std::optional<Room> SqliteTables::room(const RoomId& id) {
  Use s(st_.directory.room);
  s->bind(":id", id.value);
  if (!s->executeStep()) return std::nullopt;
  return row_to_room(*s);
}

std::vector<Room> SqliteTables::rooms() {
  Use s(st_.directory.rooms);
  return all_rows<Room>(*s, row_to_room);
}

// --- Writes ---------------------------------------------------------------------

void SqliteTables::bind_case(SQLite::Statement& s, const Case& c) {
  s.bind(":ref", c.ref.value);
  s.bind(":coordinator", c.coordinator.value);
  s.bind(":identified_on", to_db(c.identified_on));
  s.bind(":trigger", to_text(c.trigger));
  if (c.segment) {
    s.bind(":segment", *c.segment);
  } else {
    s.bind(":segment");
  }
  s.bind(":stage", to_text(c.stage));
}

void SqliteTables::write_details(const Case& c) {
  for (SQLite::Statement* rows : {&st_.cases.delete_team, &st_.cases.delete_participants, &st_.cases.delete_moves}) {
    Use s(*rows);
    s->bind(":case_id", c.id.value);
    s->exec();
  }
  for (std::size_t i = 0; i < c.team.size(); ++i) {
    Use s(st_.cases.insert_team_member);
    s->bind(":case_id", c.id.value);
    s->bind(":position", static_cast<std::int64_t>(i));
    s->bind(":professional_id", c.team[i].value);
    s->exec();
  }
  for (std::size_t i = 0; i < c.participants.size(); ++i) {
    const cases::Participant& p = c.participants[i];
    Use s(st_.cases.insert_participant);
    s->bind(":case_id", c.id.value);
    s->bind(":id", p.id);
    s->bind(":position", static_cast<std::int64_t>(i));
    s->bind(":kind", to_text(p.kind));
    s->bind(":label", p.label);
    bind_optional(*s, ":email", p.email);
    s->bind(":availability", windows_json(p.availability));
    s->bind(":unavailable", spans_json(p.unavailable));
    s->exec();
  }
  for (std::size_t i = 0; i < c.history.size(); ++i) {
    const cases::StageMove& move = c.history[i];
    Use s(st_.cases.insert_move);
    s->bind(":case_id", c.id.value);
    s->bind(":position", static_cast<std::int64_t>(i));
    s->bind(":from_stage", to_text(move.from));
    s->bind(":to_stage", to_text(move.to));
    s->bind(":at", to_db(move.at));
    s->bind(":actor", move.actor);
    s->exec();
  }
}

CaseId SqliteTables::insert_case(const Case& c) {
  Case stored = c;
  {
    Use s(st_.cases.insert_case);
    bind_case(*s, c);
    s->executeStep();  // RETURNING id
    stored.id = CaseId{s->getColumn(0).getInt64()};
  }
  write_details(stored);
  return stored.id;
}

void SqliteTables::update_case(const Case& c) {
  {
    Use s(st_.cases.update_case);
    bind_case(*s, c);
    s->bind(":id", c.id.value);
    s->exec();
  }
  write_details(c);
}

int SqliteTables::issue_participant_number(CaseId id) {
  Use s(st_.cases.issue_participant);
  s->bind(":id", id.value);
  s->executeStep();  // RETURNING participants_issued
  return s->getColumn(0).getInt();
}

void SqliteTables::put_room(const Room& r) {
  Use s(st_.directory.put_room);
  s->bind(":id", r.id.value);
  s->bind(":name", r.name);
  s->bind(":location", r.location);
  s->bind(":capacity", r.capacity);
  s->bind(":calendar_source", r.calendar_source);
  s->exec();
}

void SqliteTables::delete_room(const RoomId& id) {
  Use s(st_.directory.delete_room);
  s->bind(":id", id.value);
  s->exec();
}

}  // namespace yhteisaika::store::detail
