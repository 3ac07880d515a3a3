#include "request_fields.hpp"

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include <charconv>

namespace yhteisaika::http {

namespace json = boost::json;

Result<json::object> parse_json_object(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return Error{Errc::bad_json, "the body is not well-formed JSON: " + ec.message(), {}};
  if (!v.is_object()) return Error{Errc::bad_request, "the body must be a JSON object", {}};
  return std::move(v.get_object());
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

namespace {

const char* type_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "text";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

Error wrong_type(std::string_view name, const char* expected, const json::value& got) {
  return Error{Errc::bad_request, std::string("expected ") + expected + ", got " + type_name(got),
               Location::at_field(std::string(name))};
}

}  // namespace

std::optional<std::string> required_value(Fields& fields, std::string_view name) {
  auto value = fields.text(name);
  // A value of another type has its error already; this one only adds the missing.
  if (!value) fields.fail(Error{Errc::bad_request, "this field is required", Location::at_field(std::string(name))});
  return value;
}

Error invalid_value(std::string message, std::string_view field) {
  return Error{service::Errc::invalid_value, std::move(message), Location::at_field(std::string(field))};
}

Error type_error(std::string_view where, const char* expected, const json::value& got) {
  return wrong_type(where, expected, got);
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out[percent_decode(pair.substr(0, eq), true)] =
        eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
  }
  return out;
}

Result<std::chrono::year_month_day> parse_date(std::string_view text, std::string_view where) {
  int y = 0;
  unsigned m = 0, d = 0;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::from_chars(text.data(), text.data() + 4, y).ptr == text.data() + 4 &&
                      std::from_chars(text.data() + 5, text.data() + 7, m).ptr == text.data() + 7 &&
                      std::from_chars(text.data() + 8, text.data() + 10, d).ptr == text.data() + 10;
  std::chrono::year_month_day date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  if (!shaped || !date.ok()) {
    return Error{service::Errc::invalid_value, "'" + std::string(text) + "' is not a date YYYY-MM-DD",
                 Location::at_field(std::string(where))};
  }
  return date;
}

Result<time::Interval> query_window(const std::map<std::string, std::string>& query, time::Interval fallback,
                                    const time::Zone& zone) {
  time::Interval window = fallback;
  for (auto [name, target] : {std::pair{"from", &window.start}, {"to", &window.end}}) {
    auto it = query.find(name);
    if (it == query.end()) continue;
    auto parsed = time::parse_user_time(it->second, zone);
    if (!parsed) return Error{service::Errc::invalid_value, parsed.error().message, Location::at_field(name)};
    *target = *parsed;
  }
  if (window.end <= window.start) return Error{service::Errc::invalid_value, "to must be after from",
                                               Location::at_field("to")};
  return window;
}

const json::value* Fields::find(std::string_view name) {
  read_.emplace(name);
  const json::value* v = object_.if_contains(name);
  return v && !v->is_null() ? v : nullptr;
}

void Fields::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

std::optional<std::string> Fields::text(std::string_view name) {
  const json::value* v = find(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(wrong_type(name, "text", *v));
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::string Fields::required_text(std::string_view name) {
  auto value = text(name);
  if (!value && !object_.if_contains(name)) fail(Error{Errc::bad_request, "this field is required",
                                                       Location::at_field(std::string(name))});
  return value.value_or("");
}

std::optional<std::int64_t> Fields::integer(std::string_view name) {
  const json::value* v = find(name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  fail(wrong_type(name, "a whole number", *v));
  return std::nullopt;
}

std::optional<bool> Fields::boolean(std::string_view name) {
  const json::value* v = find(name);
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->get_bool();
  fail(wrong_type(name, "true or false", *v));
  return std::nullopt;
}

std::vector<ParticipantId> Fields::ids(std::string_view name, bool required) {
  const json::value* v = find(name);
  if (!v) {
    if (required) {
      fail(Error{Errc::bad_request, "this field is required: an array of professional ids",
                 Location::at_field(std::string(name))});
    }
    return {};
  }
  if (!v->is_array()) {
    fail(wrong_type(name, "an array of professional ids", *v));
    return {};
  }
  std::vector<ParticipantId> out;
  const auto& items = v->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) {
      fail(wrong_type(std::string(name) + "[" + std::to_string(i) + "]", "a professional id (text)", items[i]));
      return {};
    }
    out.push_back(ParticipantId{std::string(items[i].get_string())});
  }
  return out;
}

std::optional<time::Instant> Fields::instant(std::string_view name, const time::Zone& zone) {
  auto value = text(name);
  if (!value) return std::nullopt;
  auto parsed = time::parse_user_time(*value, zone);
  if (!parsed) {
    fail(Error{service::Errc::invalid_value,
               parsed.error().message + " (expected e.g. 2026-11-23T09:00 or 2026-11-23T09:00:00+02:00)",
               Location::at_field(std::string(name))});
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::chrono::year_month_day> Fields::date(std::string_view name) {
  auto value = text(name);
  if (!value) return std::nullopt;
  auto parsed = parse_date(*value, name);
  if (!parsed) {
    fail(parsed.error());
    return std::nullopt;
  }
  return *parsed;
}

const json::array* Fields::array(std::string_view name) {
  const json::value* v = find(name);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(wrong_type(name, "an array", *v));
    return nullptr;
  }
  return &v->get_array();
}

std::optional<Error> Fields::finish() const {
  if (error_) return error_;
  for (const auto& field : object_) {
    if (!read_.contains(field.key())) {
      return Error{Errc::bad_request, "unknown field", Location::at_field(std::string(field.key()))};
    }
  }
  return std::nullopt;
}

}  // namespace yhteisaika::http
