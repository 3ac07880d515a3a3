#include <yhteisaika/cases/validation.hpp>

#include <yhteisaika/cases/words.hpp>
#include <yhteisaika/privacy/errc.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace std::chrono;
using namespace yhteisaika::cases;
using yhteisaika::Result;
using yhteisaika::time::Interval;

Case valid_case() {
  Case c;
  c.ref = yhteisaika::CaseRef{"YA-2026-0042"};
  c.coordinator = yhteisaika::ParticipantId{"sairaanhoitaja-nieminen"};
  c.identified_on = 2026y / 12 / 1;
  c.trigger = Trigger::ed_frequent_visitor;
  c.segment = 3;
  c.team = {yhteisaika::ParticipantId{"laakari-virtanen"}, yhteisaika::ParticipantId{"sosiaalityontekija-korhonen"}};
  return c;
}

Participant valid_participant() {
  Participant p;
  p.id = "p1";
  p.kind = ParticipantKind::close_one;
  p.label = "Äiti";
  p.email = "aiti@example.fi";
  p.availability = {WeeklyWindow{day_set({Tuesday, Thursday}), hours{12}, hours{16}}};
  const sys_days d = 2026y / 12 / 10;
  p.unavailable = {Interval{d - hours{2}, d + days{2} - hours{2}}};
  return p;
}

// The error of a check that must fail, for its code, field and message.
template <class T>
yhteisaika::Error refused(const Result<T>& r) {
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

}  // namespace

TEST_CASE("a valid case and participant pass", "[cases][validation]") {
  CHECK(validate_case(valid_case()).has_value());
  CHECK(validate_participant(valid_participant()).has_value());
  Case no_segment = valid_case();
  no_segment.segment.reset();
  no_segment.team.clear();
  CHECK(validate_case(no_segment).has_value());
  Participant bare;
  bare.label = "Asiakas";
  bare.kind = ParticipantKind::client;
  CHECK(validate_participant(bare).has_value());
}

TEST_CASE("a segment is 1 to 4 and the error names the field", "[cases][validation]") {
  for (int s : {1, 2, 3, 4}) CHECK(validate_segment(s).has_value());
  for (int s : {0, 5, -1}) {
    const auto e = refused(validate_segment(s));
    CHECK(e.code == Errc::invalid_value);
    CHECK(e.where.field == "segment");
  }
  CHECK(refused(validate_segment(5)).message ==
        "segment is 1-4 (1 omatoimi, 2 tuki, 3 yhteistyö, 4 huolenpito), got 5");
  Case c = valid_case();
  c.segment = 0;
  CHECK(refused(validate_case(c)).where.field == "segment");
}

TEST_CASE("a case needs a pseudonymous reference, a coordinator, a real date and a team without repeats",
          "[cases][validation]") {
  struct Bad {
    const char* what;
    void (*change)(Case&);
    const char* where;
    const char* message;
  };
  const Bad cases[] = {
      {"empty reference", [](Case& c) { c.ref.value.clear(); }, "case_ref",
       "a case reference is 1-64 characters, e.g. YA-2026-0042"},
      {"blank reference", [](Case& c) { c.ref.value = "   "; }, "case_ref",
       "a case reference is 1-64 characters, e.g. YA-2026-0042"},
      {"long reference", [](Case& c) { c.ref.value = std::string(65, 'Y'); }, "case_ref",
       "a case reference is 1-64 characters, e.g. YA-2026-0042"},
      {"control character", [](Case& c) { c.ref.value = "YA-2026\n0042"; }, "case_ref",
       "a case reference has no control characters"},
      {"no coordinator", [](Case& c) { c.coordinator.value.clear(); }, "coordinator",
       "a case has a coordinator: a professional's id"},
      {"30 February", [](Case& c) { c.identified_on = 2026y / 2 / 30; }, "identified_on",
       "identified_on is a real date YYYY-MM-DD"},
      {"empty team id", [](Case& c) { c.team.push_back(yhteisaika::ParticipantId{}); }, "team",
       "a team member is a professional's id, not empty"},
      {"team member twice", [](Case& c) { c.team.push_back(c.team.front()); }, "team",
       "the team lists laakari-virtanen twice"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(bad.what);
    Case c = valid_case();
    bad.change(c);
    const auto e = refused(validate_case(c));
    CHECK(e.code == Errc::invalid_value);
    CHECK(e.where.field == bad.where);
    CHECK(e.message == bad.message);
  }
  Case c = valid_case();
  c.ref.value = std::string(64, 'Y');
  CHECK(validate_case(c).has_value());
}

TEST_CASE("an identity code is refused in a case reference, a label and an e-mail address, never echoed",
          "[cases][validation][privacy]") {
  Case c = valid_case();
  c.ref.value = "YA-131052-308T";
  auto e = refused(validate_case(c));
  CHECK(e.code == yhteisaika::privacy::Errc::identity_code);
  CHECK(e.where.field == "case_ref");
  CHECK(e.message.find("131052") == std::string::npos);

  Participant p = valid_participant();
  p.label = "Äiti 131052-308T";
  e = refused(validate_participant(p));
  CHECK(e.code == yhteisaika::privacy::Errc::identity_code);
  CHECK(e.where.field == "label");
  CHECK(e.message.find("131052") == std::string::npos);

  p = valid_participant();
  p.email = "131052-308T@example.fi";
  e = refused(validate_participant(p));
  CHECK(e.code == yhteisaika::privacy::Errc::identity_code);
  CHECK(e.where.field == "email");
}

TEST_CASE("a participant's label is a role word and the e-mail one an invite can go to", "[cases][validation]") {
  Participant p = valid_participant();
  SECTION("empty or blank label") {
    for (const char* label : {"", "  "}) {
      p.label = label;
      const auto e = refused(validate_participant(p));
      CHECK(e.where.field == "label");
      CHECK(e.message == "a label is 1-100 characters, e.g. Äiti (a role word, never a name)");
    }
  }
  SECTION("101 characters is too long, 100 letters with umlauts are not") {
    p.label.clear();
    for (int i = 0; i < 100; ++i) p.label += "ä";
    CHECK(validate_participant(p).has_value());
    p.label += "a";
    CHECK(refused(validate_participant(p)).where.field == "label");
  }
  SECTION("a control character") {
    p.label = "Äiti\r\nBcc: x";
    const auto e = refused(validate_participant(p));
    CHECK(e.where.field == "label");
    CHECK(e.message == "a label has no control characters");
  }
  SECTION("e-mail shapes") {
    for (const char* bad : {"", "aiti", "Äiti <aiti@example.fi>", "aiti @example.fi", "a@b@example.fi"}) {
      CAPTURE(bad);
      p.email = bad;
      const auto e = refused(validate_participant(p));
      CHECK(e.code == Errc::invalid_value);
      CHECK(e.where.field == "email");
      CHECK(e.message ==
            "email is a plain address like tukihenkilo@jarjesto.fi: no name, spaces, quotes or angle brackets");
    }
    p.email = "vertais.toimija+yhteis@jarjesto.example.fi";
    CHECK(validate_participant(p).has_value());
    p.email.reset();
    CHECK(validate_participant(p).has_value());
  }
}

TEST_CASE("weekly windows have a day, from before to within the day, on the 15-minute grid",
          "[cases][validation][windows]") {
  struct Bad {
    WeeklyWindow window;
    const char* where;
    const char* message;
  };
  const DaySet tue = day_set({Tuesday});
  const Bad cases[] = {
      {{DaySet{}, hours{12}, hours{16}}, "availability[1].days", "a window names at least one day (mon-sun)"},
      {{tue, hours{16}, hours{12}}, "availability[1].to", "to is after from (16:00) and at most 24:00"},
      {{tue, hours{12}, hours{12}}, "availability[1].to", "to is after from (12:00) and at most 24:00"},
      {{tue, hours{20}, hours{24} + minutes{15}}, "availability[1].to", "to is after from (20:00) and at most 24:00"},
      {{tue, minutes{-15}, hours{8}}, "availability[1].from", "from is a time of day 00:00-23:59"},
      {{tue, minutes{12 * 60 + 10}, hours{16}}, "availability[1].from",
       "a window starts and ends on the 15-minute grid that meetings start on (e.g. 12:00, 12:15)"},
      {{tue, hours{12}, minutes{15 * 60 + 50}}, "availability[1].to",
       "a window starts and ends on the 15-minute grid that meetings start on (e.g. 12:00, 12:15)"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(bad.where, bad.message);
    Participant p = valid_participant();
    p.availability.push_back(bad.window);
    const auto e = refused(validate_participant(p));
    CHECK(e.code == Errc::invalid_value);
    CHECK(e.where.field == bad.where);
    CHECK(e.message == bad.message);
  }
  SECTION("a whole day up to 24:00 and quarter hours are fine") {
    Participant p = valid_participant();
    p.availability.push_back({day_set({Saturday, Sunday}), hours{0}, hours{24}});
    p.availability.push_back({tue, minutes{8 * 60 + 45}, minutes{11 * 60 + 15}});
    CHECK(validate_participant(p).has_value());
  }
  SECTION("the grid is the deployment's") {
    Participant p = valid_participant();
    p.availability = {{tue, minutes{8 * 60 + 10}, minutes{9 * 60 + 20}}};
    CHECK(validate_participant(p, minutes{10}).has_value());
    CHECK(refused(validate_participant(p, minutes{30})).message ==
          "a window starts and ends on the 30-minute grid that meetings start on (e.g. 12:00, 12:15)");
  }
  SECTION("too many windows") {
    Participant p = valid_participant();
    p.availability.assign(kMaxWindows + 1, WeeklyWindow{tue, hours{8}, hours{9}});
    const auto e = refused(validate_participant(p));
    CHECK(e.where.field == "availability");
    CHECK(e.message == "at most 50 weekly windows");
  }
}

TEST_CASE("unavailable spans run forward in time", "[cases][validation][windows]") {
  Participant p = valid_participant();
  const sys_days d = 2026y / 12 / 10;
  p.unavailable.push_back(Interval{d + hours{10}, d + hours{10}});
  auto e = refused(validate_participant(p));
  CHECK(e.where.field == "unavailable[1]");
  CHECK(e.message == "an unavailable span's to is after its from");
  p.unavailable.back() = Interval{d + hours{10}, d + hours{9}};
  CHECK(refused(validate_participant(p)).where.field == "unavailable[1]");
  p.unavailable.assign(kMaxUnavailable + 1, Interval{d, d + hours{1}});
  e = refused(validate_participant(p));
  CHECK(e.where.field == "unavailable");
  CHECK(e.message == "at most 200 unavailable spans");
}

TEST_CASE("a hold lasts 1 minute to 14 days", "[cases][validation][holds]") {
  CHECK(validate_hold(minutes{1}).has_value());
  CHECK(validate_hold(days{14}).has_value());
  CHECK(validate_hold(minutes{90}).has_value());
  for (const minutes bad : {minutes{0}, minutes{-5}, days{14} + minutes{1}}) {
    const auto e = refused(validate_hold(bad));
    CHECK(e.code == Errc::invalid_value);
    CHECK(e.where.field == "hold_minutes");
  }
  CHECK(refused(validate_hold(minutes{0})).message ==
        "a hold lasts 1 minute to 14 days (20160 minutes), got 0 minutes");
  CHECK(refused(validate_hold(days{14} + minutes{1})).message ==
        "a hold lasts 1 minute to 14 days (20160 minutes), got 20161 minutes");
}
