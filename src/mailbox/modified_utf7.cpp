#include "modified_utf7.hpp"

#include <yhteisaika/mailbox/errc.hpp>

#include <optional>
#include <vector>

namespace yhteisaika::mailbox::detail {

namespace {

// The next code point of `s` from `i` (advancing it), or nullopt when not UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  const int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > s.size()) return std::nullopt;
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += length;
  return cp;
}

// UTF-16BE bytes in modified base64: ',' for '/', no '=' padding.
void append_modified_base64(std::string& out, const std::vector<unsigned char>& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return;
  const unsigned v = bytes[i] << 16 | (rest == 2 ? bytes[i + 1] << 8 : 0);
  out += kAlphabet[(v >> 18) & 0x3F];
  out += kAlphabet[(v >> 12) & 0x3F];
  if (rest == 2) out += kAlphabet[(v >> 6) & 0x3F];
}

}  // namespace

Result<std::string> to_modified_utf7(std::string_view utf8) {
  std::string out;
  std::vector<unsigned char> run;  // UTF-16BE of the characters waiting to be shifted
  const auto flush = [&] {
    if (run.empty()) return;
    out += '&';
    append_modified_base64(out, run);
    out += '-';
    run.clear();
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const auto cp = next_code_point(utf8, i);
    if (!cp) return Error{Errc::bad_config, "the IMAP mailbox name is not UTF-8", {}};
    if (*cp == 0 || *cp == '\r' || *cp == '\n') {
      return Error{Errc::bad_config, "the IMAP mailbox name holds a line break or NUL", {}};
    }
    if (*cp >= 0x20 && *cp <= 0x7E) {
      flush();
      out += static_cast<char>(*cp);
      if (*cp == '&') out += '-';
      continue;
    }
    const auto unit = [&](char32_t u) {
      run.push_back(static_cast<unsigned char>(u >> 8));
      run.push_back(static_cast<unsigned char>(u & 0xFF));
    };
    if (*cp < 0x10000) {
      unit(*cp);
    } else {
      unit(0xD800 + ((*cp - 0x10000) >> 10));
      unit(0xDC00 + ((*cp - 0x10000) & 0x3FF));
    }
  }
  flush();
  return out;
}

}  // namespace yhteisaika::mailbox::detail
