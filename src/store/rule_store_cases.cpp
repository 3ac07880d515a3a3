// The Store contract for cases (rule_store.hpp): the case, its team and stage
// history, the people around the client, and erasing their contact data.

#include "rule_store.hpp"

#include "names.hpp"
#include "rules.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace yhteisaika::store::detail {

namespace {

using Access = Backend::Access;

Result<void> check_coordinator(Tables& t, const Case& c) {
  if (!c.identified_on.ok()) return Error{Errc::invalid_argument, "not a valid date", Location::at_field("identified_on")};
  if (!t.professional(c.coordinator)) {
    return Error{Errc::invalid_argument, "no professional " + c.coordinator.value, Location::at_field("coordinator")};
  }
  return {};
}

Result<Case> require_case(Tables& t, CaseId id) {
  auto c = t.case_by_id(id);
  if (!c) return no_case(id);
  return std::move(*c);
}

Result<Case> require_open_case(Tables& t, CaseId id) {
  auto c = require_case(t, id);
  if (c && c->stage == cases::Stage::closed) {
    return Error{Errc::case_closed, "case " + c->ref.value + " is closed", {}};
  }
  return c;
}

// Where participant `id` is in `c`, or Errc::not_found.
Result<std::vector<cases::Participant>::iterator> find_participant(Case& c, const std::string& id) {
  auto it = std::find_if(c.participants.begin(), c.participants.end(),
                         [&](const cases::Participant& p) { return p.id == id; });
  if (it == c.participants.end()) return Error{Errc::not_found, "case " + c.ref.value + " has no participant " + id, {}};
  return it;
}

bool has_contact_data(const cases::Participant& p) {
  return p.email || !p.availability.empty() || !p.unavailable.empty();
}

// Erases the contact data of case `c`'s participants, on the case and its
// meetings and in the mail sent to them; the ids of those it erased anything of.
std::set<std::string> erase_contacts(Tables& t, Case c) {
  std::set<std::string> erased;
  for (cases::Participant& p : c.participants) {
    if (!has_contact_data(p)) continue;
    erased.insert(p.id);
    p.email.reset();
    p.availability.clear();
    p.unavailable.clear();
  }
  if (!erased.empty()) t.update_case(c);
  for (Meeting m : t.meetings_for_case(c.ref)) {
    bool changed = false;
    for (CaseAttendee& a : m.participants) {
      if (!a.email) continue;
      erased.insert(a.participant);
      a.email.reset();
      changed = true;
      t.erase_mail_to(m.id, a.participant);
    }
    if (changed) t.update_meeting(m);
  }
  return erased;
}

}  // namespace

Result<void> check_case(Tables& t, const Case& c) {
  if (c.ref.value.empty()) return Error{Errc::invalid_argument, "a case needs a reference", Location::at_field("case_ref")};
  if (auto coordinator = check_coordinator(t, c); !coordinator) return coordinator;
  std::set<ParticipantId> seen;
  for (std::size_t i = 0; i < c.team.size(); ++i) {
    const Location at = Location::at_field("team[" + std::to_string(i) + "]");
    if (!t.professional(c.team[i])) return Error{Errc::invalid_argument, "no professional " + c.team[i].value, at};
    if (!seen.insert(c.team[i]).second) return Error{Errc::invalid_argument, c.team[i].value + " is listed twice", at};
  }
  return validate_segment(c.segment);
}

Result<void> save_case_record(Tables& t, const Case& record) {
  auto existing = t.find_case(record.ref);
  if (!existing) {
    if (auto valid = check_case(t, record); !valid) return valid;
    t.insert_case(new_case(record));
    return {};
  }
  if (auto valid = check_coordinator(t, record); !valid) return valid;
  existing->coordinator = record.coordinator;
  existing->identified_on = record.identified_on;
  t.update_case(*existing);
  return {};
}

Result<Case> RuleStore::create_case(const Case& c, const Change& change) {
  return in_run<Case>("creating a case", Access::write, [&](Tables& t) -> Result<Case> {
    if (auto valid = check_case(t, c); !valid) return valid.error();
    if (t.find_case(c.ref)) {
      return Error{Errc::already_exists, "a case with reference " + c.ref.value + " exists already", Location::at_field("case_ref")};
    }
    Case stored = *t.case_by_id(t.insert_case(new_case(c)));
    audit(t, change, "create_case", "", case_json(stored));
    return stored;
  });
}

Result<Case> RuleStore::case_by_id(CaseId id) {
  return in_run<Case>("reading a case", Access::read, [&](Tables& t) -> Result<Case> { return require_case(t, id); });
}

Result<Case> RuleStore::case_by_ref(const CaseRef& ref) {
  return in_run<Case>("reading a case", Access::read, [&](Tables& t) -> Result<Case> {
    auto c = t.find_case(ref);
    if (!c) return Error{Errc::not_found, "no case " + ref.value, {}};
    return std::move(*c);
  });
}

Result<std::vector<Case>> RuleStore::list_cases(const CaseFilter& filter) {
  return in_run<std::vector<Case>>("listing cases", Access::read,
                                   [&](Tables& t) -> Result<std::vector<Case>> { return t.cases(filter); });
}

Result<Case> RuleStore::update_case(CaseId id, const CaseUpdate& update, const Change& change) {
  return in_run<Case>("updating a case", Access::write, [&](Tables& t) -> Result<Case> {
    auto before = require_case(t, id);
    if (!before) return before.error();
    Case after = *before;
    if (update.coordinator) after.coordinator = *update.coordinator;
    if (update.team) after.team = *update.team;
    if (update.segment) after.segment = *update.segment;
    if (auto valid = check_case(t, after); !valid) return valid.error();
    t.update_case(after);
    audit(t, change, "update_case", case_json(*before), case_json(after));
    return after;
  });
}

Result<Case> RuleStore::move_stage(CaseId id, cases::Stage from, cases::Stage to, const Change& change) {
  return in_run<Case>("moving a case's stage", Access::write, [&](Tables& t) -> Result<Case> {
    auto c = require_case(t, id);
    if (!c) return c.error();
    if (c->stage != from) {
      return Error{Errc::conflict,
                   "case " + c->ref.value + " is at " + to_text(c->stage) + ", not " + to_text(from) +
                       " (moved meanwhile)",
                   Location::at_field("stage")};
    }
    c->history.push_back({from, to, change.at, change.actor});
    c->stage = to;
    t.update_case(*c);
    audit(t, change, "move_stage", stage_json(*c, from), stage_json(*c, to));
    return std::move(*c);
  });
}

Result<cases::Participant> RuleStore::add_participant(CaseId id, const cases::Participant& p, const Change& change) {
  if (auto valid = validate(p); !valid) return valid.error();
  return in_run<cases::Participant>("adding a participant", Access::write, [&](Tables& t) -> Result<cases::Participant> {
    auto c = require_open_case(t, id);
    if (!c) return c.error();
    cases::Participant added = p;
    added.id = "p" + std::to_string(t.issue_participant_number(id));
    c->participants.push_back(added);
    t.update_case(*c);
    audit(t, change, "add_participant", "", participant_json(*c, added));
    return added;
  });
}

Result<cases::Participant> RuleStore::update_participant(CaseId id, const cases::Participant& p,
                                                         const Change& change) {
  if (auto valid = validate(p); !valid) return valid.error();
  return in_run<cases::Participant>(
      "updating a participant", Access::write, [&](Tables& t) -> Result<cases::Participant> {
        auto c = require_open_case(t, id);
        if (!c) return c.error();
        auto it = find_participant(*c, p.id);
        if (!it) return it.error();
        const std::string before = participant_json(*c, **it);
        **it = p;
        t.update_case(*c);
        audit(t, change, "update_participant", before, participant_json(*c, p));
        return p;
      });
}

Result<void> RuleStore::remove_participant(CaseId id, const std::string& participant, const Change& change) {
  return in_run<void>("removing a participant", Access::write, [&](Tables& t) -> Result<void> {
    auto c = require_case(t, id);
    if (!c) return c.error();
    auto it = find_participant(*c, participant);
    if (!it) return it.error();
    const std::string before = participant_json(*c, **it);
    c->participants.erase(*it);
    t.update_case(*c);
    audit(t, change, "remove_participant", before, "");
    return {};
  });
}

Result<std::vector<CaseId>> RuleStore::erase_closed_contacts(std::chrono::days retention, const Change& change) {
  auto done = in_run<std::vector<CaseId>>(
      "erasing contact data", Access::write, [&](Tables& t) -> Result<std::vector<CaseId>> {
        std::vector<CaseId> out;
        for (const Case& c : t.cases({cases::Stage::closed, std::nullopt})) {
          const auto closed = closed_at(c);
          if (!closed || *closed + retention > change.at) continue;
          const std::set<std::string> erased = erase_contacts(t, c);
          if (erased.empty()) continue;
          boost::json::array ids;
          for (const std::string& p : erased) ids.emplace_back(p);
          boost::json::object after{{"case", c.id.value}, {"case_ref", c.ref.value}, {"participants", std::move(ids)}};
          audit(t, change, "erase_contacts", "", boost::json::serialize(after));
          out.push_back(c.id);
        }
        return out;
      });
  // The old versions of the rows go from the files too; the erasure holds
  // (committed) even if that has to wait for a later run.
  if (done && !done->empty()) (void)backend_->forget_overwritten();
  return done;
}

}  // namespace yhteisaika::store::detail
