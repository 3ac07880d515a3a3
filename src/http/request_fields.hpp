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

// The "from" and "to" parameters of a query, each a date (its local midnight
// in `zone`) or a time; `fallback`'s for those not given. Errors name the
// parameter (service::Errc::invalid_value), also "to" when it is not after "from".
Result<time::Interval> query_window(const std::map<std::string, std::string>& query, time::Interval fallback,
                                    const time::Zone& zone);

// "YYYY-MM-DD" as a date; an error is at the field or parameter `where`.
Result<std::chrono::year_month_day> parse_date(std::string_view text, std::string_view where);

}  // namespace yhteisaika::http
