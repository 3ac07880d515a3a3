#include <yhteisaika/sources/credentials.hpp>
#include <yhteisaika/ascii.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace yhteisaika::sources {
std::string Credentials::normalise(std::string_view key) {
  std::string out;
  for (char c : ascii_trim(key)) out += (c == '_' || c == '.') ? '-' : ascii_lower(c);
  return out;
}

void Credentials::add(std::string_view key, std::string user_password) {
  by_key_[normalise(key)] = std::move(user_password);
}

std::string Credentials::find(const ParticipantId& who, const Url& url) const {
  for (const std::string& key : {who.value, url.host + ":" + std::to_string(url.port), url.host}) {
    if (auto it = by_key_.find(normalise(key)); it != by_key_.end()) return it->second;
  }
  return {};
}

Result<Credentials> Credentials::parse(std::string_view text, std::string_view file_name) {
  Credentials out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = ascii_trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const Location where = Location::in(std::string(file_name), static_cast<int>(line_no));
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      return Error{Errc::bad_source, "a credentials line is KEY = USER:PASSWORD", where};
    }
    const std::string_view key = ascii_trim(line.substr(0, eq));
    const std::string_view value = ascii_trim(line.substr(eq + 1));
    if (key.empty() || value.find(':') == std::string_view::npos) {
      return Error{Errc::bad_source, "a credentials line is KEY = USER:PASSWORD (the value has no ':')", where};
    }
    out.add(key, std::string(value));
  }
  return out;
}

Result<Credentials> load_credentials(const std::string& file, const std::map<std::string, std::string>& from_environment) {
  Credentials out;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{Errc::unreadable_file, "cannot read the source credentials file", Location::in(file)};
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = Credentials::parse(text.str(), file);
    if (!parsed) return parsed.error();
    out = std::move(*parsed);
  }
  for (const auto& [key, value] : from_environment) {
    if (value.find(':') == std::string::npos) {
      return Error{Errc::bad_source, "the value is USER:PASSWORD (it has no ':')",
                   Location::in("environment YHTEISAIKA_SOURCE_CREDENTIALS_" + key)};
    }
    out.add(key, value);
  }
  return out;
}

}  // namespace yhteisaika::sources
