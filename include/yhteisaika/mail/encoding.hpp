#pragma once
// The content and header encodings of MIME: base64 and quoted-printable
// (RFC 2045 §6.7, §6.8) and encoded-words in headers (RFC 2047).
//
// Pure: text in, text out. Thread safety: safe to call concurrently.

#include <string>
#include <string_view>
#include <yhteisaika/error.hpp>

namespace yhteisaika::mail {

// RFC 4648 §4 base64 of `data` on one line, padded with '='.
std::string encode_base64(std::string_view data);

// RFC 2045 §6.8: the same in lines of 76 characters separated by CRLF, with
// no CRLF after the last line (in a MIME body the CRLF before the next
// delimiter belongs to the delimiter, RFC 2046 §5.1.1). Empty data gives "".
std::string encode_base64_lines(std::string_view data);

// Decodes base64. CR, LF, space and tab are skipped (the line breaks of
// RFC 2045 §6.8); missing padding is accepted, as real senders omit it.
// Errc::bad_encoding for any other character outside the alphabet, text after
// the padding, or a lone trailing character (6 bits cannot make an octet).
Result<std::string> decode_base64(std::string_view text);

// RFC 2045 §6.7 quoted-printable of text (UTF-8 or any octets). Line breaks
// (LF or CRLF) become CRLF hard breaks; lines are at most 76 characters, split
// by soft breaks ("=" CRLF) that never split an "=XX". Encoded are: '=', control
// characters, octets >= 0x80, a space or tab before a line break, and a '.' or
// 'F' starting a line (so that SMTP dot-stuffing and mbox "From " cannot alter it).
// The result ends in CRLF exactly when `text` ends in a line break, so that
// decoding gives `text` back with its line breaks as CRLF.
std::string encode_quoted_printable(std::string_view text);

// Decodes quoted-printable. Soft breaks are removed, hard breaks become CRLF,
// whitespace a transport added at line ends is dropped (RFC 2045 §6.7 rule 3).
// Never fails: an '=' not followed by two hex digits or a line break is kept as
// written, as RFC 2045 §6.7 note (2) advises a robust decoder to do.
std::string decode_quoted_printable(std::string_view text);

// Converts text in `charset` to UTF-8. ISO-8859-1 (and its aliases latin1, l1,
// iso_8859-1, cp819) and windows-1252 are converted; any other charset (UTF-8,
// US-ASCII, unknown ones) is returned unchanged, UTF-8 assumed. Case-insensitive.
std::string charset_to_utf8(std::string_view text, std::string_view charset);

// RFC 2047: unstructured header text (a Subject) ready to follow "Name: ".
// Control characters (CR, LF, TAB, ...) become spaces first: a header value is
// one logical line, so no text can start a header of its own. Printable ASCII
// whose words are at most 70 characters and that holds no "=?" is returned as
// is; anything else becomes "=?UTF-8?B?...?=" encoded-words of at most 75
// characters (never splitting a UTF-8 sequence), separated by single spaces
// where the header writer may fold.
std::string encode_header_text(std::string_view utf8);

// RFC 2047 decoding of unstructured header text (already unfolded): B and Q
// encoded-words in UTF-8, US-ASCII, ISO-8859-1 or windows-1252 become UTF-8;
// whitespace between two adjacent encoded-words is dropped (§6.2). A malformed
// encoded-word is kept as written.
std::string decode_header_text(std::string_view text);

}  // namespace yhteisaika::mail
