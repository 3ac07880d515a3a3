#pragma once
// Start here for privacy/: keeping Finnish personal identity codes (henkilötunnus,
// HETU) out of everything Yhteisaika stores, logs, emits or returns. Clients are
// known by pseudonymous case references only (ids.hpp, CaseRef).
//
// A henkilötunnus is 11 characters DDMMYYCNNNQ (Digital and Population Data
// Services Agency; Population Information Act 661/2009 §11, century signs as
// amended from 2023):
//   DDMMYY  date of birth, a real calendar date in the century that C names;
//   C       century sign: '+' 1800s; '-' Y X W V U 1900s; A B C D E F 2000s;
//   NNN     individual number 002-899 (900-999, temporary numbers, are accepted too);
//   Q       check character "0123456789ABCDEFHJKLMNPRSTUVWXY"[DDMMYYNNN % 31].
// Letters match case-insensitively.
//
// Detection deliberately ignores word boundaries: a code glued to other text
// ("asiakas131052-308Tkävi") is still found, because a missed code leaks a
// person's identity while a false alarm only asks the user to rephrase. The date
// and check character keep false alarms rare (about 1 in 31 of well-formed
// 11-character runs with a real date).
//
// Detection reads text the way a person does, not byte by byte (NFKC-like
// folding, Unicode UAX #15, for the characters a code is written with): every
// dash or minus sign (en dash, U+2010, U+2212, ...) reads as '-', every space
// (NBSP, U+202F, ...) as ' ', full-width and mathematical digits and letters as
// ASCII, and invisible characters (zero-width space and joiners, soft hyphen,
// direction marks, variation selectors, combining marks, controls) as nothing.
// A code whose century sign is left out or written as a space ("131052 308T",
// "131052308T") is found too, when it is not part of a longer run of digits and
// its date is real in some century. The folding is for detection only: text
// without a code is kept exactly as given.
//
// Pure functions; thread-safe.

#include <yhteisaika/error.hpp>
#include <yhteisaika/privacy/errc.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace yhteisaika::privacy {

// True when `text` is exactly one valid henkilötunnus in its canonical ASCII
// form (11 characters, nothing else, no folding).
bool is_henkilotunnus(std::string_view text);

// The byte offset in `text` (UTF-8) of the first henkilötunnus anywhere in it,
// read as described above (look-alikes folded, a missing century sign allowed),
// or nullopt.
std::optional<std::size_t> find_henkilotunnus(std::string_view text);

// An Error with Errc::identity_code at the field `field` when `text`
// contains a henkilötunnus; success otherwise. The message names neither the
// code nor any part of the text.
Result<void> refuse_identity_code(std::string_view text, std::string_view field);

}  // namespace yhteisaika::privacy
