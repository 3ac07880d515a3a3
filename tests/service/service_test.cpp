// The service on a database in memory and a copy of the demo team, with a
// fixed clock: what coordinators, professionals and managers get. (SQLite
// itself is tested in tests/store, against the same contract.)
#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/service.hpp>
#include <yhteisaika/store/errc.hpp>
#include <yhteisaika/store/memory_store.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "../support/fake_calendar_fetcher.hpp"
#include "../support/memory_database.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

using namespace yhteisaika;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A scratch folder with the demo calendars, removed at the end, and a database
// in memory (every service opened with seams() sees the same data).
struct Scratch {
  fs::path dir;
  std::shared_ptr<store::MemoryDatabase> database = std::make_shared<store::MemoryDatabase>();
  Scratch() {
    std::random_device random;
    dir = fs::temp_directory_path() / ("yhteisaika-service-" + std::to_string(random()));
    fs::create_directories(dir);
    fs::copy(fs::path(YHTEISAIKA_SOURCE_DIR) / "calendars", dir / "calendars", fs::copy_options::recursive);
  }
  ~Scratch() { fs::remove_all(dir); }
  config::Config config() const {
    config::Config c;
    c.db_path = (dir / "not-opened.db").string();
    c.calendars_dir = (dir / "calendars").string();
    return c;
  }
  service::Seams seams(service::Clock clock) const {
    return {.clock = std::move(clock), .open_store = test::memory_store_of(database)};
  }
  // One more connection, as the command line (another process) would open.
  std::unique_ptr<store::Store> store() const { return store::open_memory_store(database); }
  void write_calendar(const std::string& id, const std::string& text) const {
    const fs::path path = dir / "calendars" / (id + ".ics");
    const auto before = fs::exists(path) ? fs::last_write_time(path) : fs::file_time_type{};
    std::ofstream(path, std::ios::binary) << text;
    // Same-second rewrites must still look changed.
    fs::last_write_time(path, std::max(fs::last_write_time(path), before + 2s));
  }
};

// Monday 2026-11-23 09:00 in Helsinki.
const time::Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;

std::unique_ptr<service::Service> open(const Scratch& s, time::Instant now = kNow) {
  auto opened = service::Service::open(s.config(), s.seams([now] { return now; }));
  REQUIRE(opened.has_value());
  return std::move(*opened);
}

const service::Actor kCoordinator{"Sanna", store::TokenRole::coordinator};
const ParticipantId kDoctor{"laakari-korhonen"};
const ParticipantId kSocial{"sosiaalityontekija-aalto"};
const ParticipantId kPsychologist{"psykologi-makela"};

std::string local(time::Instant t, const service::Service& s) { return time::format_rfc3339(t, s.zone()); }

service::BookInput booking(std::chrono::minutes duration = 60min) {
  service::BookInput in;
  in.solve.required = {kDoctor, kSocial, kPsychologist};
  in.solve.duration = duration;
  in.case_ref = CaseRef{"YA-2026-0042"};
  return in;
}

}  // namespace

TEST_CASE("the first start imports the demo team once", "[service]") {
  Scratch scratch;
  {
    auto s = open(scratch);
    auto people = s->directory().professionals();
    REQUIRE(people.has_value());
    CHECK(people->size() == 10);
    CHECK(s->directory().professional(kDoctor)->profession == "lääkäri");
  }
  auto again = open(scratch);
  CHECK(again->directory().professionals()->size() == 10);
  // Ten professionals and one import of the demo bookings, no more.
  auto log = *again->directory().audit({kNow - 1h, kNow + 1h});
  CHECK(log.size() == 11);
  CHECK(log.back().action == "import_meetings");
  CHECK(log.back().actor == "import");
}

TEST_CASE("the first start imports the demo bookings of past weeks once", "[service][demo]") {
  Scratch scratch;
  const time::Interval past{kNow - std::chrono::days{120}, kNow};
  std::size_t seeded = 0;
  {
    auto s = open(scratch);
    auto meetings = *s->booking().meetings(std::nullopt, past);
    seeded = meetings.size();
    CHECK(seeded >= 20);
    // All in the past, some cancelled, some moved, each with its historical request time.
    CHECK(s->booking().meetings(std::nullopt, {kNow, kNow + std::chrono::days{365}})->empty());
    CHECK(std::any_of(meetings.begin(), meetings.end(),
                      [](const auto& m) { return m.status == store::MeetingStatus::cancelled && m.sequence >= 1; }));
    CHECK(std::any_of(meetings.begin(), meetings.end(), [](const auto& m) { return m.reschedules > 0; }));
    CHECK(std::all_of(meetings.begin(), meetings.end(), [](const auto& m) {
      return m.requested_at < m.when.start && m.created_at == m.requested_at && m.case_ref.value.starts_with("YA-");
    }));
  }
  auto again = open(scratch, kNow + 24h);
  CHECK(again->booking().meetings(std::nullopt, past)->size() == seeded);
}

TEST_CASE("a later first start moves the demo bookings to end the week before", "[service][demo][figures]") {
  // A user who starts the service months after the demo file was written still
  // sees recent weeks in the dashboard's default period (8 weeks back).
  using namespace std::chrono;
  Scratch early_scratch, late_scratch;
  const time::Instant late = sys_days{2027y / March / 10} + 9h;  // a Wednesday
  auto early = open(early_scratch);
  auto s = open(late_scratch, late);
  const time::Interval all{kNow - days{400}, late + days{400}};
  const auto before = *early->booking().meetings(std::nullopt, all);
  const auto after = *s->booking().meetings(std::nullopt, all);
  REQUIRE_FALSE(after.empty());
  // 15 weeks later: Sep 14 - Nov 22 becomes Dec 28 - Mar 7, minus what fell on a holiday (6 Jan).
  CHECK(after.size() < before.size());
  CHECK(after.size() >= before.size() - 3);
  const sys_days this_monday = sys_days{2027y / March / 8};
  for (const auto& m : after) {
    CAPTURE(local(m.when.start, *s));
    CHECK(m.when.end <= time::Instant{this_monday} - 2h);  // before this week (Helsinki midnight)
    CHECK(m.when.start >= time::Instant{this_monday - weeks{11}});
    CHECK(time::is_working_day(time::local_date(m.when.start, s->zone()), time::WorkRules{}));
    CHECK(m.requested_at < m.when.start);
  }
  // The hole meetings keep their wall-clock time.
  CHECK(std::any_of(after.begin(), after.end(), [&](const auto& m) {
    return m.in_hole && local(m.when.start, *s).substr(11, 5) == "14:30";
  }));
  auto weekly = s->figures().utilisation({2027y / January / 11, 2027y / March / 7, std::nullopt, report::GroupBy::week});
  REQUIRE(weekly.has_value());
  CHECK(weekly->totals.figures.holes_booked > 15);
  CHECK(weekly->totals.figures.meetings_in_hole > 10);
}

TEST_CASE("the demo bookings give the seeded weeks non-zero figures", "[service][demo][figures]") {
  Scratch scratch;
  auto s = open(scratch);
  using namespace std::chrono;
  auto weekly = s->figures().utilisation({2026y / September / 14, 2026y / November / 22, std::nullopt, report::GroupBy::week});
  REQUIRE(weekly.has_value());
  REQUIRE(weekly->rows.size() == 10);
  const auto& t = weekly->totals.figures;
  CHECK(t.holes_available == 100);  // ten Wednesdays, ten professionals
  CHECK(t.holes_booked > 20);
  CHECK(t.holes_released == t.holes_available - t.holes_booked);  // every deadline has passed
  CHECK(t.meetings_in_hole > 10);
  CHECK(t.meetings_outside_hole > 0);
  CHECK(t.cancelled > 0);
  CHECK(t.rescheduled > 0);
  CHECK(t.days_from_request.median.has_value());
  CHECK(t.days_from_identification.p90.has_value());
  // Most weeks have hole meetings (in one the only one was cancelled).
  CHECK(std::count_if(weekly->rows.begin(), weekly->rows.end(),
                      [](const auto& week) { return week.figures.holes_booked > 0; }) >= 8);
  int histogram = 0;
  for (const auto& b : weekly->lead_time_histogram) histogram += b.count;
  CHECK(histogram == t.meetings_in_hole + t.meetings_outside_hole);

  // The demo's case meetings (issue 13): two mapping and two first joint meetings (one a
  // confirmed hold), a plan update, two expired holds, cases with their consent times.
  const auto& c = t.cases;
  CHECK(c.holds_held == 0);  // a hold waiting for consent lies ahead; the demo weeks are past
  CHECK(c.holds_confirmed == 1);
  CHECK(c.holds_expired == 2);
  CHECK(c.meetings_mapping == 2);
  CHECK(c.meetings_joint == 2);
  CHECK(c.meetings_plan_update == 1);
  CHECK(c.meetings_mapping + c.meetings_joint + c.meetings_plan_update + c.meetings_other ==
        t.meetings_in_hole + t.meetings_outside_hole);
  CHECK(c.first_joint_from_identification.count == 2);
  CHECK(c.first_joint_from_consent.count == 2);
  REQUIRE(c.first_joint_from_consent.median.has_value());
  // YA-2026-0515: consent 15.10. 10:00 -> 6.11. 10:00 (22 days and the hour of the DST change);
  // YA-2026-0516: 22.10. 14:00 -> 13.11. 12:00 (21 days 23 hours).
  CHECK(*c.first_joint_from_consent.median == Approx((22 + 1.0 / 24 + 21 + 23.0 / 24) / 2));
  auto demo_case = scratch.store()->case_by_ref(CaseRef{"YA-2026-0515"});
  REQUIRE(demo_case.has_value());
  CHECK(demo_case->stage == cases::Stage::plan_made);
  REQUIRE(demo_case->history.size() == 4);
  CHECK(local(demo_case->history[0].at, *s) == "2026-10-15T10:00:00+03:00");

  auto by_unit = s->figures().utilisation({2026y / September / 14, 2026y / November / 22, std::nullopt, report::GroupBy::unit});
  REQUIRE(by_unit.has_value());
  CHECK(by_unit->rows.size() == 10);  // one unit per demo professional
  CHECK(by_unit->units.size() == 10);

  auto unknown = s->figures().utilisation({2026y / September / 14, 2026y / November / 22, "Ei tällaista", report::GroupBy::week});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().where == Location::at_field("unit"));
  auto backwards = s->figures().utilisation({2026y / November / 22, 2026y / September / 14, std::nullopt, report::GroupBy::week});
  CHECK(backwards.error().where == Location::at_field("to"));
}

namespace {

// Whether the hole series of a feed shows the hole of `day` ("20261202"): the
// series starts on or before it and has no EXDATE for it.
bool hole_shown(const std::string& feed, const std::string& day) {
  const auto begin = feed.find("UID:hole-");
  if (begin == std::string::npos) return false;
  const std::string hole = feed.substr(begin, feed.find("END:VEVENT", begin) - begin);
  const std::string start_tag = "DTSTART;TZID=Europe/Helsinki:";
  const auto start = hole.find(start_tag);
  if (start == std::string::npos || hole.substr(start + start_tag.size(), 8) > day) return false;
  return hole.find("EXDATE;TZID=Europe/Helsinki:" + day) == std::string::npos;
}

}  // namespace

TEST_CASE("an unused hole leaves the feed when its release deadline passes", "[service][feeds][release]") {
  Scratch scratch;
  // Without the demo bookings, which would fill last week's holes.
  fs::remove(scratch.dir / "calendars" / "demo-bookings.json");
  // Tuesday 2026-12-01, an hour before the deadline of Wednesday's hole.
  auto clock = std::make_shared<time::Instant>(std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 9h);
  auto opened = service::Service::open(scratch.config(), scratch.seams([clock] { return *clock; }));
  REQUIRE(opened.has_value());
  auto& s = **opened;
  auto secret = *s.directory().rotate_feed_secret(kDoctor, {"Admin", store::TokenRole::admin});

  auto before = *s.feeds().feed(secret);
  CHECK(hole_shown(before->text, "20261202"));
  CHECK_FALSE(hole_shown(before->text, "20261125"));  // last week's, unused, released long ago
  CHECK(hole_shown(before->text, "20261209"));

  *clock += 2h;  // 12:00 local has passed, the same day: the cache must notice
  auto after = *s.feeds().feed(secret);
  CHECK(after->etag != before->etag);
  CHECK_FALSE(hole_shown(after->text, "20261202"));
  CHECK(hole_shown(after->text, "20261209"));
  CHECK(s.feeds().feed(secret)->get() == after.get());  // cached again until the next deadline

  auto figures = *s.figures().utilisation({std::chrono::year{2026} / 11 / 30, std::chrono::year{2026} / 11 / 30, std::nullopt,
                                 report::GroupBy::week});
  CHECK(figures.totals.figures.holes_released == 10);

  // Booking after the release still works where people are free: the solver is unchanged.
  auto booked = s.booking().book(booking(), kCoordinator);
  REQUIRE(booked.has_value());
  CHECK(local(booked->when.start, s) == "2026-12-02T14:30:00+02:00");
  CHECK(hole_shown((*s.feeds().feed(secret))->text, "20261202"));  // used again, so not released
  figures = *s.figures().utilisation({std::chrono::year{2026} / 11 / 30, std::chrono::year{2026} / 11 / 30, std::nullopt,
                            report::GroupBy::week});
  CHECK(figures.totals.figures.holes_booked == 3);
  CHECK(figures.totals.figures.holes_released == 7);
}

TEST_CASE("a coordinator books the hole, and the booking is busy for later solves", "[service]") {
  Scratch scratch;
  auto s = open(scratch);
  auto first = s->booking().book(booking(), kCoordinator);
  REQUIRE(first.has_value());
  CHECK(local(first->when.start, *s) == "2026-12-02T14:30:00+02:00");
  CHECK(first->in_hole);
  CHECK(first->attendees.size() == 3);

  service::SolveInput again = booking().solve;
  auto next = s->booking().solve(again);
  REQUIRE(next.has_value());
  REQUIRE(next->answer.chosen);
  CHECK_FALSE(next->answer.chosen->time.overlaps(first->when));

  // The audit names the token's role and name.
  auto log = *s->directory().audit({kNow - 1h, kNow + 1h});
  CHECK(log.back().action == "book");
  CHECK(log.back().actor == "coordinator:Sanna");
}

TEST_CASE("one hole hosts two half-hour meetings of the same people", "[service]") {
  Scratch scratch;
  auto s = open(scratch);
  auto a = s->booking().book(booking(30min), kCoordinator);
  auto b = s->booking().book(booking(30min), kCoordinator);
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(local(a->when.start, *s) == "2026-12-02T14:30:00+02:00");
  CHECK(local(b->when.start, *s) == "2026-12-02T15:00:00+02:00");
  CHECK(b->in_hole);
}

TEST_CASE("a chosen start is booked exactly, or refused with the reason", "[service]") {
  Scratch scratch;
  auto s = open(scratch);
  auto in = booking();
  in.start = time::parse_user_time("2026-12-02T14:30", s->zone()).value();
  auto booked = s->booking().book(in, kCoordinator);
  REQUIRE(booked.has_value());
  CHECK(booked->when.start == *in.start);

  auto taken = s->booking().book(in, kCoordinator);
  REQUIRE_FALSE(taken.has_value());
  CHECK(taken.error().code == store::Errc::slot_taken);

  in.start = time::parse_user_time("2026-12-03T14:40", s->zone()).value();
  auto off_grid = s->booking().book(in, kCoordinator);
  REQUIRE_FALSE(off_grid.has_value());
  CHECK(off_grid.error().code == service::Errc::invalid_value);
  CHECK(off_grid.error().where == Location::at_field("start"));

  in.start = time::parse_user_time("2026-12-03T17:00", s->zone()).value();
  CHECK(s->booking().book(in, kCoordinator).error().code == service::Errc::invalid_value);
}

TEST_CASE("bad requests name the field and book nothing", "[service]") {
  Scratch scratch;
  auto s = open(scratch);
  auto unknown = booking();
  unknown.solve.required[1] = ParticipantId{"nobody"};
  auto e = s->booking().book(unknown, kCoordinator);
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().code == service::Errc::unknown_attendee);
  CHECK(e.error().where == Location::at_field("required[1]"));

  auto optional = booking();
  optional.solve.optional = {ParticipantId{"ghost"}};
  CHECK(s->booking().book(optional, kCoordinator).error().where == Location::at_field("optional[0]"));

  auto days = booking();
  days.solve.days = 61;
  CHECK(s->booking().book(days, kCoordinator).error().where == Location::at_field("days"));

  auto duration = booking(7min);
  CHECK(s->booking().book(duration, kCoordinator).error().where == Location::at_field("duration_minutes"));

  auto identity = booking();
  identity.description = "Asiakas 131052-308T tulee paikalle";
  auto refused = s->booking().book(identity, kCoordinator);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == privacy::Errc::identity_code);
  CHECK(refused.error().where == Location::at_field("description"));
  CHECK(refused.error().message.find("131052") == std::string::npos);

  auto in_ref = booking();
  in_ref.case_ref = CaseRef{"131052-308T"};
  CHECK(s->booking().book(in_ref, kCoordinator).error().code == privacy::Errc::identity_code);

  CHECK(s->booking().meetings(std::nullopt, {kNow, kNow + 1000h})->empty());  // only the demo's past bookings
}

TEST_CASE("the coordinator attends their meeting as accepted and is not asked to reply", "[service][issue-10]") {
  // The coordinator, the invite's ORGANIZER, was also an ATTENDEE with PARTSTAT=NEEDS-ACTION
  // and RSVP=TRUE: asked to answer their own invitation.
  Scratch scratch;
  auto s = open(scratch);
  service::BookInput input = booking();
  input.coordinator = kSocial;
  const auto partstats = [](const store::Meeting& m) {
    std::map<std::string, std::string> out;
    for (const auto& a : m.attendees) out[a.id.value] = a.partstat;
    return out;
  };
  const std::map<std::string, std::string> expected{
      {kDoctor.value, "NEEDS-ACTION"}, {kSocial.value, "ACCEPTED"}, {kPsychologist.value, "NEEDS-ACTION"}};
  auto booked = *s->booking().book(input, kCoordinator);
  CHECK(partstats(booked) == expected);
  CHECK(partstats(*s->booking().meeting(booked.id)) == expected);

  // What a calendar program reads in the invite.
  const auto attendee_lines = [&] {
    std::string text = s->booking().invite(booked.id)->text;
    for (std::size_t fold; (fold = text.find("\r\n ")) != std::string::npos;) text.erase(fold, 3);  // RFC 5545 §3.1
    std::map<std::string, std::string> out;  // address -> line
    for (std::size_t at = 0; (at = text.find("\r\nATTENDEE;", at)) != std::string::npos; at += 2) {
      const std::string line = text.substr(at + 2, text.find("\r\n", at + 2) - at - 2);
      out[line.substr(line.rfind(':') + 1)] = line;
    }
    return out;
  };
  const std::string coordinator = "sanna.aalto@hyvinvointialue.example";
  auto lines = attendee_lines();
  REQUIRE(lines.size() == 3);
  for (const auto& [address, line] : lines) {
    CAPTURE(line);
    const bool organizer = address == coordinator;
    CHECK(line.find(organizer ? ";PARTSTAT=ACCEPTED;" : ";PARTSTAT=NEEDS-ACTION;") != std::string::npos);
    CHECK(line.find(organizer ? ";RSVP=FALSE;" : ";RSVP=TRUE;") != std::string::npos);
  }

  // A reschedule asks everyone anew, but not the coordinator who moves it.
  auto moved = *s->booking().reschedule(booked.id, {}, kCoordinator);
  CHECK(partstats(moved) == expected);
  CHECK(attendee_lines().at(coordinator).find(";PARTSTAT=ACCEPTED;RSVP=FALSE;") != std::string::npos);
}

TEST_CASE("reschedule and cancel raise the sequence, and the invite follows", "[service]") {
  Scratch scratch;
  auto s = open(scratch);
  auto booked = *s->booking().book(booking(), kCoordinator);

  auto moved = s->booking().reschedule(booked.id, {}, kCoordinator);
  REQUIRE(moved.has_value());
  CHECK(moved->sequence == 1);
  CHECK_FALSE(moved->when.overlaps(booked.when));

  // A move by 15 minutes overlaps its own old time: allowed.
  service::RescheduleInput nudge;
  nudge.start = moved->when.start + 15min;
  auto nudged = s->booking().reschedule(booked.id, nudge, kCoordinator);
  REQUIRE(nudged.has_value());
  CHECK(nudged->sequence == 2);
  CHECK(nudged->when.start == *nudge.start);

  auto request = s->booking().invite(booked.id);
  REQUIRE(request.has_value());
  CHECK(request->method == "REQUEST");

  auto cancelled = s->booking().cancel(booked.id, kCoordinator);
  REQUIRE(cancelled.has_value());
  CHECK(cancelled->status == store::MeetingStatus::cancelled);
  CHECK(s->booking().cancel(booked.id, kCoordinator).error().code == store::Errc::not_scheduled);
  auto cancel = s->booking().invite(booked.id);
  CHECK(cancel->method == "CANCEL");
  CHECK(cancel->text.find("METHOD:CANCEL") != std::string::npos);
  CHECK(cancel->text.find("SEQUENCE:" + std::to_string(cancelled->sequence)) != std::string::npos);
}

TEST_CASE("a feed is served from cache until a booking of theirs changes it", "[service][feeds]") {
  Scratch scratch;
  auto s = open(scratch);
  const service::Actor admin{"Admin", store::TokenRole::admin};
  auto secret = s->directory().rotate_feed_secret(kDoctor, admin);
  REQUIRE(secret.has_value());
  auto first = s->feeds().feed(*secret);
  REQUIRE(first.has_value());
  CHECK(first->get() == s->feeds().feed(*secret)->get());  // the same rendering, not a new one
  CHECK((*first)->text.find("X-YHTEISAIKA-HOLE:TRUE") != std::string::npos);

  auto booked = *s->booking().book(booking(), kCoordinator);
  auto second = *s->feeds().feed(*secret);
  CHECK(second->etag != (*first)->etag);
  CHECK(second->text.find("UID:meeting-" + std::to_string(booked.id.value) + "@") != std::string::npos);

  CHECK(s->feeds().feed("not-a-secret").error().code == service::Errc::not_found);
  auto rotated = *s->directory().rotate_feed_secret(kDoctor, admin);
  CHECK(s->feeds().feed(*secret).error().code == service::Errc::not_found);
  CHECK(s->feeds().feed(rotated).has_value());
}

TEST_CASE("the hole in a professional's feed is organized by the service's mailbox", "[service][feeds][issue-10]") {
  // The hole VEVENT of every METHOD:PUBLISH feed had no ORGANIZER (RFC 5546 §3.2.1 requires one).
  Scratch scratch;
  auto config = scratch.config();
  config.organizer_email = "yhteisaika@hyvinvointialue.example";
  config.mail_from_name = "Yhteisaika Hämeenkoski";
  auto opened = service::Service::open(config, scratch.seams([] { return kNow; }));
  REQUIRE(opened.has_value());
  auto& s = **opened;
  const std::string text = (*s.feeds().feed(*s.directory().rotate_feed_secret(kDoctor, {"Admin", store::TokenRole::admin})))->text;
  const auto hole = text.find("UID:hole-laakari-korhonen@");
  REQUIRE(hole != std::string::npos);
  std::string event = text.substr(hole, text.find("END:VEVENT", hole) - hole);
  for (std::size_t fold; (fold = event.find("\r\n ")) != std::string::npos;) event.erase(fold, 3);  // RFC 5545 §3.1
  CHECK(event.find("ORGANIZER;CN=Yhteisaika Hämeenkoski:mailto:yhteisaika@hyvinvointialue.example\r\n") !=
        std::string::npos);
}

TEST_CASE("a cancelled meeting stays in the feed as cancelled for 30 days after its start", "[service][feeds]") {
  Scratch scratch;
  auto clock = std::make_shared<time::Instant>(kNow);
  auto opened = service::Service::open(scratch.config(), scratch.seams([clock] { return *clock; }));
  REQUIRE(opened.has_value());
  auto& s = **opened;
  auto secret = *s.directory().rotate_feed_secret(kDoctor, {"Admin", store::TokenRole::admin});
  auto booked = *s.booking().book(booking(), kCoordinator);
  REQUIRE(s.booking().cancel(booked.id, kCoordinator).has_value());
  const std::string uid = "UID:meeting-" + std::to_string(booked.id.value) + "@";
  const auto shown_cancelled = [&] {
    const std::string text = (*s.feeds().feed(secret))->text;
    const auto at = text.find(uid);
    if (at == std::string::npos) return false;
    const auto end = text.find("END:VEVENT", at);
    return text.substr(at, end - at).find("STATUS:CANCELLED") != std::string::npos;
  };
  CHECK(shown_cancelled());  // subscribers' calendars drop it
  *clock = booked.when.start + std::chrono::days{29};
  CHECK(shown_cancelled());
  *clock = booked.when.start + std::chrono::days{31};
  CHECK((*s.feeds().feed(secret))->text.find(uid) == std::string::npos);
}

TEST_CASE("a changed calendar file is read again, and a broken one is never free", "[service][calendars]") {
  Scratch scratch;
  auto s = open(scratch);
  auto before = s->booking().solve(booking().solve);
  REQUIRE(before->answer.chosen);
  CHECK(before->answer.chosen->in_hole);

  // The doctor books the whole first hole in their own calendar.
  scratch.write_calendar(kDoctor.value,
                         "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                         "DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Helsinki:20261202T143000\r\n"
                         "DTEND;TZID=Europe/Helsinki:20261202T153000\r\nSUMMARY:Varattu\r\nEND:VEVENT\r\n"
                         "END:VCALENDAR\r\n");
  auto after = s->booking().solve(booking().solve);
  REQUIRE(after->answer.chosen);
  CHECK(after->answer.chosen->time.start != before->answer.chosen->time.start);

  scratch.write_calendar(kDoctor.value, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261313T000000Z\r\n"
                                        "END:VEVENT\r\nEND:VCALENDAR\r\n");
  auto broken = s->booking().solve(booking().solve);
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().code == service::Errc::calendar_unavailable);
  CHECK(broken.error().message.find("laakari-korhonen.ics:4") != std::string::npos);

  service::SolveInput others;
  others.required = {kSocial, kPsychologist};
  CHECK(s->booking().solve(others).has_value());
}

TEST_CASE("a calendar_source written with .ics is read, and an unknown source says why",
          "[service][sources][issue-10]") {
  // The walk-through's "nuorisotyontekija-virtanen.ics" could never be read, and
  // GET /sources showed such a calendar as unknown with no error at all.
  Scratch scratch;
  auto s = open(scratch);
  const service::Actor admin{"Admin", store::TokenRole::admin};
  scratch.write_calendar("nuorisotyontekija-virtanen",
                         "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nEND:VCALENDAR\r\n");
  const auto professional = [](const char* id, const char* source) {
    return store::Professional{ParticipantId{id}, "Ville Virtanen", "nuorisotyöntekijä", "Nuorisopalvelut", "", source};
  };
  REQUIRE(s->directory().create_professional(professional("nuorisotyontekija-virtanen", "nuorisotyontekija-virtanen.ics"), admin));
  REQUIRE(s->directory().create_professional(professional("ohjaaja-ilman-kalenteria", "ohjaaja-ilman-kalenteria"), admin));
  REQUIRE(s->directory().create_professional(professional("etakalenteri", "https://calendar.example.invalid/x.ics"), admin));

  const auto row = [&](const char* id) {
    for (const auto& r : *s->sources().all()) {
      if (r.id.value == id) return r;
    }
    FAIL("no row for " << id);
    return sources::SourceStatus{};
  };
  for (const char* id : {"nuorisotyontekija-virtanen", "ohjaaja-ilman-kalenteria", "etakalenteri"}) {
    INFO(id);
    const auto r = row(id);
    CHECK(r.unknown);
    CHECK_FALSE(r.last_error.empty());
  }
  CHECK_THAT(row("nuorisotyontekija-virtanen").last_error, Catch::Contains("not read yet"));
  CHECK_THAT(row("ohjaaja-ilman-kalenteria").last_error, Catch::Contains("no ohjaaja-ilman-kalenteria.ics"));
  CHECK_THAT(row("etakalenteri").last_error, Catch::Contains("not fetched yet"));

  service::SolveInput with_new;
  with_new.required = {ParticipantId{"nuorisotyontekija-virtanen"}, kDoctor};
  const auto solved = s->booking().solve(with_new);
  INFO((solved ? std::string("solved") : solved.error().to_string()));
  REQUIRE(solved.has_value());
  CHECK(solved->answer.chosen);
  CHECK_FALSE(row("nuorisotyontekija-virtanen").unknown);
}

TEST_CASE("a feed secret rotated by another process stops working at once", "[service][feeds]") {
  Scratch scratch;
  auto opened = service::Service::open(scratch.config(), scratch.seams([] { return kNow; }));
  REQUIRE(opened.has_value());
  auto& s = **opened;
  auto secret = *s.directory().rotate_feed_secret(kDoctor, {"Admin", store::TokenRole::admin});
  REQUIRE(s.feeds().feed(secret).has_value());

  // The command line rotates on its own connection.
  auto cli = scratch.store();
  auto fresh = cli->rotate_feed_secret(kDoctor, {"cli", kNow});
  REQUIRE(fresh.has_value());

  CHECK(s.feeds().feed(secret).error().code == service::Errc::not_found);
  CHECK(s.feeds().feed(*fresh).has_value());
}

TEST_CASE("a request window must lie within the horizon", "[service][issue-10]") {
  // POST /api/v1/solve with "from": "9999-01-04T08:00" read every calendar up
  // to the year 9999 and failed on the occurrence cap (503) instead of saying
  // that such a window is not accepted.
  Scratch scratch;
  auto s = open(scratch);
  const time::Instant far = time::parse_user_time("9999-01-04T08:00", s->zone()).value();
  const auto refused = [](const auto& answer, const char* field) {
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == service::Errc::invalid_value);
    CHECK(answer.error().where == Location::at_field(field));
  };

  auto solve = booking().solve;
  solve.from = far;
  refused(s->booking().solve(solve), "from");
  CHECK(s->booking().solve(booking().solve).has_value());  // the calendars are still readable

  // The window's end counts: 100 days ahead with 14 days fits 120, 110 days does not.
  solve.from = kNow + std::chrono::days{100};
  CHECK(s->booking().solve(solve).has_value());
  solve.from = kNow + std::chrono::days{110};
  refused(s->booking().solve(solve), "from");
  solve.from = std::nullopt;
  solve.days = 60;
  CHECK(s->booking().solve(solve).has_value());

  auto book = booking();
  book.solve.from = far;
  refused(s->booking().book(book, kCoordinator), "from");
  book.solve.from = std::nullopt;
  book.start = far;
  refused(s->booking().book(book, kCoordinator), "start");
  book.start = kNow - 24h;
  refused(s->booking().book(book, kCoordinator), "start");

  auto booked = s->booking().book(booking(), kCoordinator);
  REQUIRE(booked.has_value());
  service::RescheduleInput move;
  move.from = far;
  refused(s->booking().reschedule(booked->id, move, kCoordinator), "from");
  move.from = std::nullopt;
  move.start = far;
  refused(s->booking().reschedule(booked->id, move, kCoordinator), "start");
  CHECK(s->booking().meeting(booked->id)->sequence == 0);  // nothing moved
}

namespace {

const std::string kRemoteA = "https://cal.example.fi/korhonen.ics";
const std::string kRemoteB = "https://cal.example.fi/aalto.ics";
const std::string kEmptyCalendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nEND:VCALENDAR\r\n";

void set_source(service::Service& s, const ParticipantId& id, const std::string& source) {
  auto p = s.directory().professional(id);
  REQUIRE(p.has_value());
  p->calendar_source = source;
  REQUIRE(s.directory().update_professional(*p, {"Admin", store::TokenRole::admin}).has_value());
}

// A booking of its own case, for bookings side by side.
service::BookInput booking_input(std::size_t i) {
  auto in = booking();
  in.case_ref = CaseRef{"YA-2026-" + std::to_string(7000 + i)};
  return in;
}

std::unique_ptr<service::Service> open_with(const Scratch& scratch, const config::Config& config,
                                            std::function<time::Instant()> clock,
                                            std::shared_ptr<const sources::CalendarFetcher> fetcher) {
  auto seams = scratch.seams(std::move(clock));
  seams.fetcher = std::move(fetcher);
  auto opened = service::Service::open(config, std::move(seams));
  REQUIRE(opened.has_value());
  return std::move(*opened);
}

}  // namespace

TEST_CASE("a solve fetches its attendees' remote calendars side by side", "[service][issue-10]") {
  // A solve fetched its attendees' remote calendars one after another, each
  // for up to the read timeout, so that four slow sources held a worker for
  // four timeouts.
  Scratch scratch;
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kRemoteA, kEmptyCalendar);
  fetcher->serve(kRemoteB, kEmptyCalendar);
  auto s = open_with(scratch, scratch.config(), [] { return kNow; }, fetcher);
  set_source(*s, kDoctor, kRemoteA);
  set_source(*s, kSocial, kRemoteB);
  test::ReleaseOnExit release{*fetcher};

  fetcher->hold(kRemoteA);
  fetcher->hold(kRemoteB);
  std::optional<Result<service::Solution>> answer;
  std::thread solving([&] { answer = s->booking().solve(booking().solve); });
  // Both fetches are under way while neither has answered.
  const bool a_started = fetcher->started(kRemoteA, 1);
  const bool b_started = fetcher->started(kRemoteB, 1);
  fetcher->release_all();
  solving.join();
  CHECK(a_started);
  CHECK(b_started);
  REQUIRE(answer.has_value());
  REQUIRE(answer->has_value());
  CHECK((*answer)->answer.chosen.has_value());
}

TEST_CASE("a slow source does not delay a solve that does not name it", "[service][issue-10]") {
  // Remote calendars were fetched on the worker threads, so a slow source held
  // its request's worker; other requests must still be answered meanwhile.
  Scratch scratch;
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kRemoteA, kEmptyCalendar);
  auto s = open_with(scratch, scratch.config(), [] { return kNow; }, fetcher);
  set_source(*s, kDoctor, kRemoteA);
  test::ReleaseOnExit release{*fetcher};

  fetcher->hold(kRemoteA);
  std::atomic<bool> slow_done{false};
  std::optional<Result<service::Solution>> slow;
  std::thread solving([&] {
    slow = s->booking().solve(booking().solve);
    slow_done = true;
  });
  const bool slow_started = fetcher->started(kRemoteA, 1);
  service::SolveInput others;
  others.required = {kSocial, kPsychologist};
  auto quick = s->booking().solve(others);
  const bool answered_first = !slow_done;
  fetcher->release_all();
  solving.join();
  CHECK(slow_started);
  CHECK(quick.has_value());
  CHECK(answered_first);
  REQUIRE(slow.has_value());
  CHECK(slow->has_value());
}

TEST_CASE("at the fetch deadline a solve answers from the last good copy, never from an unread one",
          "[service][issue-10]") {
  // A solve waited for each slow source for the whole read timeout; now it
  // waits once (connect + read timeout) and then answers from what it has.
  Scratch scratch;
  {
    auto first = open(scratch);
    set_source(*first, kDoctor, kRemoteA);
    set_source(*first, kSocial, kRemoteB);
  }
  auto fetcher = std::make_shared<test::FakeCalendarFetcher>();
  fetcher->serve(kRemoteA, kEmptyCalendar);  // kRemoteB answers 503: never read
  auto config = scratch.config();
  config.connect_timeout = 0s;  // the deadline passes as soon as a fetch starts
  config.read_timeout = 0s;
  auto clock = std::make_shared<std::atomic<time::Instant>>(kNow);
  auto s = open_with(scratch, config, [clock] { return clock->load(); }, fetcher);  // reads both, waiting
  test::ReleaseOnExit release{*fetcher};
  service::SolveInput doctor;
  doctor.required = {kDoctor, kPsychologist};
  service::SolveInput social;
  social.required = {kSocial, kPsychologist};

  // Older than max_age, so fetched again, and slow: the good copy answers, marked stale.
  fetcher->hold(kRemoteA);
  *clock = kNow + 20min;
  auto answer = s->booking().solve(doctor);
  REQUIRE(answer.has_value());
  CHECK(answer->answer.chosen.has_value());
  auto stale = s->booking().stale_calendars({kDoctor, kPsychologist});
  REQUIRE(stale.size() == 1);
  CHECK(stale.front().id == kDoctor);
  CHECK(stale.front().last_error.find("no answer within") != std::string::npos);

  // Never read and slow: unavailable, never free.
  fetcher->serve(kRemoteB, kEmptyCalendar);
  fetcher->hold(kRemoteB);
  auto unread = s->booking().solve(social);
  REQUIRE_FALSE(unread.has_value());
  CHECK(unread.error().code == service::Errc::calendar_unavailable);
  CHECK(unread.error().calendars == std::vector<std::string>{kSocial.value});
}

TEST_CASE("a write lock held by another process stalls no read, and a booking answers busy within the busy timeout",
          "[service][issue-10]") {
  // A booking waiting for another process's write lock held a pooled
  // connection (and its worker) for the whole group-commit wait, so that every
  // authenticated call, reads included, stalled for up to 15 s; and the
  // booking then failed as a generic database error.
  Scratch scratch;
  auto config = scratch.config();
  config.worker_threads = 1;  // a pool of two connections
  config.busy_timeout = 1500ms;
  auto s = open_with(scratch, config, [] { return kNow; }, nullptr);
  auto token = scratch.store()->issue_token("Sanna", store::TokenRole::coordinator, {"cli", kNow});
  REQUIRE(token.has_value());

  // Another process's BEGIN IMMEDIATE (the SQLite store's own busy handling is
  // tests/store's contract suite, run against both stores).
  std::optional<store::MemoryDatabase::WriteLockHold> other_process(scratch.database->hold_write_lock());
  // As many bookings as the pool has connections wait for the lock...
  struct Booking {
    std::optional<Result<store::Meeting>> answer;
    std::chrono::steady_clock::duration took{};
  };
  std::vector<Booking> bookings(2);
  std::atomic<int> finished{0};
  std::vector<std::thread> booking;
  for (std::size_t i = 0; i < bookings.size(); ++i) {
    booking.emplace_back([&, i] {
      auto in = booking_input(i);
      const auto t0 = std::chrono::steady_clock::now();
      bookings[i].answer = s->booking().book(in, kCoordinator);
      bookings[i].took = std::chrono::steady_clock::now() - t0;
      ++finished;
    });
  }
  // ...and meanwhile every read answers at once.
  std::chrono::steady_clock::duration slowest_read{};
  bool reads_ok = true;
  int reads = 0;
  while (finished < static_cast<int>(bookings.size())) {
    const auto t0 = std::chrono::steady_clock::now();
    reads_ok = reads_ok && s->directory().authenticate(token->secret).has_value() && s->directory().professionals().has_value() &&
               s->booking().meetings(std::nullopt, {kNow, kNow + 1000h}).has_value();
    slowest_read = std::max(slowest_read, std::chrono::steady_clock::now() - t0);
    ++reads;
  }
  for (auto& t : booking) t.join();
  CHECK(reads_ok);
  CHECK(reads > 0);
  CHECK(slowest_read < 750ms);
  for (const auto& b : bookings) {
    REQUIRE(b.answer.has_value());
    REQUIRE_FALSE(b.answer->has_value());
    CHECK(b.answer->error().code == store::Errc::busy);
    CHECK(b.took < 2500ms);  // the busy timeout, not one per batch queued before it
  }

  other_process.reset();  // ROLLBACK
  CHECK(s->booking().book(booking_input(0), kCoordinator).has_value());
}

TEST_CASE("a feed is still served from the cache keyed by digests, and a rotated secret stops at once",
          "[service][feeds][issue-10]") {
  // The feed cache was keyed by raw secrets; keyed by their SHA-256 now, it
  // must still answer from cache and forget a rotated secret at once.
  Scratch scratch;
  auto s = open(scratch);
  const service::Actor admin{"Admin", store::TokenRole::admin};
  auto secret = *s->directory().rotate_feed_secret(kDoctor, admin);
  auto first = s->feeds().feed(secret);
  REQUIRE(first.has_value());
  CHECK(s->feeds().feed(secret)->get() == first->get());  // the cached rendering
  std::string off = secret;
  off.front() = off.front() == 'a' ? 'b' : 'a';
  CHECK(s->feeds().feed(off).error().code == service::Errc::not_found);

  auto rotated = *s->directory().rotate_feed_secret(kDoctor, admin);
  CHECK(s->feeds().feed(secret).error().code == service::Errc::not_found);
  auto again = s->feeds().feed(rotated);
  REQUIRE(again.has_value());
  CHECK(again->get() == first->get());  // the same feed, still from cache
}

TEST_CASE("a fixed start before now is refused, for a booking and for a reschedule", "[service][issue-10]") {
  // A start in the past was booked (201) and a meeting could be moved into the past (200).
  Scratch scratch;
  auto s = open(scratch);
  for (const char* past : {"2020-01-08T10:00", "2026-11-23T08:00"}) {  // years ago; earlier today
    CAPTURE(past);
    auto in = booking();
    in.start = time::parse_user_time(past, s->zone()).value();
    auto refused = s->booking().book(in, kCoordinator);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == service::Errc::invalid_value);
    CHECK(refused.error().where == Location::at_field("start"));
    CHECK_THAT(refused.error().message, Catch::Contains("in the past"));
  }
  CHECK(s->booking().meetings(std::nullopt, {kNow - std::chrono::days{3000}, kNow + 1000h})->size() ==
        s->booking().meetings(std::nullopt, {kNow - std::chrono::days{3000}, kNow})->size());  // nothing new was booked

  auto booked = *s->booking().book(booking(), kCoordinator);
  service::RescheduleInput back;
  back.start = time::parse_user_time("2025-11-19T14:30", s->zone()).value();
  auto moved = s->booking().reschedule(booked.id, back, kCoordinator);
  REQUIRE_FALSE(moved.has_value());
  CHECK(moved.error().code == service::Errc::invalid_value);
  CHECK(moved.error().where == Location::at_field("start"));
  CHECK(*s->booking().meeting(booked.id) == booked);
}

TEST_CASE("an optional attendee's own booking never makes a booking fail", "[service][optional][issue-10]") {
  // The store's re-check covered optional attendees, so the slot solve offered
  // (with them in optional_busy) was refused: 409 no_slot, or slot_taken with a start.
  Scratch scratch;
  auto s = open(scratch);
  const ParticipantId kela{"kelan-asiantuntija-salo"};
  const ParticipantId nurse{"terveydenhoitaja-nieminen"};
  const auto hole = time::parse_user_time("2026-12-02T14:30", s->zone()).value();

  auto theirs = booking();
  theirs.solve.required = {kela, nurse};
  theirs.case_ref = CaseRef{"YA-2026-0043"};
  theirs.start = hole;
  auto own = s->booking().book(theirs, kCoordinator);
  REQUIRE(own.has_value());

  auto team = booking();
  team.solve.optional = {kela};
  auto offered = s->booking().solve(team.solve);
  REQUIRE(offered.has_value());
  REQUIRE(offered->answer.chosen);
  CHECK(offered->answer.chosen->time.start == hole);
  CHECK(offered->answer.optional_busy == std::vector<ParticipantId>{kela});

  SECTION("solved") {}
  SECTION("at the offered start") { team.start = hole; }
  auto booked = s->booking().book(team, kCoordinator);
  REQUIRE(booked.has_value());
  CHECK(booked->when.start == hole);
  CHECK(std::any_of(booked->attendees.begin(), booked->attendees.end(), [&](const store::Attendee& a) {
    return a.id == kela && a.role == store::AttendeeRole::optional;
  }));

  // Double-booked by choice: their feed shows both, and once their own meeting
  // is gone the optional attendance alone still keeps them busy then.
  auto secret = *s->directory().rotate_feed_secret(kela, {"Admin", store::TokenRole::admin});
  const std::string feed = (*s->feeds().feed(secret))->text;
  CHECK(feed.find("UID:meeting-" + std::to_string(own->id.value) + "@") != std::string::npos);
  CHECK(feed.find("UID:meeting-" + std::to_string(booked->id.value) + "@") != std::string::npos);
  REQUIRE(s->booking().cancel(own->id, kCoordinator).has_value());
  service::SolveInput required;
  required.required = {kela};
  required.from = hole;
  required.days = 1;
  required.strategy = solve::Strategy::earliest;
  auto later = s->booking().solve(required);
  REQUIRE(later.has_value());
  REQUIRE(later->answer.chosen);
  CHECK(later->answer.chosen->time.start >= booked->when.end);
  auto in = booking();
  in.solve.required = {kela};
  in.case_ref = CaseRef{"YA-2026-0044"};
  in.start = hole;
  CHECK(s->booking().book(in, kCoordinator).error().code == store::Errc::slot_taken);
}

TEST_CASE("slot_taken names every required attendee who is not free at the start", "[service][issue-10]") {
  // The answer said only "a required attendee is no longer free at that time".
  Scratch scratch;
  // The psychologist's own calendar is busy in the hole; the doctor gets a booking there.
  scratch.write_calendar(kPsychologist.value,
                         "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                         "DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Helsinki:20261202T143000\r\n"
                         "DTEND;TZID=Europe/Helsinki:20261202T153000\r\nSUMMARY:Varattu\r\nEND:VEVENT\r\n"
                         "END:VCALENDAR\r\n");
  auto s = open(scratch);
  const auto hole = time::parse_user_time("2026-12-02T14:30", s->zone()).value();
  auto doctor = booking();
  doctor.solve.required = {kDoctor};
  doctor.start = hole;
  REQUIRE(s->booking().book(doctor, kCoordinator).has_value());

  auto team = booking();
  team.start = hole;
  auto taken = s->booking().book(team, kCoordinator);
  REQUIRE_FALSE(taken.has_value());
  CHECK(taken.error().code == store::Errc::slot_taken);
  CHECK(taken.error().where == Location::at_field("start"));
  CHECK(taken.error().message == "not free at that time: laakari-korhonen, psykologi-makela");
}

TEST_CASE("reschedule without the declined when nobody declined changes nothing and says so", "[service][issue-10]") {
  // {"without_declined": true} with no decline re-solved and moved the meeting.
  Scratch scratch;
  auto s = open(scratch);
  auto booked = *s->booking().book(booking(), kCoordinator);
  service::RescheduleInput without_declined;
  without_declined.without_declined = true;
  auto refused = s->booking().reschedule(booked.id, without_declined, kCoordinator);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == service::Errc::nothing_to_do);
  CHECK(refused.error().where == Location::at_field("without_declined"));
  CHECK(*s->booking().meeting(booked.id) == booked);

  // Once a required attendee declines, the same request takes them off and moves it.
  auto other = scratch.store();
  auto declined = other->record_answer(booked.id, kDoctor, 0, "DECLINED", "link", {"link:laakari-korhonen", kNow});
  REQUIRE(declined.has_value());
  REQUIRE(*declined == store::AnswerOutcome::applied);
  auto moved = s->booking().reschedule(booked.id, without_declined, kCoordinator);
  REQUIRE(moved.has_value());
  CHECK(moved->sequence == 1);
  CHECK(std::none_of(moved->attendees.begin(), moved->attendees.end(),
                     [](const store::Attendee& a) { return a.id == kDoctor; }));
}
