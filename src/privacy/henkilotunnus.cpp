#include <yhteisaika/privacy/henkilotunnus.hpp>
#include <yhteisaika/ascii.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace yhteisaika::privacy {

namespace {

constexpr std::size_t kCodeLength = 11;
constexpr std::string_view kCheckChars = "0123456789ABCDEFHJKLMNPRSTUVWXY";

int digits(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// The century (1800, 1900, 2000) that a century sign names, or 0 for any other character.
int century_of(char sign) {
  switch (ascii_upper(sign)) {
    case '+':
      return 1800;
    case '-':
    case 'Y':
    case 'X':
    case 'W':
    case 'V':
    case 'U':
      return 1900;
    case 'A':
    case 'B':
    case 'C':
    case 'D':
    case 'E':
    case 'F':
      return 2000;
    default:
      return 0;
  }
}

bool real_date(int century, std::string_view ddmmyy) {
  using namespace std::chrono;
  const year_month_day birth{year{century + digits(ddmmyy.substr(4, 2))},
                             month{static_cast<unsigned>(digits(ddmmyy.substr(2, 2)))},
                             day{static_cast<unsigned>(digits(ddmmyy.substr(0, 2)))}};
  return birth.ok();
}

// DDMMYY and NNNQ, apart: digits where digits belong, an individual number that
// is issued, and the check character of the nine digits.
bool date_number_and_check(std::string_view ddmmyy, std::string_view nnnq) {
  for (char c : ddmmyy) {
    if (!ascii_is_digit(c)) return false;
  }
  for (char c : nnnq.substr(0, 3)) {
    if (!ascii_is_digit(c)) return false;
  }
  const int individual = digits(nnnq.substr(0, 3));
  if (individual < 2) return false;  // 000 and 001 are never issued
  const int nine_digits = digits(ddmmyy) * 1000 + individual;
  return ascii_upper(nnnq[3]) == kCheckChars[static_cast<std::size_t>(nine_digits % 31)];
}

// --- Folding for detection ----------------------------------------------------
// What a character reads as to a person looking for a code, in the spirit of
// Unicode NFKC (UAX #15) but only for the characters a code is written with:
// every dash and minus sign reads as '-', every space as ' ', full-width and
// mathematical forms as their ASCII letter, digit or sign, and invisible
// characters (zero-width, soft hyphen, joiners, direction marks, variation
// selectors, combining marks, controls) as nothing.

constexpr char32_t kInvalid = 0xFFFFFFFF;

// The code point at text[i] and its length in bytes; an invalid UTF-8 byte is
// kInvalid of length 1 (it is nothing a code is written with).
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  const std::size_t length = lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead >= 0xF8 || i + length > text.size()) return {kInvalid, 1};
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, length};
}

constexpr char kDrop = '\0';     // an invisible character: read as nothing
constexpr char kOther = '\x01';  // anything else that is no part of a code

bool in(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }

char fold(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r') return ' ';
  if (cp < 0x20 || cp == 0x7F) return kDrop;
  if (cp < 0x7F) return static_cast<char>(cp);
  // Dashes and minus signs (general category Pd and the minus signs of Sm).
  if (in(cp, 0x2010, 0x2015) || cp == 0x2043 || cp == 0x2212 || cp == 0x2796 || cp == 0xFE58 || cp == 0xFE63 ||
      cp == 0x02D7 || cp == 0x207B || cp == 0x208B || cp == 0x2E3A || cp == 0x2E3B || cp == 0x058A || cp == 0x2E17) {
    return '-';
  }
  if (cp == 0xFE62 || cp == 0x2795 || cp == 0x207A || cp == 0x208A) return '+';
  // Spaces (general category Zs).
  if (cp == 0x00A0 || cp == 0x1680 || in(cp, 0x2000, 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
    return ' ';
  }
  // Invisible: soft hyphen, combining marks, joiners and zero-width characters,
  // direction marks and isolates, Hangul fillers, variation selectors, BOM, tags.
  if (cp == 0x00AD || in(cp, 0x0300, 0x036F) || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
      cp == 0x17B5 || in(cp, 0x180B, 0x180F) || in(cp, 0x200B, 0x200F) || in(cp, 0x202A, 0x202E) ||
      in(cp, 0x2060, 0x206F) || in(cp, 0x20D0, 0x20FF) || cp == 0x3164 || in(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF ||
      cp == 0xFFA0 || in(cp, 0xE0000, 0xE0FFF)) {
    return kDrop;
  }
  // Full-width forms of ASCII (U+FF01-FF5E are U+0021-007E under NFKC).
  if (in(cp, 0xFF01, 0xFF5E)) return fold(cp - 0xFEE0);
  // Mathematical digits (bold, double-struck, sans-serif, sans-serif bold, monospace).
  if (in(cp, 0x1D7CE, 0x1D7FF)) return static_cast<char>('0' + (cp - 0x1D7CE) % 10);
  return kOther;
}

// `text` as it reads (above), one byte per visible character, with the byte
// offset in `text` where each came from.
struct Folded {
  std::string text;
  std::vector<std::size_t> origin;
};

Folded fold_text(std::string_view text) {
  Folded out;
  out.text.reserve(text.size());
  out.origin.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, length] = decode(text, i);
    const char c = cp == kInvalid ? kOther : fold(cp);
    if (c != kDrop) {
      out.text += c;
      out.origin.push_back(i);
    }
    i += length;
  }
  return out;
}

// A code without its century sign at the start of `s`: DDMMYY, then a space or
// nothing, then NNNQ, not glued to more digits, with a date that is real in
// some century. Its length (10 or 11), or 0.
std::size_t signless_code_at(std::string_view s, bool digit_before) {
  if (digit_before) return 0;
  for (std::size_t gap : {0, 1}) {
    const std::size_t length = 10 + gap;
    if (s.size() < length || (gap == 1 && s[6] != ' ')) continue;
    if (length < s.size() && ascii_is_digit(s[length])) continue;
    const std::string_view ddmmyy = s.substr(0, 6);
    if (!date_number_and_check(ddmmyy, s.substr(6 + gap, 4))) continue;
    if (real_date(1900, ddmmyy) || real_date(2000, ddmmyy)) return length;
  }
  return 0;
}

}  // namespace

bool is_henkilotunnus(std::string_view s) {
  if (s.size() != kCodeLength) return false;
  // Cheapest tests first: find_henkilotunnus calls this at every offset.
  const int century = century_of(s[6]);
  if (century == 0) return false;
  return date_number_and_check(s.substr(0, 6), s.substr(7, 4)) && real_date(century, s.substr(0, 6));
}

std::optional<std::size_t> find_henkilotunnus(std::string_view text) {
  const Folded folded = fold_text(text);
  const std::string_view s = folded.text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool found = (i + kCodeLength <= s.size() && is_henkilotunnus(s.substr(i, kCodeLength))) ||
                       signless_code_at(s.substr(i), i > 0 && ascii_is_digit(s[i - 1])) > 0;
    if (found) return folded.origin[i];
  }
  return std::nullopt;
}

Result<void> refuse_identity_code(std::string_view text, std::string_view field) {
  if (!find_henkilotunnus(text)) return {};
  return Error{Errc::identity_code,
               "contains a Finnish personal identity code (henkilötunnus); use the pseudonymous case reference "
               "instead",
               Location::at_field(std::string(field))};
}

}  // namespace yhteisaika::privacy
