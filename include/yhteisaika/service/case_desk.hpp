#pragma once
// The joint client's case (coordinators, admins; issue 13): opening a case,
// moving it through its stages, its team and the people around the client, and
// erasing those people's contact data once the case has been closed long enough.
//
// The rules are cases/'s (stage_moves.hpp, validation.hpp, retention.hpp); the
// store keeps the case and audits every change with pseudonymous facts only
// (ids, stages, kinds; never a participant's label or e-mail). Errors name the
// field as the JSON does: "coordinator", "team[2]", "stage", "label".
//   - a stage move that is not the next stage nor `closed`: cases::Errc::stage_move (409);
//   - a participant added, changed or removed on a closed case: cases::Errc::case_closed (409);
//   - a coordinator or team member who is not a professional: 422 naming the field;
//   - no such case or participant: store::Errc::not_found (404).
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/cases/case.hpp>
#include <yhteisaika/config/config.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/store/store.hpp>

#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace yhteisaika::service {

// One case as GET /api/v1/cases/{id} shows it: the case (its team,
// participants and stage history with times and actors) and its meetings.
struct CaseFile {
  store::Case c;
  std::vector<store::Meeting> meetings;  // by start
};

// What a change of a case asks (PATCH): what is unset stays as it is.
struct CaseChanges {
  store::CaseUpdate fields;           // team, coordinator, segment
  std::optional<cases::Stage> stage;  // a stage move
};

// The audit actor of erase_due_contacts().
inline constexpr const char* kHousekeepingActor = "housekeeping";

class CaseDesk {
 public:
  // `config` (participant_retention_days, the slot grid), `case_ref_pattern`
  // (config::compile_case_ref_pattern's) and `pool` must outlive this.
  CaseDesk(const config::Config& config, const std::regex& case_ref_pattern, StorePool& pool, Clock clock);

  // What a case reference must match as a whole (for readers of requests).
  const std::regex& case_ref_pattern() const { return case_ref_pattern_; }

  // A new case at stage identified from `c`'s reference, coordinator,
  // identified_on, trigger, segment and team (its id, stage, participants and
  // history are ignored). Checked by cases::validate_case and case_ref_pattern
  // (as a meeting's reference), then by the store
  // (coordinator and team[i] are professionals; the reference is free: 409 exists).
  Result<store::Case> create(const store::Case& c, const Actor& actor);

  // The cases `filter` names, newest first (the highest id first).
  Result<std::vector<store::Case>> list(const store::CaseFilter& filter);

  Result<CaseFile> get(cases::CaseId id);

  // Changes the fields given, then moves the stage when asked. A stage move
  // that cases::check_stage_move refuses writes nothing, not even the fields.
  // Each change is audited (update_case, move_stage); nothing given changes nothing.
  Result<store::Case> update(cases::CaseId id, const CaseChanges& changes, const Actor& actor);

  // The people around the client. `add` gives the next id (p1, p2, ...);
  // `update` replaces participant p.id. Checked by cases::validate_participant
  // (on the configured slot grid); refused on a closed case (409).
  Result<cases::Participant> participant(cases::CaseId id, const std::string& participant);
  Result<cases::Participant> add_participant(cases::CaseId id, const cases::Participant& p, const Actor& actor);
  Result<cases::Participant> update_participant(cases::CaseId id, const cases::Participant& p, const Actor& actor);
  // Returns the participant as it was.
  Result<cases::Participant> remove_participant(cases::CaseId id, const std::string& participant,
                                                const Actor& actor);

  // Erases the contact data of the participants of every case closed at least
  // participant_retention_days before `now` (store::Store::erase_closed_contacts),
  // audited as "housekeeping". The cases erased now. A housekeeping job: the
  // service runs it once when it opens; run it periodically too.
  Result<std::vector<cases::CaseId>> erase_due_contacts(time::Instant now);

 private:
  // The case, or case_closed (409) when it is closed.
  Result<store::Case> open_case(store::Store& store, cases::CaseId id);

  const config::Config& config_;
  const std::regex& case_ref_pattern_;
  StorePool& pool_;
  Clock clock_;
};

}  // namespace yhteisaika::service
