#pragma once
// Private to calendar/: a fast line-level scan of iCalendar text (RFC 5545 §3.1
// unfolding, §3.4 component nesting) that keeps physical line numbers for errors.
//
// Allocation-free per line: names, parameters and values are views into the
// scanned text. Only what the text does not hold as such is copied, into storage
// owned by the returned calendar: a folded line unfolded, a name written in
// lower case, a parameter with several quoted values. The views of a scanned
// calendar are valid as long as both the calendar and the scanned text are.

#include <yhteisaika/error.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yhteisaika::calendar::detail {

// The property names that the calendar module reads by kind (RFC 5545 §3.8);
// every other name is `other`.
enum class Name : std::uint8_t {
  other,
  begin,
  end,
  dtstart,
  dtend,
  due,
  dtstamp,
  created,
  last_modified,
  completed,
  recurrence_id,
  exdate,
  rdate,
  duration,
  trigger,
  rrule,
  exrule,
  freebusy,
};

// The kind of an upper-case property name.
Name name_kind(std::string_view upper_name);

struct Param {
  std::string_view name;   // upper-case
  std::string_view value;  // unquoted; several values joined by ','
};

struct Property {
  std::string_view name;  // upper-case
  Name kind = Name::other;
  int line = 0;  // physical line where the (folded) content line starts
  std::string_view value;

  std::span<const Param> params() const { return {params_, param_count_}; }
  // The value of parameter `name` (upper-case), or empty.
  std::string_view param(std::string_view name) const;

 private:
  friend class Scanner;
  const Param* params_ = nullptr;
  std::uint32_t param_first_ = 0;  // while scanning: the index of the first in the scan's list
  std::uint32_t param_count_ = 0;
};

struct Component {
  std::string_view name;  // upper-case
  int line = 0;
  std::vector<Property> props;
  std::vector<Component> children;
  // The scanned calendar (the root) owns what its views point to besides the text.
  std::shared_ptr<const void> storage;

  const Property* find(std::string_view name) const;
  const Property* find(Name kind) const;
};

// Scans `text` into one VCALENDAR (several in one stream are read as one). Errors (Errc::not_a_calendar,
// Errc::unbalanced) name `source_name:LINE`.
Result<Component> scan_calendar(std::string_view text, std::string_view source_name);

// Serializes a component back to iCalendar text (for handing to libical).
std::string serialize(const Component& c);

}  // namespace yhteisaika::calendar::detail
