#include "demo_bookings_file.hpp"

#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>

namespace yhteisaika::service {

namespace {

namespace json = boost::json;

// Reads the fields of one JSON object, remembering the first error with its place.
class Entry {
 public:
  Entry(const json::value& v, std::string where) : where_(std::move(where)) {
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

  const json::array* array(const char* name) {
    const json::value* v = object_ ? object_->if_contains(name) : nullptr;
    if (!v || !v->is_array()) {
      fail(name, "expected an array");
      return nullptr;
    }
    return &v->get_array();
  }

  time::Instant instant(const char* name, const time::Zone& zone) {
    const std::string t = text(name);
    if (t.empty()) return {};
    auto parsed = time::parse_user_time(t, zone);
    if (!parsed) fail(name, "expected a local time like 2026-09-16T14:30");
    return parsed ? *parsed : time::Instant{};
  }

  void fail(const std::string& field, const std::string& message) {
    if (!error_) error_ = Error{Errc::invalid_value, message, where_ + (field.empty() ? "" : "." + field)};
  }

  const std::string& where() const { return where_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::object* object_ = nullptr;
  std::string where_;
  std::optional<Error> error_;
};

std::optional<std::chrono::year_month_day> date_of(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

Result<std::vector<store::ImportedMeeting>> read_demo_bookings(const std::filesystem::path& path,
                                                               const time::WorkRules& rules, const time::Zone& zone) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Errc::invalid_value, "cannot read the demo bookings", path.string()};
  const std::string text(std::istreambuf_iterator<char>(in), {});
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) return Error{Errc::invalid_value, "not valid JSON: " + ec.message(), path.string()};
  Entry top(doc, path.string() + ":");
  const json::array* cases = top.array("cases");
  const json::array* meetings = top.array("meetings");
  if (top.error()) return *top.error();

  std::map<std::string, store::Case> case_by_ref;
  for (std::size_t i = 0; i < cases->size(); ++i) {
    Entry e((*cases)[i], path.string() + ": cases[" + std::to_string(i) + "]");
    store::Case c{CaseRef{e.text("ref")}, ParticipantId{e.text("coordinator")}, {}};
    const std::string identified = e.text("identified_on");
    if (auto date = date_of(identified)) {
      c.identified_on = *date;
    } else {
      e.fail("identified_on", "expected a date YYYY-MM-DD");
    }
    if (!e.error() && !case_by_ref.emplace(c.ref.value, c).second) e.fail("ref", "listed twice");
    if (e.error()) return *e.error();
  }

  std::vector<store::ImportedMeeting> out;
  std::map<std::string, bool> case_saved;
  for (std::size_t i = 0; i < meetings->size(); ++i) {
    Entry e((*meetings)[i], path.string() + ": meetings[" + std::to_string(i) + "]");
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
    } else if (!status.empty() && status != "scheduled") {
      e.fail("status", "expected scheduled or cancelled");
    }
    if (const json::array* attendees = e.array("attendees")) {
      for (std::size_t a = 0; a < attendees->size(); ++a) {
        Entry at((*attendees)[a], e.where() + ".attendees[" + std::to_string(a) + "]");
        store::Attendee attendee{ParticipantId{at.text("id")}, store::AttendeeRole::required, "ACCEPTED", std::nullopt};
        const std::string role = at.text("role", false);
        if (role == "optional") {
          attendee.role = store::AttendeeRole::optional;
        } else if (!role.empty() && role != "required") {
          at.fail("role", "expected required or optional");
        }
        if (at.error()) return *at.error();
        m.meeting.attendees.push_back(std::move(attendee));
      }
    }
    if (!e.error() && m.meeting.when.empty()) e.fail("end", "must be after start");
    if (!e.error() && m.meeting.when.start < m.meeting.requested_at) e.fail("requested_at", "must be before start");
    const auto c = case_by_ref.find(m.meeting.case_ref.value);
    if (!e.error() && c == case_by_ref.end()) e.fail("case_ref", "not listed in cases");
    if (e.error()) return *e.error();
    if (!case_saved[c->first]) {
      m.meeting.case_record = c->second;
      case_saved[c->first] = true;
    }
    m.meeting.organizer = c->second.coordinator;
    m.meeting.in_hole = time::in_hole(m.meeting.when, rules, zone);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace yhteisaika::service
