#include <yhteisaika/time/zone.hpp>

#include <algorithm>
#include <utility>

namespace yhteisaika::time {

using std::chrono::hours;
using std::chrono::seconds;

Zone::Zone(std::string name, seconds initial_offset, std::vector<ZoneTransition> transitions)
    : name_(std::move(name)), initial_offset_(initial_offset), transitions_(std::move(transitions)) {}

Zone Zone::fixed(std::string name, seconds offset) { return Zone(std::move(name), offset, {}); }

seconds Zone::utc_offset_at(Instant t) const {
  // The last transition at or before t.
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t,
                             [](Instant x, const ZoneTransition& tr) { return x < tr.at; });
  return it == transitions_.begin() ? initial_offset_ : std::prev(it)->offset;
}

LocalTime Zone::to_local(Instant t) const { return LocalTime{t.time_since_epoch() + utc_offset_at(t)}; }

Instant Zone::to_instant(LocalTime local) const {
  // Read the wall time as if it were UTC; the offsets in force a day before and a day
  // after are the only candidates (no zone changes its offset twice within two days).
  const Instant as_utc{local.time_since_epoch()};
  const seconds before = utc_offset_at(as_utc - hours(24));
  const seconds after = utc_offset_at(as_utc + hours(24));
  const Instant with_before = as_utc - before;
  const Instant with_after = as_utc - after;
  const bool before_valid = utc_offset_at(with_before) == before;
  const bool after_valid = utc_offset_at(with_after) == after;
  if (before_valid && after_valid) return std::min(with_before, with_after);  // ambiguous: first occurrence
  if (before_valid) return with_before;
  if (after_valid) return with_after;
  // RFC 5545 §3.3.5: in a gap, read with the offset before the transition, which moves
  // the time forward by the gap (03:30 in a 03:00->04:00 gap becomes 04:30).
  return with_before;
}

}  // namespace yhteisaika::time
