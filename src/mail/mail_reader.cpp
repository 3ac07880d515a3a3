#include <yhteisaika/ascii.hpp>
#include <yhteisaika/mail/encoding.hpp>
#include <yhteisaika/mail/errc.hpp>
#include <yhteisaika/mail/mail_reader.hpp>

#include <algorithm>
#include <map>
#include <span>
#include <string_view>

namespace yhteisaika::mail {

namespace {

using Lines = std::span<const std::string_view>;

constexpr int kMaxDepth = 20;

struct Header {
  std::string name;  // lower case
  std::string value;  // unfolded, trimmed
};

struct Entity {
  std::vector<Header> headers;
  Lines body;

  // The first header called `name` (lower case), or "".
  std::string_view get(std::string_view name) const {
    for (const Header& h : headers) {
      if (h.name == name) return h.value;
    }
    return {};
  }
};

struct ContentType {
  std::string type;  // "text/calendar", lower case
  std::map<std::string, std::string> params;  // names lower case

  std::string param(const std::string& name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
};

// `where` names a part of the message for people: "header", "part 1.2", "part 1.2, header line 3".
Error error(Errc code, std::string message, std::string where) {
  return Error{make_error_code(code), std::move(message), Location::in(std::move(where))};
}

std::string_view trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

bool ends_with_ignoring_case(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && ascii_lower(s.substr(s.size() - suffix.size())) == suffix;
}

// The physical lines without their LF or CRLF; a final line break adds no empty line.
std::vector<std::string_view> split_lines(std::string_view raw) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  while (begin < raw.size()) {
    auto end = raw.find('\n', begin);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

std::string join_lines(Lines lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += lines[i];
  }
  return out;
}

std::string part_name(const std::string& parent, std::size_t n) {
  return (parent.empty() ? "part " : parent + ".") + std::to_string(n);
}

// RFC 5322 §2.2: header fields up to the first empty line, unfolded (§2.2.3),
// then the body. `where` is "" for the message itself, else the part's name.
Result<Entity> parse_entity(Lines lines, const std::string& where) {
  const bool top = where.empty();
  const Errc code = top ? Errc::malformed_message : Errc::malformed_mime;
  const std::string at = top ? "" : where + ", ";
  Entity entity;
  std::size_t i = 0;
  if (top && !lines.empty() && lines[0].starts_with("From ")) i = 1;  // an mbox envelope line
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const std::string_view line = lines[i];
    if (line[0] == ' ' || line[0] == '\t') {
      if (entity.headers.empty()) {
        return error(code, "a header starts with a continuation line", at + "header line " + std::to_string(i + 1));
      }
      entity.headers.back().value += line;
      continue;
    }
    const auto colon = line.find(':');
    const std::string_view name = colon == std::string_view::npos ? std::string_view() : trim(line.substr(0, colon));
    if (name.empty() || name.find_first_of(" \t") != std::string_view::npos) {
      return error(code, "a header line is not \"Name: value\"", at + "header line " + std::to_string(i + 1));
    }
    entity.headers.push_back({ascii_lower(name), std::string(line.substr(colon + 1))});
  }
  if (i == lines.size() && !(lines.empty() && !top)) {
    return error(code, "no blank line between header and body", top ? "header" : where);
  }
  for (Header& h : entity.headers) h.value = std::string(trim(h.value));
  entity.body = i < lines.size() ? lines.subspan(i + 1) : Lines{};
  return entity;
}

// The value without RFC 5322 §3.2.2 comments, outside quoted-strings.
std::string without_comments(std::string_view value) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\' && i + 1 < value.size() && (quoted || depth > 0)) {
      if (depth == 0) out.append(value.substr(i, 2));
      ++i;
    } else if (quoted) {
      quoted = c != '"';
      out += c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      quoted = c == '"';
      out += c;
    }
  }
  return out;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto hex = [](char c) { return std::string_view("0123456789abcdef").find(ascii_lower(c)); };
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) != std::string_view::npos &&
        hex(s[i + 2]) != std::string_view::npos) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// RFC 2045 §5.1 "type/subtype; name=value; name="quoted value"", with RFC 2231
// parameters: name*=charset'lang'%XX and continuations name*0, name*1*.
// Also used for Content-Disposition, whose "type" is then "attachment".
ContentType parse_content_type(std::string_view header) {
  const std::string value = without_comments(header);
  ContentType ct;
  std::size_t i = value.find(';');
  ct.type = ascii_lower(trim(std::string_view(value).substr(0, i)));
  struct Segment {
    bool extended;
    std::string text;
  };
  std::map<std::string, std::map<int, Segment>> continued;
  while (i != std::string::npos && i < value.size()) {
    ++i;  // past ';'
    const auto eq = value.find('=', i);
    if (eq == std::string::npos) break;
    if (const auto semicolon = value.find(';', i); semicolon < eq) {  // a parameter without value
      i = semicolon;
      continue;
    }
    std::string name = ascii_lower(trim(std::string_view(value).substr(i, eq - i)));
    std::string text;
    i = value.find_first_not_of(" \t", eq + 1);
    if (i != std::string::npos && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        text += value[i];
      }
      i = value.find(';', i);
    } else if (i != std::string::npos) {
      const auto end = value.find(';', i);
      text = std::string(trim(std::string_view(value).substr(i, end == std::string::npos ? end : end - i)));
      i = end;
    }
    const bool extended = !name.empty() && name.back() == '*';
    if (extended) name.pop_back();
    const auto star = name.find('*');
    if (star != std::string::npos) {
      const std::string index = name.substr(star + 1);
      if (!index.empty() && index.size() < 4 && index.find_first_not_of("0123456789") == std::string::npos) {
        continued[name.substr(0, star)].try_emplace(std::stoi(index), Segment{extended, std::move(text)});
      }
    } else {
      continued[name].try_emplace(0, Segment{extended, std::move(text)});  // the first one wins
    }
  }
  for (const auto& [name, segments] : continued) {
    std::string joined;
    std::string charset;
    for (const auto& [index, segment] : segments) {
      std::string_view text = segment.text;
      if (segment.extended && index == 0) {  // charset'language'value
        const auto first = text.find('\'');
        const auto second = first == std::string_view::npos ? first : text.find('\'', first + 1);
        if (second != std::string_view::npos) {
          charset = std::string(text.substr(0, first));
          text = text.substr(second + 1);
        }
      }
      joined += segment.extended ? percent_decoded(text) : std::string(text);
    }
    ct.params[name] = charset.empty() ? joined : charset_to_utf8(joined, charset);
  }
  return ct;
}

bool is_calendar(const Entity& part, const ContentType& ct) {
  if (ct.type == "text/calendar" || ct.type == "application/ics") return true;
  const std::string filename = parse_content_type(part.get("content-disposition")).param("filename");
  return ends_with_ignoring_case(filename, ".ics") || ends_with_ignoring_case(ct.param("name"), ".ics");
}

Result<std::string> calendar_text(const Entity& part, const ContentType& ct, const std::string& where) {
  const std::string encoding = ascii_lower(trim(without_comments(part.get("content-transfer-encoding"))));
  const std::string body = join_lines(part.body);
  std::string text;
  if (encoding == "base64") {
    auto decoded = decode_base64(body);
    if (!decoded) return error(Errc::bad_encoding, decoded.error().message, where);
    return charset_to_utf8(*decoded, ct.param("charset"));
  }
  if (encoding == "quoted-printable") {
    text = decode_quoted_printable(body);
  } else if (encoding.empty() || encoding == "7bit" || encoding == "8bit" || encoding == "binary") {
    text = body;
  } else {
    return error(Errc::bad_encoding, "unknown Content-Transfer-Encoding \"" + encoding + "\"", where);
  }
  if (!text.empty() && text.back() != '\n') text += "\r\n";  // RFC 5545 §3.1: every content line ends in CRLF
  return charset_to_utf8(text, ct.param("charset"));
}

// Walks the MIME tree (RFC 2046 §5.1), collecting calendars in message order.
Result<void> collect(const Entity& entity, const std::string& where, int depth, std::vector<std::string>& calendars) {
  const std::string_view header = entity.get("content-type");
  const ContentType ct = parse_content_type(header.empty() ? "text/plain" : header);  // RFC 2045 §5.2
  const std::string here = where.empty() ? "body" : where;
  if (ct.type.starts_with("multipart/")) {
    if (depth >= kMaxDepth) {
      return error(Errc::malformed_mime, "parts nested more than " + std::to_string(kMaxDepth) + " deep", here);
    }
    const std::string boundary = ct.param("boundary");
    if (boundary.empty()) return error(Errc::malformed_mime, "a multipart without boundary", here);
    const std::string delimiter = "--" + boundary;
    std::vector<Lines> parts;
    std::size_t open = 0;  // the first line of the current part, when one is open
    bool in_part = false;
    bool closed = false;
    for (std::size_t i = 0; i < entity.body.size() && !closed; ++i) {
      const std::string_view line = entity.body[i];
      if (!line.starts_with(delimiter)) continue;
      // RFC 2046 §5.1.1: a delimiter may be followed by transport padding.
      std::string_view rest = line.substr(delimiter.size());
      closed = rest.starts_with("--");
      if (closed) rest.remove_prefix(2);
      if (!trim(rest).empty()) {
        closed = false;
        continue;
      }
      if (in_part) parts.push_back(entity.body.subspan(open, i - open));
      in_part = true;
      open = i + 1;
    }
    if (!in_part) return error(Errc::malformed_mime, "no delimiter line for the multipart's boundary", here);
    if (!closed) parts.push_back(entity.body.subspan(open));  // truncated: read to the end
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const std::string name = part_name(where, k + 1);
      auto part = parse_entity(parts[k], name);
      if (!part) return part.error();
      if (auto done = collect(*part, name, depth + 1, calendars); !done) return done.error();
    }
    return {};
  }
  if (ct.type == "message/rfc822" || !is_calendar(entity, ct)) return {};
  auto text = calendar_text(entity, ct, here);
  if (!text) return text.error();
  calendars.push_back(std::move(*text));
  return {};
}

// The addr-spec of the first mailbox in a From value (RFC 5322 §3.4): the
// angle-addr when there is one, else the value without comments and spaces.
std::string first_address(std::string_view value) {
  const std::string text = without_comments(value);
  std::string bare;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      quoted = c != '"';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      const auto end = text.find('>', i);
      bare = text.substr(i + 1, end == std::string::npos ? end : end - i - 1);
      const auto route = bare.rfind(':');  // RFC 5322 §4.4 obs-route "@a,@b:user@host"
      if (route != std::string::npos) bare.erase(0, route + 1);
      break;
    } else if (c == ',') {
      break;
    } else if (c != ' ' && c != '\t') {
      bare += c;
    }
  }
  bare.erase(std::remove_if(bare.begin(), bare.end(), [](char c) { return c == ' ' || c == '\t'; }), bare.end());
  const auto at = bare.rfind('@');
  if (at != std::string::npos) bare = bare.substr(0, at) + ascii_lower(std::string_view(bare).substr(at));
  return bare;
}

}  // namespace

Result<ReceivedMail> read_mail(std::string_view raw) {
  const std::vector<std::string_view> lines = split_lines(raw);
  auto message = parse_entity(lines, "");
  if (!message) return message.error();
  ReceivedMail mail;
  mail.from_address = first_address(message->get("from"));
  mail.subject = decode_header_text(message->get("subject"));
  std::string id = without_comments(message->get("message-id"));
  std::erase_if(id, [](char c) { return c == '<' || c == '>' || c == ' ' || c == '\t'; });
  mail.message_id = std::move(id);
  if (auto done = collect(*message, "", 0, mail.calendars); !done) return done.error();
  return mail;
}

}  // namespace yhteisaika::mail
