#include <yhteisaika/cases/participant_busy.hpp>

#include <algorithm>

namespace yhteisaika::cases {

namespace {

using namespace std::chrono;
using time::Instant;
using time::Interval;

// The instants when p's weekly windows are open on the local days `window`
// touches, sorted and merged. Windows end by 24:00, so none spills over from a
// day before the first.
std::vector<Interval> open_times(const Participant& p, Interval window, const time::Zone& zone) {
  std::vector<Interval> open;
  const local_days first = floor<days>(zone.to_local(window.start));
  const local_days last = floor<days>(zone.to_local(window.end - seconds{1}));
  for (local_days d = first; d <= last; d += days{1}) {
    const unsigned day = weekday{d}.c_encoding();
    for (const WeeklyWindow& w : p.availability) {
      if (!w.days[day]) continue;
      open.push_back(Interval{zone.to_instant(d + w.from), zone.to_instant(d + w.to)});
    }
  }
  return time::merge_intervals(std::move(open));
}

// `window` minus sorted, merged `open`.
std::vector<Interval> complement(const std::vector<Interval>& open, Interval window) {
  std::vector<Interval> gaps;
  Instant from = window.start;
  for (const Interval& o : time::clip_intervals(open, window)) {
    if (from < o.start) gaps.push_back(Interval{from, o.start});
    from = std::max(from, o.end);
  }
  if (from < window.end) gaps.push_back(Interval{from, window.end});
  return gaps;
}

// True when some grid start t in `spans` minus sorted, merged `busy` has
// [t, t + duration) free and inside its span: the free pieces are exactly what
// the solver's walk visits, so the first grid point of a piece decides.
bool any_slot(const std::vector<Interval>& spans, const std::vector<Interval>& busy, minutes duration,
              const time::WorkRules& rules, const time::Zone& zone) {
  for (const Interval& span : spans) {
    for (const Interval& piece : complement(busy, span)) {
      if (time::align_up_to_grid(piece.start, rules, zone) + duration <= piece.end) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Interval> participant_busy(const Participant& p, Interval window, const time::Zone& zone) {
  if (window.empty()) return {};
  std::vector<Interval> busy;
  if (!p.availability.empty()) busy = complement(open_times(p, window, zone), window);
  for (const Interval& u : p.unavailable) {
    const Interval clipped{std::max(u.start, window.start), std::min(u.end, window.end)};
    if (!clipped.empty()) busy.push_back(clipped);
  }
  return time::merge_intervals(std::move(busy));
}

bool has_slot_alone(const Participant& p, Interval window, minutes duration, const time::WorkRules& rules,
                    const time::Zone& zone) {
  return any_slot(time::working_spans(window, rules, zone), participant_busy(p, window, zone), duration, rules, zone);
}

std::vector<std::string> labels_without_slot(std::span<const Participant> required, Interval window,
                                             minutes duration, const time::WorkRules& rules, const time::Zone& zone) {
  std::vector<std::string> labels;
  const std::vector<Interval> working = time::working_spans(window, rules, zone);
  if (!any_slot(working, {}, duration, rules, zone)) return labels;
  for (const Participant& p : required) {
    if (!any_slot(working, participant_busy(p, window, zone), duration, rules, zone)) labels.push_back(p.label);
  }
  return labels;
}

}  // namespace yhteisaika::cases
