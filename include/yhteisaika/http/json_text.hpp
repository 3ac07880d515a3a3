#pragma once
// JSON text as the service emits it (API answers, error bodies, log lines, the
// command line's output): Boost.JSON's serializer, except for numbers of type
// double. Boost.JSON 1.81 writes every double in exponent form ("1E2",
// "5.625E0"), which people reading a log or an answer, and scripts comparing
// numbers as text, trip over. Here a double is written as a plain decimal:
//   json_text(json::object{{"a", 100.0}, {"b", 5.625}, {"c", 0.001}})
//     == R"({"a":100,"b":5.625,"c":0.001})"
// in the shortest form that reads back as the same double (std::to_chars,
// fixed): an integral value without a fraction, never an exponent; -0 as 0;
// NaN and the infinities, which JSON cannot carry, as null. Everything else
// (strings and their escapes, integers, order of members) is as
// boost::json::serialize writes it. How many decimals a figure deserves is the
// caller's to decide (round before).
//
// Pure; thread-safe.

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

namespace yhteisaika::http {

std::string json_text(const boost::json::value& v);
std::string json_text(const boost::json::object& o);
std::string json_text(const boost::json::array& a);

// Appends the text of `v` to `out`.
void append_json_text(std::string& out, const boost::json::value& v);
// Appends one JSON string or number, as json_text writes it, without building a
// value first (for lines built on a hot path, e.g. the access log).
void append_json_string(std::string& out, std::string_view s);
void append_json_number(std::string& out, double d);

}  // namespace yhteisaika::http
