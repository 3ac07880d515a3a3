#include <yhteisaika/http/json_text.hpp>

#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <cmath>

namespace yhteisaika::http {

namespace {

namespace json = boost::json;

void append_serialized(std::string& out, json::serializer& serializer) {
  std::array<char, 512> buffer;
  while (!serializer.done()) out.append(serializer.read(buffer.data(), buffer.size()));
}

void append_string(std::string& out, json::string_view s) {
  json::serializer serializer;
  serializer.reset(s);
  append_serialized(out, serializer);
}

void append_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (d == 0) d = 0;  // -0 -> 0
  // The longest fixed form of a double is about 330 characters (1e308, or
  // 4.9e-324 with its leading zeros).
  std::array<char, 400> text;
  auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), d, std::chars_format::fixed);
  out.append(text.data(), end);
}

void append_array(std::string& out, const json::array& a);
void append_object(std::string& out, const json::object& o);

void append_value(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_:
      append_double(out, v.get_double());
      return;
    case json::kind::string:
      append_string(out, v.get_string());
      return;
    case json::kind::array:
      append_array(out, v.get_array());
      return;
    case json::kind::object:
      append_object(out, v.get_object());
      return;
    case json::kind::null:
    case json::kind::bool_:
    case json::kind::int64:
    case json::kind::uint64: {
      json::serializer serializer;
      serializer.reset(&v);
      append_serialized(out, serializer);
      return;
    }
  }
}

void append_array(std::string& out, const json::array& a) {
  out += '[';
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i) out += ',';
    append_value(out, a[i]);
  }
  out += ']';
}

void append_object(std::string& out, const json::object& o) {
  out += '{';
  bool first = true;
  for (const auto& member : o) {
    if (!first) out += ',';
    first = false;
    append_string(out, member.key());
    out += ':';
    append_value(out, member.value());
  }
  out += '}';
}

}  // namespace

void append_json_text(std::string& out, const json::value& v) { append_value(out, v); }

void append_json_string(std::string& out, std::string_view s) { append_string(out, json::string_view(s.data(), s.size())); }

void append_json_number(std::string& out, double d) { append_double(out, d); }

std::string json_text(const json::value& v) {
  std::string out;
  append_value(out, v);
  return out;
}

std::string json_text(const json::object& o) {
  std::string out;
  append_object(out, o);
  return out;
}

std::string json_text(const json::array& a) {
  std::string out;
  append_array(out, a);
  return out;
}

}  // namespace yhteisaika::http
