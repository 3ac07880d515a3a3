#pragma once
// Measures of UTF-8 text that every checker of free text (a label, a title, a
// case reference) needs, so that each counts and refuses the same way.

#include <cstddef>
#include <string_view>

namespace yhteisaika {

// The number of characters (Unicode code points) of UTF-8 text: every byte but
// a continuation byte (10xxxxxx) starts one.
constexpr std::size_t count_characters(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Whether the text has a control character (C0 or DEL): tabs and line breaks
// too, which one-line text may not carry into a calendar or a header.
constexpr bool has_control_character(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

}  // namespace yhteisaika
