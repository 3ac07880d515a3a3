#pragma once
// The one zone service: every wall-clock <-> instant conversion goes through a Zone.
// A Zone is a value (a table of UTC-offset transitions); it does no I/O. The zone
// data itself is read at the edge (calendar::load_system_zone, VTIMEZONE
// components) from libical's zone data, which reads the system tz database.
//
// Thread safety: a Zone is immutable after construction; share it freely.

#include <yhteisaika/time/interval.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace yhteisaika::time {

// From `at` on (inclusive), local time = UTC + offset.
struct ZoneTransition {
  Instant at;
  std::chrono::seconds offset;
  auto operator<=>(const ZoneTransition&) const = default;
};

class Zone {
 public:
  // REQUIRES: transitions sorted by `at`, strictly increasing.
  // Before the first transition the offset is `initial_offset`.
  Zone(std::string name, std::chrono::seconds initial_offset, std::vector<ZoneTransition> transitions);

  // A zone with one fixed offset (e.g. "UTC", or a floating-time fallback in tests).
  static Zone fixed(std::string name, std::chrono::seconds offset);

  const std::string& name() const { return name_; }
  const std::vector<ZoneTransition>& transitions() const { return transitions_; }

  std::chrono::seconds utc_offset_at(Instant t) const;
  LocalTime to_local(Instant t) const;

  // RFC 5545 §3.3.5: a local time in a DST gap moves forward by the gap (it is
  // read with the offset before the transition); an ambiguous local time takes its
  // first occurrence (the earlier instant).
  Instant to_instant(LocalTime local) const;

 private:
  std::string name_;
  std::chrono::seconds initial_offset_;
  std::vector<ZoneTransition> transitions_;
};

}  // namespace yhteisaika::time
