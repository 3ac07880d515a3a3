#pragma once
// Private to calendar/: a fast line-level scan of iCalendar text (RFC 5545 §3.1
// unfolding, §3.4 component nesting) that keeps physical line numbers for errors.

#include <yhteisaika/error.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yhteisaika::calendar::detail {

struct Property {
  std::string name;  // upper-case
  std::vector<std::pair<std::string, std::string>> params;  // name upper-case, value unquoted
  std::string value;
  int line = 0;  // physical line where the (folded) content line starts

  // The value of parameter `name` (upper-case), or empty.
  std::string_view param(std::string_view name) const;
};

struct Component {
  std::string name;  // upper-case
  int line = 0;
  std::vector<Property> props;
  std::vector<Component> children;

  const Property* find(std::string_view name) const;
};

// Scans `text` into one VCALENDAR (several in one stream are read as one). Errors (Errc::not_a_calendar,
// Errc::unbalanced) name `source_name:LINE`.
Result<Component> scan_calendar(std::string_view text, std::string_view source_name);

// Serializes a component back to iCalendar text (for handing to libical).
std::string serialize(const Component& c);

}  // namespace yhteisaika::calendar::detail
