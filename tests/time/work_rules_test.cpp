#include <yhteisaika/time/work_rules.hpp>

#include <yhteisaika/calendar/zone_catalog.hpp>

#include "../support/helsinki_zone.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace std::chrono;
using yhteisaika::time::Instant;
using yhteisaika::time::Interval;
using yhteisaika::time::WorkRules;
using yhteisaika::time::Zone;
using Spans = std::vector<Interval>;

using yhteisaika::test::helsinki;

Instant utc(year_month_day d, int h, int m = 0) { return sys_days{d} + hours{h} + minutes{m}; }
Interval span(year_month_day d, int from_h, int from_m, int to_h, int to_m) {
  return {utc(d, from_h, from_m), utc(d, to_h, to_m)};
}
// A UTC window of whole days [from 00:00Z, to 00:00Z).
Interval days_utc(year_month_day from, year_month_day to) { return {sys_days{from}, sys_days{to}}; }

std::string holiday(year_month_day d) { return std::string(yhteisaika::time::finnish_holiday(d).value_or("")); }

}  // namespace

TEST_CASE("Finnish movable holidays fall on their official dates in 2025-2030", "[time][holidays]") {
  struct Year {
    year_month_day good_friday, easter_monday, ascension, midsummer_eve;
  };
  // Official dates (Easter Sunday 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16,
  // 2029-04-01, 2030-04-21).
  const Year years[] = {
      {2025y / 4 / 18, 2025y / 4 / 21, 2025y / 5 / 29, 2025y / 6 / 20},
      {2026y / 4 / 3, 2026y / 4 / 6, 2026y / 5 / 14, 2026y / 6 / 19},
      {2027y / 3 / 26, 2027y / 3 / 29, 2027y / 5 / 6, 2027y / 6 / 25},
      {2028y / 4 / 14, 2028y / 4 / 17, 2028y / 5 / 25, 2028y / 6 / 23},
      {2029y / 3 / 30, 2029y / 4 / 2, 2029y / 5 / 10, 2029y / 6 / 22},
      {2030y / 4 / 19, 2030y / 4 / 22, 2030y / 5 / 30, 2030y / 6 / 21},
  };
  for (const Year& y : years) {
    CAPTURE(static_cast<int>(y.good_friday.year()));
    CHECK(holiday(y.good_friday) == "Pitkäperjantai");
    CHECK(holiday(y.easter_monday) == "2. pääsiäispäivä");
    CHECK(holiday(y.ascension) == "Helatorstai");
    CHECK(holiday(y.midsummer_eve) == "Juhannusaatto");
    CHECK(weekday{sys_days{y.good_friday}} == Friday);
    CHECK(weekday{sys_days{y.ascension}} == Thursday);
    CHECK(weekday{sys_days{y.midsummer_eve}} == Friday);
    // The days around them are ordinary.
    CHECK(holiday(year_month_day{sys_days{y.good_friday} - days{1}}).empty());
    CHECK(holiday(year_month_day{sys_days{y.ascension} + days{1}}).empty());
    CHECK(holiday(year_month_day{sys_days{y.midsummer_eve} - days{7}}).empty());
    CHECK(holiday(year_month_day{sys_days{y.midsummer_eve} + days{7}}).empty());
  }
}

TEST_CASE("Fixed Finnish holidays carry their Finnish names every year", "[time][holidays]") {
  for (int yy = 2025; yy <= 2030; ++yy) {
    const year y{yy};
    CAPTURE(yy);
    CHECK(holiday(y / 1 / 1) == "Uudenvuodenpäivä");
    CHECK(holiday(y / 1 / 6) == "Loppiainen");
    CHECK(holiday(y / 5 / 1) == "Vappu");
    CHECK(holiday(y / 12 / 6) == "Itsenäisyyspäivä");
    CHECK(holiday(y / 12 / 24) == "Jouluaatto");
    CHECK(holiday(y / 12 / 25) == "Joulupäivä");
    CHECK(holiday(y / 12 / 26) == "Tapaninpäivä");
    CHECK(holiday(y / 12 / 23).empty());
    CHECK(holiday(y / 1 / 2).empty());
    CHECK(holiday(y / 4 / 30).empty());
  }
}

TEST_CASE("Working days are the working weekdays that are not holidays or closures", "[time][workdays]") {
  WorkRules rules;
  CHECK(yhteisaika::time::is_working_day(2026y / 11 / 23, rules));        // Monday
  CHECK(yhteisaika::time::is_working_day(2026y / 11 / 27, rules));        // Friday
  CHECK_FALSE(yhteisaika::time::is_working_day(2026y / 11 / 28, rules));  // Saturday
  CHECK_FALSE(yhteisaika::time::is_working_day(2026y / 11 / 29, rules));  // Sunday
  CHECK_FALSE(yhteisaika::time::is_working_day(2026y / 4 / 3, rules));    // Good Friday
  CHECK_FALSE(yhteisaika::time::is_working_day(2026y / 12 / 24, rules));  // Christmas Eve, Thursday
  rules.closures.push_back(2026y / 11 / 27);
  CHECK_FALSE(yhteisaika::time::is_working_day(2026y / 11 / 27, rules));
  CHECK(yhteisaika::time::is_working_day(2026y / 11 / 26, rules));
}

TEST_CASE("Working hours are 08:00-16:00 Helsinki time, weekdays only", "[time][workdays]") {
  const WorkRules rules;
  // Monday 2026-11-23 .. Monday 2026-11-30 (winter, +02:00).
  const Spans spans = yhteisaika::time::working_spans(days_utc(2026y / 11 / 23, 2026y / 11 / 30), rules, helsinki());
  CHECK(spans == Spans{span(2026y / 11 / 23, 6, 0, 14, 0), span(2026y / 11 / 24, 6, 0, 14, 0),
                       span(2026y / 11 / 25, 6, 0, 14, 0), span(2026y / 11 / 26, 6, 0, 14, 0),
                       span(2026y / 11 / 27, 6, 0, 14, 0)});
}

TEST_CASE("The hole is Wednesday 14:30-15:30 local in winter and in summer", "[time][hole]") {
  const WorkRules rules;
  const Zone& zone = helsinki();
  // Winter (+02:00): 12:30Z-13:30Z.
  CHECK(yhteisaika::time::hole_spans(days_utc(2026y / 11 / 23, 2026y / 11 / 30), rules, zone) ==
        Spans{span(2026y / 11 / 25, 12, 30, 13, 30)});
  // Summer (+03:00): 11:30Z-12:30Z.
  CHECK(yhteisaika::time::hole_spans(days_utc(2027y / 5 / 31, 2027y / 6 / 7), rules, zone) ==
        Spans{span(2027y / 6 / 2, 11, 30, 12, 30)});
  CHECK(yhteisaika::time::whole_holes(days_utc(2027y / 5 / 31, 2027y / 6 / 7), rules, zone) ==
        Spans{span(2027y / 6 / 2, 11, 30, 12, 30)});
  // A normal Wednesday just before Christmas has its hole.
  CHECK(yhteisaika::time::hole_spans(days_utc(2026y / 12 / 23, 2026y / 12 / 24), rules, zone) ==
        Spans{span(2026y / 12 / 23, 12, 30, 13, 30)});
}

TEST_CASE("A holiday or closure Wednesday has no hole and no working hours", "[time][hole]") {
  WorkRules rules;
  const Zone& zone = helsinki();
  REQUIRE(weekday{sys_days{2030y / 12 / 25}} == Wednesday);  // Christmas Day
  REQUIRE(weekday{sys_days{2028y / 12 / 6}} == Wednesday);   // Independence Day
  for (year_month_day d : {2030y / 12 / 25, 2028y / 12 / 6}) {
    const Interval day = days_utc(d, year_month_day{sys_days{d} + days{1}});
    CHECK(yhteisaika::time::hole_spans(day, rules, zone).empty());
    CHECK(yhteisaika::time::whole_holes(day, rules, zone).empty());
    CHECK(yhteisaika::time::working_spans(day, rules, zone).empty());
    CHECK_FALSE(yhteisaika::time::in_hole(span(d, 12, 30, 13, 30), rules, zone));
  }
  // Christmas week 2030: only Monday 23rd, Friday 27th have working hours; no hole.
  const Interval week = days_utc(2030y / 12 / 23, 2030y / 12 / 30);
  CHECK(yhteisaika::time::working_spans(week, rules, zone) ==
        Spans{span(2030y / 12 / 23, 6, 0, 14, 0), span(2030y / 12 / 27, 6, 0, 14, 0)});
  CHECK(yhteisaika::time::hole_spans(week, rules, zone).empty());

  // A closure on an ordinary Wednesday removes its hole and hours too.
  rules.closures.push_back(2026y / 11 / 25);
  const Interval closed = days_utc(2026y / 11 / 25, 2026y / 11 / 26);
  CHECK(yhteisaika::time::hole_spans(closed, rules, zone).empty());
  CHECK(yhteisaika::time::working_spans(closed, rules, zone).empty());
  CHECK_FALSE(yhteisaika::time::in_hole(span(2026y / 11 / 25, 12, 30, 13, 30), rules, zone));
}

TEST_CASE("Working hours and holes follow local time through the DST weeks", "[time][dst]") {
  const WorkRules rules;
  const Zone& zone = helsinki();
  // Spring 2026: Sunday 2026-03-29 moves to +03:00.
  CHECK(yhteisaika::time::working_spans(days_utc(2026y / 3 / 27, 2026y / 3 / 31), rules, zone) ==
        Spans{span(2026y / 3 / 27, 6, 0, 14, 0), span(2026y / 3 / 30, 5, 0, 13, 0)});
  CHECK(yhteisaika::time::hole_spans(days_utc(2026y / 3 / 23, 2026y / 4 / 6), rules, zone) ==
        Spans{span(2026y / 3 / 25, 12, 30, 13, 30), span(2026y / 4 / 1, 11, 30, 12, 30)});
  // Autumn 2026: Sunday 2026-10-25 moves to +02:00.
  CHECK(yhteisaika::time::working_spans(days_utc(2026y / 10 / 23, 2026y / 10 / 27), rules, zone) ==
        Spans{span(2026y / 10 / 23, 5, 0, 13, 0), span(2026y / 10 / 26, 6, 0, 14, 0)});
  CHECK(yhteisaika::time::hole_spans(days_utc(2026y / 10 / 19, 2026y / 11 / 2), rules, zone) ==
        Spans{span(2026y / 10 / 21, 11, 30, 12, 30), span(2026y / 10 / 28, 12, 30, 13, 30)});
  // Spring 2027: Sunday 2027-03-28 is Easter; Good Friday and Easter Monday are holidays.
  CHECK(yhteisaika::time::working_spans(days_utc(2027y / 3 / 25, 2027y / 4 / 1), rules, zone) ==
        Spans{span(2027y / 3 / 25, 6, 0, 14, 0), span(2027y / 3 / 30, 5, 0, 13, 0),
              span(2027y / 3 / 31, 5, 0, 13, 0)});
  CHECK(yhteisaika::time::hole_spans(days_utc(2027y / 3 / 22, 2027y / 4 / 5), rules, zone) ==
        Spans{span(2027y / 3 / 24, 12, 30, 13, 30), span(2027y / 3 / 31, 11, 30, 12, 30)});
  // Autumn 2027: Sunday 2027-10-31.
  CHECK(yhteisaika::time::working_spans(days_utc(2027y / 10 / 29, 2027y / 11 / 2), rules, zone) ==
        Spans{span(2027y / 10 / 29, 5, 0, 13, 0), span(2027y / 11 / 1, 6, 0, 14, 0)});
  CHECK(yhteisaika::time::hole_spans(days_utc(2027y / 10 / 25, 2027y / 11 / 8), rules, zone) ==
        Spans{span(2027y / 10 / 27, 11, 30, 12, 30), span(2027y / 11 / 3, 12, 30, 13, 30)});
}

TEST_CASE("The window cuts working spans and holes", "[time][window]") {
  const WorkRules rules;
  const Zone& zone = helsinki();
  // 12:00-15:00 local on Wednesday 2026-11-25.
  const Interval window{utc(2026y / 11 / 25, 10), utc(2026y / 11 / 25, 13)};
  CHECK(yhteisaika::time::working_spans(window, rules, zone) == Spans{window});
  CHECK(yhteisaika::time::hole_spans(window, rules, zone) == Spans{span(2026y / 11 / 25, 12, 30, 13, 0)});
  CHECK(yhteisaika::time::whole_holes(window, rules, zone).empty());
  // Up to 15:30 local exactly: the hole is whole.
  const Interval to_hole_end{utc(2026y / 11 / 25, 10), utc(2026y / 11 / 25, 13, 30)};
  CHECK(yhteisaika::time::whole_holes(to_hole_end, rules, zone) == Spans{span(2026y / 11 / 25, 12, 30, 13, 30)});
  // A window from Wednesday 15:00 local to Thursday 09:00 local.
  const Interval evening{utc(2026y / 11 / 25, 13), utc(2026y / 11 / 26, 7)};
  CHECK(yhteisaika::time::working_spans(evening, rules, zone) ==
        Spans{span(2026y / 11 / 25, 13, 0, 14, 0), span(2026y / 11 / 26, 6, 0, 7, 0)});
  // Windows touching a span's edge, and empty windows, yield nothing.
  CHECK(yhteisaika::time::working_spans({utc(2026y / 11 / 25, 14), utc(2026y / 11 / 26, 6)}, rules, zone).empty());
  CHECK(yhteisaika::time::working_spans({utc(2026y / 11 / 25, 10), utc(2026y / 11 / 25, 10)}, rules, zone).empty());
  // A 14-day window from a Monday: 10 working days, 2 holes.
  const Interval fortnight = days_utc(2026y / 11 / 23, 2026y / 12 / 7);
  CHECK(yhteisaika::time::working_spans(fortnight, rules, zone).size() == 10);
  CHECK(yhteisaika::time::hole_spans(fortnight, rules, zone).size() == 2);
}

TEST_CASE("A slot is in the hole only when it lies wholly inside a working Wednesday's hole", "[time][hole]") {
  const WorkRules rules;
  const Zone& zone = helsinki();
  CHECK(yhteisaika::time::in_hole(span(2026y / 11 / 25, 12, 30, 13, 30), rules, zone));
  CHECK(yhteisaika::time::in_hole(span(2026y / 11 / 25, 12, 45, 13, 15), rules, zone));
  CHECK(yhteisaika::time::in_hole(span(2027y / 6 / 2, 11, 30, 12, 30), rules, zone));
  CHECK_FALSE(yhteisaika::time::in_hole(span(2026y / 11 / 25, 12, 15, 12, 45), rules, zone));
  CHECK_FALSE(yhteisaika::time::in_hole(span(2026y / 11 / 25, 13, 0, 13, 45), rules, zone));
  // The winter hole's UTC times in summer are 15:30-16:30 local: outside.
  CHECK_FALSE(yhteisaika::time::in_hole(span(2027y / 6 / 2, 12, 30, 13, 30), rules, zone));
  // Same local time on a Tuesday.
  CHECK_FALSE(yhteisaika::time::in_hole(span(2026y / 11 / 24, 12, 30, 13, 30), rules, zone));
}

TEST_CASE("align_up_to_grid rounds up to the next 15-minute boundary of local time", "[time][grid]") {
  const WorkRules rules;
  const Zone& zone = helsinki();
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 12, 30), rules, zone) == utc(2026y / 11 / 25, 12, 30));
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 12, 30) + seconds{1}, rules, zone) ==
        utc(2026y / 11 / 25, 12, 45));
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 12, 31), rules, zone) == utc(2026y / 11 / 25, 12, 45));
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 12, 59), rules, zone) == utc(2026y / 11 / 25, 13, 0));
  // The grid is local: in a +05:30 zone, 00:10Z is 05:40 local and aligns to 05:45 = 00:15Z.
  const Zone india = Zone::fixed("Asia/Kolkata", hours{5} + minutes{30});
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 0, 10), rules, india) == utc(2026y / 11 / 25, 0, 15));
  WorkRules hourly = rules;
  hourly.grid = minutes{60};
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 0, 10), hourly, india) == utc(2026y / 11 / 25, 0, 30));
  CHECK(yhteisaika::time::align_up_to_grid(utc(2026y / 11 / 25, 0, 10), hourly, zone) == utc(2026y / 11 / 25, 1, 0));
}

TEST_CASE("local_date is the Helsinki calendar day of an instant", "[time][grid]") {
  const Zone& zone = helsinki();
  CHECK(yhteisaika::time::local_date(utc(2026y / 11 / 24, 21, 59), zone) == 2026y / 11 / 24);
  CHECK(yhteisaika::time::local_date(utc(2026y / 11 / 24, 22, 0), zone) == 2026y / 11 / 25);
  CHECK(yhteisaika::time::local_date(utc(2027y / 6 / 1, 21, 0), zone) == 2027y / 6 / 2);
  CHECK(yhteisaika::time::local_date(utc(2027y / 6 / 1, 20, 59), zone) == 2027y / 6 / 1);
}
