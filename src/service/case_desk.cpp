#include <yhteisaika/service/case_desk.hpp>

#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/cases/stage_moves.hpp>
#include <yhteisaika/cases/validation.hpp>
#include <yhteisaika/store/errc.hpp>

#include "field_checks.hpp"

#include <algorithm>

namespace yhteisaika::service {

namespace {

bool changes_fields(const store::CaseUpdate& u) { return u.coordinator || u.team || u.segment; }

Result<cases::Participant> find_participant(const store::Case& c, const std::string& id) {
  const auto it = std::find_if(c.participants.begin(), c.participants.end(),
                               [&](const cases::Participant& p) { return p.id == id; });
  if (it == c.participants.end()) {
    return Error{store::Errc::not_found, "case " + c.ref.value + " has no participant " + id, {}};
  }
  return *it;
}

}  // namespace

CaseDesk::CaseDesk(const config::Config& config, const std::regex& case_ref_pattern, StorePool& pool, Clock clock)
    : config_(config), case_ref_pattern_(case_ref_pattern), pool_(pool), clock_(std::move(clock)) {}

Result<store::Case> CaseDesk::create(const store::Case& c, const Actor& actor) {
  if (auto ok = cases::validate_case(c); !ok) return ok.error();
  if (auto ok = check_meeting_text(c.ref, "", "", "", case_ref_pattern_); !ok) return ok.error();
  return pool_.lease()->create_case(c, {actor.audit_name(), clock_()});
}

Result<std::vector<store::Case>> CaseDesk::list(const store::CaseFilter& filter) {
  auto all = pool_.lease()->list_cases(filter);
  if (all) std::reverse(all->begin(), all->end());
  return all;
}

Result<CaseFile> CaseDesk::get(cases::CaseId id) {
  auto store = pool_.lease();
  auto c = store->case_by_id(id);
  if (!c) return c.error();
  auto meetings = store->meetings_for_case(c->ref);
  if (!meetings) return meetings.error();
  return CaseFile{std::move(*c), std::move(*meetings)};
}

Result<store::Case> CaseDesk::update(cases::CaseId id, const CaseChanges& changes, const Actor& actor) {
  auto store = pool_.lease();
  auto c = store->case_by_id(id);
  if (!c) return c.error();
  // The move is checked first, so that a refused one leaves the fields as they were.
  if (changes.stage) {
    if (auto ok = cases::check_stage_move(c->stage, *changes.stage); !ok) return ok.error();
  }
  if (changes.fields.segment && *changes.fields.segment) {
    if (auto ok = cases::validate_segment(**changes.fields.segment); !ok) return ok.error();
  }
  const store::Change change{actor.audit_name(), clock_()};
  if (changes_fields(changes.fields)) {
    c = store->update_case(id, changes.fields, change);
    if (!c) return c.error();
  }
  // The store refuses (409 conflict) when someone moved the case meanwhile.
  if (changes.stage) c = store->move_stage(id, c->stage, *changes.stage, change);
  return c;
}

Result<store::Case> CaseDesk::open_case(store::Store& store, cases::CaseId id) {
  auto c = store.case_by_id(id);
  if (!c) return c.error();
  if (c->stage == cases::Stage::closed) {
    return Error{cases::Errc::case_closed,
                 "case " + c->ref.value + " is closed: its participants can no longer be changed",
                 Location::at_field("case")};
  }
  return c;
}

Result<cases::Participant> CaseDesk::participant(cases::CaseId id, const std::string& participant) {
  auto c = pool_.lease()->case_by_id(id);
  if (!c) return c.error();
  return find_participant(*c, participant);
}

Result<cases::Participant> CaseDesk::add_participant(cases::CaseId id, const cases::Participant& p,
                                                     const Actor& actor) {
  if (auto ok = cases::validate_participant(p, config_.rules.grid); !ok) return ok.error();
  auto store = pool_.lease();
  if (auto c = open_case(*store, id); !c) return c.error();
  return store->add_participant(id, p, {actor.audit_name(), clock_()});
}

Result<cases::Participant> CaseDesk::update_participant(cases::CaseId id, const cases::Participant& p,
                                                        const Actor& actor) {
  if (auto ok = cases::validate_participant(p, config_.rules.grid); !ok) return ok.error();
  auto store = pool_.lease();
  auto c = open_case(*store, id);
  if (!c) return c.error();
  if (auto found = find_participant(*c, p.id); !found) return found.error();
  return store->update_participant(id, p, {actor.audit_name(), clock_()});
}

Result<cases::Participant> CaseDesk::remove_participant(cases::CaseId id, const std::string& participant,
                                                        const Actor& actor) {
  auto store = pool_.lease();
  auto c = open_case(*store, id);
  if (!c) return c.error();
  auto removed = find_participant(*c, participant);
  if (!removed) return removed.error();
  if (auto ok = store->remove_participant(id, participant, {actor.audit_name(), clock_()}); !ok) return ok.error();
  return removed;
}

Result<std::vector<cases::CaseId>> CaseDesk::erase_due_contacts(time::Instant now) {
  const std::chrono::days retention{config_.participant_retention_days};
  return pool_.lease()->erase_closed_contacts(retention, {kHousekeepingActor, now});
}

}  // namespace yhteisaika::service
