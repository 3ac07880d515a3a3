#include <yhteisaika/privacy/henkilotunnus.hpp>

#include <chrono>
#include <string>

namespace yhteisaika::privacy {

namespace {

constexpr std::size_t kCodeLength = 11;
constexpr std::string_view kCheckChars = "0123456789ABCDEFHJKLMNPRSTUVWXY";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
int digits(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// The century (1800, 1900, 2000) that a century sign names, or 0 for any other character.
int century_of(char sign) {
  switch (upper(sign)) {
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

}  // namespace

bool is_henkilotunnus(std::string_view s) {
  if (s.size() != kCodeLength) return false;
  // Cheapest tests first: find_henkilotunnus calls this at every offset.
  const int century = century_of(s[6]);
  if (century == 0) return false;
  for (std::size_t i : {0, 1, 2, 3, 4, 5, 7, 8, 9}) {
    if (!is_digit(s[i])) return false;
  }
  const int individual = digits(s.substr(7, 3));
  if (individual < 2) return false;  // 000 and 001 are never issued
  const int nine_digits = digits(s.substr(0, 6)) * 1000 + individual;
  if (upper(s[10]) != kCheckChars[static_cast<std::size_t>(nine_digits % 31)]) return false;

  using namespace std::chrono;
  const year_month_day birth{year{century + digits(s.substr(4, 2))}, month{static_cast<unsigned>(digits(s.substr(2, 2)))},
                             day{static_cast<unsigned>(digits(s.substr(0, 2)))}};
  return birth.ok();
}

std::optional<std::size_t> find_henkilotunnus(std::string_view text) {
  for (std::size_t i = 0; i + kCodeLength <= text.size(); ++i) {
    if (is_henkilotunnus(text.substr(i, kCodeLength))) return i;
  }
  return std::nullopt;
}

Result<void> refuse_identity_code(std::string_view text, std::string_view field) {
  if (!find_henkilotunnus(text)) return {};
  return Error{Errc::identity_code,
               "contains a Finnish personal identity code (henkilötunnus); use the pseudonymous case reference "
               "instead",
               "field " + std::string(field)};
}

}  // namespace yhteisaika::privacy
