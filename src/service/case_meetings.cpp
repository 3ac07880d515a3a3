#include <yhteisaika/service/case_meetings.hpp>

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/store/errc.hpp>

#include "meeting_event.hpp"

#include <algorithm>
#include <set>

namespace yhteisaika::service {

namespace {

using namespace std::chrono_literals;

// The people of a case meeting, told apart against the case.
struct Invited {
  std::vector<ParticipantId> professionals;
  std::vector<std::string> participants;  // the case's participants' ids ("p1")
};

bool in_circle(const store::Case& c, const std::string& id) {
  return std::any_of(c.participants.begin(), c.participants.end(),
                     [&](const cases::Participant& p) { return p.id == id; });
}

// Sorts `ids` (the request's field `field`) into `out`: one of the case's
// participants, else a professional of the team, else unknown_attendee.
// `seen` spans both lists, so nobody is invited twice.
Result<void> sort_out(store::Store& store, const store::Case& c, const std::vector<std::string>& ids,
                      const std::string& field, std::set<std::string>& seen, Invited& out) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    const Location at = Location::at_field(field + "[" + std::to_string(i) + "]");
    if (!seen.insert(id).second) return Error{Errc::invalid_value, id + " is listed twice", at};
    if (in_circle(c, id)) {
      out.participants.push_back(id);
      continue;
    }
    auto who = store.professional(ParticipantId{id});
    if (!who) {
      if (who.error().code != store::Errc::not_found) return who.error();
      return Error{Errc::unknown_attendee,
                   "no professional of the team and no participant of case " + c.ref.value + " is called " + id, at};
    }
    out.professionals.push_back(ParticipantId{id});
  }
  return {};
}

// Whom a meeting asks when the request names nobody: the coordinator, the
// team and the client (every participant of kind client).
std::vector<std::string> default_required(const store::Case& c) {
  std::vector<std::string> out{c.coordinator.value};
  for (const ParticipantId& member : c.team) {
    if (std::find(out.begin(), out.end(), member.value) == out.end()) out.push_back(member.value);
  }
  for (const cases::Participant& p : c.participants) {
    if (p.kind == cases::ParticipantKind::client) out.push_back(p.id);
  }
  return out;
}

// The meeting's title in the invites (after the case reference): what kind of
// meeting it is, in Finnish, as the team says it.
std::string title_of(cases::MeetingKind kind) {
  switch (kind) {
    case cases::MeetingKind::mapping:
      return "Kartoitus";
    case cases::MeetingKind::joint:
      return "Yhteinen tapaaminen";
    case cases::MeetingKind::plan_update:
      return "Suunnitelman päivitys";
    case cases::MeetingKind::other:
      return "Tapaaminen";
  }
  return "Tapaaminen";
}

}  // namespace

CaseMeetings::CaseMeetings(StorePool& pool, Booking& booking) : pool_(pool), booking_(booking) {}

Result<store::Meeting> CaseMeetings::book(cases::CaseId id, const CaseMeetingRequest& request, const Actor& actor) {
  BookInput in;
  {
    auto store = pool_.lease();
    auto c = store->case_by_id(id);
    if (!c) return c.error();
    // The store refuses it too; said here before anything is solved.
    if (c->stage == cases::Stage::closed) {
      return Error{store::Errc::case_closed, "case " + c->ref.value + " is closed and takes no new meetings", {}};
    }
    Invited required;
    Invited optional;
    std::set<std::string> seen;
    if (auto ok = sort_out(*store, *c, request.required.value_or(default_required(*c)), "required", seen, required);
        !ok) {
      return ok.error();
    }
    if (auto ok = sort_out(*store, *c, request.optional, "optional", seen, optional); !ok) return ok.error();
    if (required.professionals.empty()) {
      return Error{Errc::invalid_value, "a case meeting needs at least one required professional",
                   Location::at_field("required")};
    }
    in.solve.required = std::move(required.professionals);
    in.solve.optional = std::move(optional.professionals);
    in.solve.required_participants = std::move(required.participants);
    in.solve.optional_participants = std::move(optional.participants);
    in.solve.case_id = c->id;
    in.case_ref = c->ref;
    in.coordinator = c->coordinator;
  }
  in.solve.from = request.from;
  in.solve.days = request.days.value_or(0);
  in.solve.duration = request.duration.value_or(60min);
  in.solve.rooms = request.rooms;
  in.remote = request.remote;
  in.kind = request.kind;
  in.hold = request.hold;
  in.title = title_of(request.kind);
  return booking_.book(in, actor);
}

Result<std::vector<cases::Participant>> CaseMeetings::circle(const store::Meeting& m) {
  return circle_of(*pool_.lease(), m);
}

}  // namespace yhteisaika::service
