#include <yhteisaika/mail/encoding.hpp>
#include <yhteisaika/mail/errc.hpp>
#include <yhteisaika/ascii.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace yhteisaika::mail {

namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHex = "0123456789ABCDEF";

unsigned char byte(char c) { return static_cast<unsigned char>(c); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;  // RFC 2045 §6.7: a robust decoder accepts lower case
  return -1;
}

int base64_value(char c) {
  const auto at = kBase64.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Calls each(line, has_break) for every line of `text`, split at LF: the LF is
// left out (a CR before it is not), and has_break says whether one followed.
template <class Each>
void for_each_line(std::string_view text, Each each) {
  std::size_t line_begin = 0;
  while (line_begin <= text.size()) {
    auto line_end = text.find('\n', line_begin);
    const bool has_break = line_end != std::string_view::npos;
    if (!has_break) line_end = text.size();
    each(text.substr(line_begin, line_end - line_begin), has_break);
    if (!has_break) break;
    line_begin = line_end + 1;
  }
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// windows-1252 differs from ISO-8859-1 in 0x80-0x9F only; its unassigned
// octets are read as the C1 controls, as ISO-8859-1 does.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// An encoded-word "=?charset?B|Q?text?=" starting at `at` (RFC 2047 §2), decoded
// to UTF-8, with the index just after it; nullopt when it is not one.
std::optional<std::pair<std::string, std::size_t>> encoded_word(std::string_view text, std::size_t at) {
  const auto charset_end = text.find('?', at + 2);
  if (charset_end == std::string_view::npos || charset_end + 2 >= text.size() || text[charset_end + 2] != '?') {
    return std::nullopt;
  }
  const char encoding = text[charset_end + 1];
  const auto data_begin = charset_end + 3;
  const auto data_end = text.find("?=", data_begin);
  if (data_end == std::string_view::npos) return std::nullopt;
  std::string_view charset = text.substr(at + 2, charset_end - at - 2);
  const std::string_view data = text.substr(data_begin, data_end - data_begin);
  if (charset.empty() || charset.find_first_of(" \t") != std::string_view::npos ||
      data.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  charset = charset.substr(0, charset.find('*'));  // RFC 2231 §5: "charset*language"
  std::string decoded;
  if (encoding == 'B' || encoding == 'b') {
    auto bytes = decode_base64(data);
    if (!bytes) return std::nullopt;
    decoded = std::move(*bytes);
  } else if (encoding == 'Q' || encoding == 'q') {
    for (std::size_t i = 0; i < data.size(); ++i) {  // RFC 2047 §4.2
      if (data[i] == '_') {
        decoded += ' ';
      } else if (data[i] == '=' && i + 2 < data.size() && hex_value(data[i + 1]) >= 0 &&
                 hex_value(data[i + 2]) >= 0) {
        decoded += static_cast<char>(hex_value(data[i + 1]) * 16 + hex_value(data[i + 2]));
        i += 2;
      } else {
        decoded += data[i];
      }
    }
  } else {
    return std::nullopt;
  }
  return std::pair{charset_to_utf8(decoded, charset), data_end + 2};
}

// Printable ASCII that needs no encoded-word: no "=?" (it would read as one) and
// no word so long that folding could not keep a line short.
bool plain_header_text(std::string_view text) {
  if (text.find("=?") != std::string_view::npos) return false;
  std::size_t word = 0;
  for (char c : text) {
    if (byte(c) < 0x20 || byte(c) > 0x7E) return false;
    word = c == ' ' ? 0 : word + 1;
    if (word > 70) return false;
  }
  return true;
}

}  // namespace

std::string encode_base64(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, data.size() - i);
    std::uint32_t group = std::uint32_t{byte(data[i])} << 16;
    if (n > 1) group |= std::uint32_t{byte(data[i + 1])} << 8;
    if (n > 2) group |= byte(data[i + 2]);
    out += kBase64[(group >> 18) & 0x3F];
    out += kBase64[(group >> 12) & 0x3F];
    out += n > 1 ? kBase64[(group >> 6) & 0x3F] : '=';
    out += n > 2 ? kBase64[group & 0x3F] : '=';
  }
  return out;
}

std::string encode_base64_lines(std::string_view data) {
  const std::string one_line = encode_base64(data);
  std::string out;
  for (std::size_t i = 0; i < one_line.size(); i += 76) {
    if (i > 0) out += "\r\n";
    out.append(one_line, i, 76);
  }
  return out;
}

Result<std::string> decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t group = 0;
  int bits = 0;
  int padding = 0;
  std::size_t symbols = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int value = base64_value(c);
    if (value < 0 || padding > 0) {
      return Error{make_error_code(Errc::bad_encoding),
                   value < 0 ? "invalid base64 character at offset " + std::to_string(i)
                             : "base64 text after the padding at offset " + std::to_string(i),
                   {}};
    }
    ++symbols;
    group = (group << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((group >> bits) & 0xFF);
    }
  }
  if (symbols % 4 == 1 || padding > 2) {
    return Error{make_error_code(Errc::bad_encoding), "base64 text ends in the middle of an octet", {}};
  }
  return out;
}

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  std::size_t column = 0;
  // Appends one octet's token, breaking the line softly first when the token
  // (and the '=' of a later soft break) would not fit in 76 characters.
  auto put = [&](std::string_view token, bool last_on_line) {
    if (column + token.size() > (last_on_line ? 76 : 75)) {
      out += "=\r\n";
      column = 0;
    }
    out += token;
    column += token.size();
  };
  for_each_line(text, [&](std::string_view line, bool has_break) {
    if (has_break && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (std::size_t i = 0; i < line.size(); ++i) {
      const unsigned char c = byte(line[i]);
      const bool last = i + 1 == line.size();
      const char hex[3] = {'=', kHex[c >> 4], kHex[c & 0xF]};
      bool literal = c >= 0x20 && c < 0x7F && c != '=' && !(last && c == ' ');
      const bool starts_line = column == 0 || column + (literal ? 1 : 3) > (last ? 76 : 75);
      if (starts_line && (c == '.' || line.substr(i, 5) == "From ")) literal = false;
      put(literal ? std::string_view(&line[i], 1) : std::string_view(hex, 3), last);
    }
    if (has_break) {
      out += "\r\n";
      column = 0;
    }
  });
  return out;
}

std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  for_each_line(text, [&](std::string_view line, bool has_break) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    const bool soft = !line.empty() && line.back() == '=';
    if (soft) line.remove_suffix(1);
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '=' && i + 2 < line.size() && hex_value(line[i + 1]) >= 0 && hex_value(line[i + 2]) >= 0) {
        out += static_cast<char>(hex_value(line[i + 1]) * 16 + hex_value(line[i + 2]));
        i += 2;
      } else {
        out += line[i];
      }
    }
    if (has_break && !soft) out += "\r\n";
  });
  return out;
}

std::string charset_to_utf8(std::string_view text, std::string_view charset) {
  const bool latin1 = ascii_iequals(charset, "iso-8859-1") || ascii_iequals(charset, "iso_8859-1") ||
                      ascii_iequals(charset, "latin1") || ascii_iequals(charset, "l1") ||
                      ascii_iequals(charset, "cp819") || ascii_iequals(charset, "iso8859-1");
  const bool windows = ascii_iequals(charset, "windows-1252") || ascii_iequals(charset, "cp1252");
  if (!latin1 && !windows) return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    const unsigned char b = byte(c);
    append_utf8(out, windows && b >= 0x80 && b < 0xA0 ? kWindows1252High[b - 0x80] : char32_t{b});
  }
  return out;
}

std::string encode_header_text(std::string_view utf8) {
  std::string text(utf8);
  for (char& c : text) {
    if (byte(c) < 0x20 || byte(c) == 0x7F) c = ' ';
  }
  if (plain_header_text(text)) return text;
  // 42 octets make 56 base64 characters: a 68-character encoded-word, which
  // fits a folded line together with "Subject: " (RFC 2047 §2: at most 75).
  constexpr std::size_t kChunk = 42;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = std::min(kChunk, text.size() - i);
    // RFC 2047 §5 (3): each encoded-word holds whole characters.
    while (n > 0 && i + n < text.size() && (byte(text[i + n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(kChunk, text.size() - i);  // not UTF-8: split anywhere
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?" + encode_base64(std::string_view(text).substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string decode_header_text(std::string_view text) {
  std::string out;
  std::size_t after_word = std::string::npos;  // out.size() right after the last encoded-word
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "=?") == 0) {
      if (auto word = encoded_word(text, i)) {
        if (after_word != std::string::npos) out.resize(after_word);  // RFC 2047 §6.2
        out += word->first;
        after_word = out.size();
        i = word->second;
        continue;
      }
    }
    if (text[i] != ' ' && text[i] != '\t') after_word = std::string::npos;
    out += text[i++];
  }
  return out;
}

}  // namespace yhteisaika::mail
