#include <yhteisaika/sources/source_spec.hpp>
#include <yhteisaika/ascii.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>

#include <algorithm>
#include <charconv>

namespace yhteisaika::sources {
namespace {

Error bad(std::string message) {
  return Error{Errc::bad_source, std::move(message), Location::at_field("calendar_source")};
}

// RFC 3986 §3.2.2: reg-name characters plus '.' and '-' (no percent-encoded hosts).
bool plain_host(std::string_view h) {
  return !h.empty() &&
         std::all_of(h.begin(), h.end(), [](char c) { return ascii_is_alnum(c) || c == '-' || c == '.' || c == '_'; });
}

// Keeps the request target printable: no spaces or control characters, which a
// server would reject and a careless one might split a request on.
bool plain_target(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

// Removes "." and ".." segments (RFC 3986 §5.2.4) from an absolute path.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i + 1);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i + 1, j - i - 1);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      if (j == path.size()) out.push_back("");
    } else if (seg == ".") {
      if (j == path.size()) out.push_back("");
    } else {
      out.push_back(seg);
    }
    i = j;
  }
  std::string s;
  for (auto seg : out) {
    s += '/';
    s += seg;
  }
  return s.empty() ? "/" : s;
}

}  // namespace

std::string Url::host_header() const {
  const bool default_port = port == (tls ? 443 : 80);
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return default_port ? h : h + ":" + std::to_string(port);
}

std::string Url::text() const { return std::string(tls ? "https://" : "http://") + host_header() + target; }

std::string Url::redacted() const {
  return std::string(tls ? "https://" : "http://") + host_header() + (target == "/" ? "/" : "/…");
}

Result<Url> parse_url(std::string_view text) {
  Url url;
  if (ascii_istarts_with(text, "https://")) {
    url.tls = true;
    text.remove_prefix(8);
  } else if (ascii_istarts_with(text, "http://")) {
    text.remove_prefix(7);
  } else {
    return bad("a calendar URL starts with https://, http://, webcal:// or caldav+https://");
  }
  if (auto hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
  const auto slash = text.find_first_of("/?");
  std::string_view authority = text.substr(0, slash);
  std::string_view rest = slash == std::string_view::npos ? std::string_view{} : text.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return bad("a calendar URL may not carry a user name or password; put them in the source_credentials "
               "file or a YHTEISAIKA_SOURCE_CREDENTIALS_<ID> variable");
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("an IPv6 host needs a closing ']'");
    url.host = ascii_lower(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("unexpected text after the IPv6 host");
      port_text = after.substr(1);
    }
    if (url.host.empty() || url.host.find_first_not_of("0123456789abcdef:.") != std::string::npos) {
      return bad("the IPv6 host is not valid");
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = ascii_lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (!plain_host(url.host)) return bad("the URL has no valid host name");
  }
  url.port = url.tls ? 443 : 80;
  if (!port_text.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return bad("the URL's port is not a number from 1 to 65535");
    }
    url.port = static_cast<std::uint16_t>(value);
  }
  if (rest.empty()) {
    url.target = "/";
  } else if (rest.front() == '?') {
    url.target = "/" + std::string(rest);
  } else {
    const auto q = rest.find('?');
    url.target = remove_dot_segments(rest.substr(0, q)) + std::string(q == std::string_view::npos ? "" : rest.substr(q));
  }
  if (!plain_target(url.target)) return bad("the URL's path has spaces or control characters (percent-encode them)");
  return url;
}

Result<Url> resolve_location(const Url& base, std::string_view location) {
  if (location.empty()) return Error{Errc::http_status, "a redirect without a Location", Location::in(base.redacted())};
  if (ascii_istarts_with(location, "http://") || ascii_istarts_with(location, "https://")) {
    return parse_url(location);
  }
  if (location.find("://") != std::string_view::npos) {
    return Error{Errc::bad_source, "a redirect to a scheme other than http or https",
                 Location::in(base.redacted())};
  }
  if (location.substr(0, 2) == "//") {
    return parse_url(std::string(base.tls ? "https:" : "http:") + std::string(location));
  }
  Url next = base;
  if (auto hash = location.find('#'); hash != std::string_view::npos) location = location.substr(0, hash);
  std::string target;
  if (!location.empty() && location.front() == '/') {
    target = std::string(location);
  } else if (!location.empty() && location.front() == '?') {
    target = base.target.substr(0, base.target.find('?')) + std::string(location);
  } else {
    const std::string path = base.target.substr(0, base.target.find('?'));
    target = path.substr(0, path.rfind('/') + 1) + std::string(location);
  }
  const auto q = target.find('?');
  next.target = remove_dot_segments(std::string_view(target).substr(0, q)) +
                (q == std::string::npos ? std::string{} : target.substr(q));
  if (!plain_target(next.target)) return Error{Errc::bad_source, "a redirect to an unusable path",
                                             Location::in(base.redacted())};
  return next;
}

std::string_view to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::file: return "file";
    case SourceKind::ics_url: return "ics-url";
    case SourceKind::caldav: return "caldav";
  }
  return "file";
}

namespace {

// A calendar's name in the calendars folder: "laakari-korhonen" and
// "laakari-korhonen.ics" both name CALENDARS/laakari-korhonen.ics (or the folder
// CALENDARS/laakari-korhonen/), since people write the file's name. A path is
// refused: calendars are read from that folder only.
Result<std::string> file_name(std::string_view name) {
  if (name.size() > 4 && ascii_lower(name.substr(name.size() - 4)) == ".ics") name.remove_suffix(4);
  if (name.empty()) return bad("the calendar source is empty");
  if (name.find_first_of("/\\") != std::string_view::npos || name.front() == '.') {
    return bad("a calendar file is named without a folder, as in the calendars folder: e.g. laakari-korhonen "
               "(for calendars/laakari-korhonen.ics or calendars/laakari-korhonen/), or give an https:// URL");
  }
  return std::string(name);
}

}  // namespace

Result<SourceSpec> parse_source(std::string_view calendar_source) {
  SourceSpec spec;
  if (ascii_istarts_with(calendar_source, "file:")) {
    if (calendar_source.size() == 5) return bad("file: needs a calendar name, e.g. file:laakari-korhonen");
    auto name = file_name(calendar_source.substr(5));
    if (!name) return name.error();
    spec.file_name = std::move(*name);
    return spec;
  }
  if (calendar_source.find("://") == std::string_view::npos) {
    auto name = file_name(calendar_source);
    if (!name) return name.error();
    spec.file_name = std::move(*name);
    return spec;
  }
  std::string url_text;
  if (ascii_istarts_with(calendar_source, "caldav+")) {
    spec.kind = SourceKind::caldav;
    url_text = std::string(calendar_source.substr(7));
  } else if (ascii_istarts_with(calendar_source, "webcal://")) {
    spec.kind = SourceKind::ics_url;
    url_text = "https://" + std::string(calendar_source.substr(9));
  } else {
    spec.kind = SourceKind::ics_url;
    url_text = std::string(calendar_source);
  }
  auto url = parse_url(url_text);
  if (!url) return url.error();
  spec.url = std::move(*url);
  return spec;
}

}  // namespace yhteisaika::sources
