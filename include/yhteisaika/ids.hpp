#pragma once
// Strong identifiers, so that a participant cannot be passed where a case is meant.

#include <compare>
#include <functional>
#include <string>

namespace yhteisaika {

// A professional's id: the calendar's file or folder name in the calendars folder
// (e.g. "laakari-virtanen"), and their key in the store.
struct ParticipantId {
  std::string value;
  auto operator<=>(const ParticipantId&) const = default;
};

// A joint client's pseudonymous case reference (e.g. "YA-2026-0042"). Never a name
// or a personal identity code.
struct CaseRef {
  std::string value;
  auto operator<=>(const CaseRef&) const = default;
};

// A meeting room's key, as an admin names it ("neuvotteluhuone-2").
struct RoomId {
  std::string value;
  auto operator<=>(const RoomId&) const = default;
};

}  // namespace yhteisaika

template <>
struct std::hash<yhteisaika::ParticipantId> {
  size_t operator()(const yhteisaika::ParticipantId& id) const noexcept { return std::hash<std::string>{}(id.value); }
};
