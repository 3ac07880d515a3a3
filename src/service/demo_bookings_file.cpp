#include "demo_bookings_file.hpp"

#include "field_checks.hpp"

#include <yhteisaika/cases/stage_moves.hpp>
#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/time/date.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

namespace yhteisaika::service {

namespace {

namespace json = boost::json;

// Reads the fields of one JSON object, remembering the first error with its place.
class Entry {
 public:
  // `where`: the file, at the object's field ("meetings[2]"; none for the top).
  Entry(const json::value& v, Location where) : where_(std::move(where)) {
    if (v.is_object()) {
      object_ = &v.get_object();
    } else {
      fail("", "expected an object");
    }
  }

  std::string text(const char* name, bool required = true) {
    const json::value* v = object_ ? object_->if_contains(name) : nullptr;
    if (!v) {
      if (required) fail(name, "missing");
      return {};
    }
    if (!v->is_string()) {
      fail(name, "expected a text value");
      return {};
    }
    return std::string(v->get_string());
  }

  int number(const char* name) {
    const json::value* v = object_ ? object_->if_contains(name) : nullptr;
    if (!v) return 0;
    if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > 1000) {
      fail(name, "expected a whole number 0-1000");
      return 0;
    }
    return static_cast<int>(v->get_int64());
  }

  const json::array* array(const char* name, bool required = true) {
    const json::value* v = object_ ? object_->if_contains(name) : nullptr;
    if (!v && !required) return nullptr;
    if (!v || !v->is_array()) {
      fail(name, "expected an array");
      return nullptr;
    }
    return &v->get_array();
  }

  time::Instant instant(const char* name, const time::Zone& zone) {
    const std::string t = text(name);
    if (t.empty()) return {};
    return parsed_instant(name, t, zone);
  }

  std::optional<time::Instant> optional_instant(const char* name, const time::Zone& zone) {
    const std::string t = text(name, false);
    if (t.empty()) return std::nullopt;
    return parsed_instant(name, t, zone);
  }

  time::Instant parsed_instant(const char* name, const std::string& t, const time::Zone& zone) {
    auto parsed = time::parse_user_time(t, zone);
    if (!parsed) fail(name, "expected a local time like 2026-09-16T14:30");
    return parsed ? *parsed : time::Instant{};
  }

  void fail(const std::string& field, const std::string& message) {
    if (!error_) error_ = Error{Errc::invalid_value, message, at(field)};
  }

  // The object's `field` (none: the object itself), in the file.
  Location at(std::string_view field) const {
    Location out = Location::at_field(std::string(field)).under(where_.field);
    out.place = where_.place;
    return out;
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::object* object_ = nullptr;
  Location where_;
  std::optional<Error> error_;
};

}  // namespace

namespace {

// `t` moved by whole weeks on the wall clock (a 14:30 hole stays 14:30 across DST).
time::Instant weeks_later(time::Instant t, int weeks, const time::Zone& zone) {
  return zone.to_instant(zone.to_local(t) + std::chrono::weeks{weeks});
}

std::chrono::sys_days monday_of(time::Instant t, const time::Zone& zone) {
  const std::chrono::sys_days day{time::local_date(t, zone)};
  return day - (std::chrono::weekday{day} - std::chrono::Monday);
}

using Cases = std::map<std::string, store::Case>;

// A case's "stages" into its history: each move one step on from the one before.
Result<void> read_stages(Entry& e, store::Case& c, const time::Zone& zone) {
  const json::array* stages = e.array("stages", false);
  if (!stages) return {};
  cases::Stage at_stage = cases::Stage::identified;
  for (std::size_t s = 0; s < stages->size(); ++s) {
    Entry move((*stages)[s], e.at("stages[" + std::to_string(s) + "]"));
    auto to = cases::parse_stage(move.text("stage"));
    const time::Instant when = move.instant("at", zone);
    if (!move.error() && !to) move.fail("stage", to.error().message);
    if (!move.error()) {
      if (auto allowed = cases::check_stage_move(at_stage, *to); !allowed) move.fail("stage", allowed.error().message);
    }
    if (move.error()) return *move.error();
    c.history.push_back({at_stage, *to, when, "import"});
    at_stage = *to;
  }
  return {};
}

Result<Cases> read_cases(const json::array& cases, const std::string& file, const time::Zone& zone) {
  Cases out;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Entry e(cases[i], Location{file, 0, "cases[" + std::to_string(i) + "]"});
    store::Case c;
    c.ref = CaseRef{e.text("ref")};
    c.coordinator = ParticipantId{e.text("coordinator")};
    const std::string identified = e.text("identified_on");
    if (auto date = time::parse_date(identified)) {
      c.identified_on = *date;
    } else {
      e.fail("identified_on", "expected a date YYYY-MM-DD");
    }
    if (!e.error()) {
      if (auto stages = read_stages(e, c, zone); !stages) return stages.error();
    }
    if (!e.error() && !out.emplace(c.ref.value, c).second) e.fail("ref", "listed twice");
    if (e.error()) return *e.error();
  }
  return out;
}

Result<std::vector<store::Attendee>> read_attendees(Entry& meeting) {
  std::vector<store::Attendee> out;
  const json::array* attendees = meeting.array("attendees");
  if (!attendees) return out;  // the meeting's error
  for (std::size_t a = 0; a < attendees->size(); ++a) {
    Entry at((*attendees)[a], meeting.at("attendees[" + std::to_string(a) + "]"));
    store::Attendee attendee{ParticipantId{at.text("id")}, store::AttendeeRole::required, "ACCEPTED", std::nullopt};
    const std::string role = at.text("role", false);
    if (role == "optional") {
      attendee.role = store::AttendeeRole::optional;
    } else if (!role.empty() && role != "required") {
      at.fail("role", "expected required or optional");
    }
    if (at.error()) return *at.error();
    out.push_back(std::move(attendee));
  }
  return out;
}

// One entry of "meetings", its organizer the coordinator of its case.
Result<store::ImportedMeeting> read_meeting(const json::value& v, Location where, const Cases& cases,
                                            const time::Zone& zone, const std::regex& case_ref_pattern) {
  Entry e(v, std::move(where));
  store::ImportedMeeting m;
  m.meeting.case_ref = CaseRef{e.text("case_ref")};
  m.meeting.when = {e.instant("start", zone), e.instant("end", zone)};
  m.meeting.requested_at = e.instant("requested_at", zone);
  m.meeting.title = e.text("title", false);
  m.meeting.location = e.text("location", false);
  m.meeting.description = e.text("description", false);
  m.created_at = m.meeting.requested_at;
  m.reschedules = e.number("reschedules");
  const std::string status = e.text("status", false);
  if (status == "cancelled") {
    m.status = store::MeetingStatus::cancelled;
  } else if (status == "expired") {
    m.status = store::MeetingStatus::expired;
  } else if (!status.empty() && status != "scheduled") {
    e.fail("status", "expected scheduled, cancelled or expired");
  }
  if (const std::string kind = e.text("kind", false); !kind.empty()) {
    auto parsed = cases::parse_meeting_kind(kind);
    if (parsed) m.meeting.kind = *parsed;
    if (!parsed) e.fail("kind", parsed.error().message);
  }
  m.meeting.hold_expires_at = e.optional_instant("hold_expires_at", zone);
  if (m.status == store::MeetingStatus::expired && !m.meeting.hold_expires_at) {
    e.fail("hold_expires_at", "an expired hold needs the time its hold ran to");
  }
  auto attendees = read_attendees(e);
  if (!attendees) return attendees.error();
  m.meeting.attendees = std::move(*attendees);
  if (!e.error() && m.meeting.when.empty()) e.fail("end", "must be after start");
  if (!e.error() && m.meeting.when.start < m.meeting.requested_at) e.fail("requested_at", "must be before start");
  const auto c = cases.find(m.meeting.case_ref.value);
  if (!e.error() && c == cases.end()) e.fail("case_ref", "not listed in cases");
  if (e.error()) return *e.error();
  if (auto ok = check_meeting_text(m.meeting.case_ref, m.meeting.title, m.meeting.location, m.meeting.description,
                                   case_ref_pattern);
      !ok) {
    return Error{ok.error().code, ok.error().message, e.at(ok.error().where.field)};
  }
  m.meeting.organizer = c->second.coordinator;
  return m;
}

// The file's weeks end where it was written; a first start later moves them
// by whole weeks to end the week before this one, so that the figures and the
// dashboard's default period (weeks back from today) have them to show.
void move_to_recent_weeks(std::vector<store::ImportedMeeting>& meetings, Cases& cases, const time::WorkRules& rules,
                          const time::Zone& zone, time::Instant now) {
  const auto last = std::max_element(meetings.begin(), meetings.end(), [](const auto& a, const auto& b) {
    return a.meeting.when.start < b.meeting.when.start;
  });
  if (last == meetings.end()) return;
  const int shift =
      std::max(0, static_cast<int>((monday_of(now, zone) - monday_of(last->meeting.when.start, zone)).count() / 7) - 1);
  if (shift == 0) return;
  for (auto& [ref, c] : cases) {
    c.identified_on = std::chrono::sys_days{c.identified_on} + std::chrono::weeks{shift};
    for (auto& move : c.history) move.at = weeks_later(move.at, shift, zone);
  }
  for (auto& m : meetings) {
    m.meeting.when = {weeks_later(m.meeting.when.start, shift, zone), weeks_later(m.meeting.when.end, shift, zone)};
    m.meeting.requested_at = weeks_later(m.meeting.requested_at, shift, zone);
    if (auto& hold = m.meeting.hold_expires_at) hold = weeks_later(*hold, shift, zone);
    m.created_at = m.meeting.requested_at;
  }
  // A meeting moved onto a public holiday or closure would not have been booked.
  std::erase_if(meetings, [&](const store::ImportedMeeting& m) {
    return !time::is_working_day(time::local_date(m.meeting.when.start, zone), rules);
  });
}

}  // namespace

Result<DemoBookings> read_demo_bookings(const std::filesystem::path& path, const time::WorkRules& rules,
                                        const time::Zone& zone, time::Instant now, const std::regex& case_ref_pattern) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Errc::invalid_value, "cannot read the demo bookings", Location::in(path.string())};
  const std::string text(std::istreambuf_iterator<char>(in), {});
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) return Error{Errc::invalid_value, "not valid JSON: " + ec.message(), Location::in(path.string())};
  Entry top(doc, Location::in(path.string()));
  const json::array* cases = top.array("cases");
  const json::array* meetings = top.array("meetings");
  if (top.error()) return *top.error();

  auto case_by_ref = read_cases(*cases, path.string(), zone);
  if (!case_by_ref) return case_by_ref.error();
  std::vector<store::ImportedMeeting> out;
  for (std::size_t i = 0; i < meetings->size(); ++i) {
    auto m = read_meeting((*meetings)[i], Location{path.string(), 0, "meetings[" + std::to_string(i) + "]"},
                          *case_by_ref, zone, case_ref_pattern);
    if (!m) return m.error();
    out.push_back(std::move(*m));
  }
  move_to_recent_weeks(out, *case_by_ref, rules, zone, now);
  DemoBookings demo;
  std::map<std::string, bool> case_saved;
  for (auto& m : out) {
    m.meeting.in_hole = time::in_hole(m.meeting.when, rules, zone);
    if (!case_saved[m.meeting.case_ref.value]) {
      store::Case c = case_by_ref->at(m.meeting.case_ref.value);
      for (const auto& move : c.history) demo.stage_moves.push_back({c.ref, move.from, move.to, move.at});
      c.history.clear();
      m.meeting.case_record = std::move(c);
      case_saved[m.meeting.case_ref.value] = true;
    }
  }
  demo.meetings = std::move(out);
  return demo;
}

}  // namespace yhteisaika::service
