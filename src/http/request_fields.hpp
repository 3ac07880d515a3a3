#pragma once
// Reading a request: the JSON body's fields and the query string, each error
// naming the field. Readers record the first error and return nothing; finish()
// returns it (or refuses a field nobody read, which is usually a typo).

#include <yhteisaika/error.hpp>
#include <yhteisaika/ids.hpp>
#include <yhteisaika/time/interval.hpp>
#include <yhteisaika/time/zone.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yhteisaika::http {

// The body as a JSON object; Errc::bad_json or Errc::bad_request otherwise.
Result<boost::json::object> parse_json_object(std::string_view body);

// "%41" -> "A" (RFC 3986 §2.1); a '%' without two hex digits stays. '+' is a
// space in a query (HTML form encoding) and itself in a path.
std::string percent_decode(std::string_view s, bool plus_is_space);

// name -> value of "a=1&b=x%20y" (percent- and '+'-decoded); a name given twice keeps the last.
std::map<std::string, std::string> parse_query(std::string_view query);

class Fields {
 public:
  explicit Fields(const boost::json::object& object) : object_(object) {}

  std::optional<std::string> text(std::string_view name);
  std::string required_text(std::string_view name);
  std::optional<std::int64_t> integer(std::string_view name);
  std::optional<bool> boolean(std::string_view name);
  std::vector<ParticipantId> ids(std::string_view name, bool required);
  // "2026-11-23T09:00" (local in `zone`) or RFC 3339 with an offset.
  std::optional<time::Instant> instant(std::string_view name, const time::Zone& zone);
  std::optional<std::chrono::year_month_day> date(std::string_view name);
  // The array itself, for readers of arrays of objects; nullptr when it is not
  // given (or null), and an error naming `name` when it is not an array.
  const boost::json::array* array(std::string_view name);

  // Records a value error found by the caller (kept only if it is the first).
  void fail(Error error);

  // The first error, or an error for a field that nothing read.
  std::optional<Error> finish() const;

 private:
  const boost::json::value* find(std::string_view name);

  const boost::json::object& object_;
  std::set<std::string, std::less<>> read_;
  std::optional<Error> error_;
};

// The body read as a JSON object by `read(Fields&)`; the first error of the
// body, of `read` or of a field nobody read (Fields::finish()).
template <class Read>
auto read_body(std::string_view body, Read&& read) -> Result<decltype(read(std::declval<Fields&>()))> {
  auto object = parse_json_object(body);
  if (!object) return object.error();
  Fields fields(*object);
  auto value = read(fields);
  if (auto e = fields.finish()) return *e;
  return value;
}

// The text `name`; missing or null is "this field is required" (Errc::bad_request).
std::optional<std::string> required_value(Fields& fields, std::string_view name);

// A value of the right type that the rules refuse (Errc::invalid_value, 422),
// at the field `field`.
Error invalid_value(std::string message, std::string_view field);

// "expected <expected>, got <the JSON type of got>" (Errc::bad_request) naming `where`.
Error type_error(std::string_view where, const char* expected, const boost::json::value& got);

// Each object of the array `name`, read by `read(Fields&)` as read_body reads a
// body (a field nobody read is an error). Errors inside name the element:
// "availability[1].from". nullopt when the array is not given, or on an error
// (recorded in `fields`).
template <class Read>
auto read_objects(Fields& fields, std::string_view name, Read&& read)
    -> std::optional<std::vector<decltype(read(std::declval<Fields&>()))>> {
  const boost::json::array* items = fields.array(name);
  if (!items) return std::nullopt;
  std::vector<decltype(read(std::declval<Fields&>()))> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string at = std::string(name) + "[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      fields.fail(type_error(at, "an object", (*items)[i]));
      return std::nullopt;
    }
    Fields inner((*items)[i].get_object());
    auto value = read(inner);
    if (auto e = inner.finish()) {
      e->where = e->where.under(at);
      fields.fail(std::move(*e));
      return std::nullopt;
    }
    out.push_back(std::move(value));
  }
  return out;
}

// The "from" and "to" parameters of a query, each a date (its local midnight
// in `zone`) or a time; `fallback`'s for those not given. Errors name the
// parameter (service::Errc::invalid_value), also "to" when it is not after "from".
Result<time::Interval> query_window(const std::map<std::string, std::string>& query, time::Interval fallback,
                                    const time::Zone& zone);

// "YYYY-MM-DD" as a date; an error is at the field or parameter `where`.
Result<std::chrono::year_month_day> parse_date(std::string_view text, std::string_view where);

}  // namespace yhteisaika::http
