#include "negotiation.hpp"

#include <yhteisaika/ascii.hpp>
#include <yhteisaika/http/http_date.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

namespace yhteisaika::http {

namespace {

using beast_http::field;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits off the next `separator`-separated item of `list`.
std::string_view next_item(std::string_view& list, char separator) {
  const auto at = list.find(separator);
  const std::string_view item = list.substr(0, at);
  list = at == std::string_view::npos ? std::string_view{} : list.substr(at + 1);
  return item;
}

// RFC 9110 §12.4.2 qvalue: "0" to "1" with up to three decimals; anything else counts as 0.
double qvalue(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > 1) return 0;
  return value;
}

// The q of an Accept-Encoding item's parameters (";q=0.5"); 1 without one.
double q_of(std::string_view params) {
  double q = 1;
  while (!params.empty()) {
    const std::string_view param = trimmed(next_item(params, ';'));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') q = qvalue(param.substr(2));
  }
  return q;
}

}  // namespace

bool accepts_gzip(std::string_view header) {
  std::optional<double> gzip_q, any_q, identity_q;
  while (!header.empty()) {
    const std::string_view item = next_item(header, ',');
    const auto semicolon = item.find(';');
    const std::string coding = ascii_lower(trimmed(item.substr(0, semicolon)));
    const double q = q_of(semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1));
    if (coding == "gzip" || coding == "x-gzip") gzip_q = std::max(gzip_q.value_or(0), q);
    if (coding == "*") any_q = q;
    if (coding == "identity") identity_q = q;
  }
  const double q = gzip_q ? *gzip_q : any_q.value_or(0);
  return q > 0 && q >= identity_q.value_or(0);
}

bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::string_view tag = trimmed(next_item(header, ','));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

bool not_modified(const Request& req, std::string_view etag, time::Instant last_modified, time::Instant now) {
  if (auto inm = req.find(field::if_none_match); inm != req.end()) return etag_matches(inm->value(), etag);
  auto ims = req.find(field::if_modified_since);
  if (ims == req.end()) return false;
  auto since = parse_http_date(ims->value(), std::chrono::floor<std::chrono::seconds>(now));
  return since && last_modified <= *since;
}

}  // namespace yhteisaika::http
