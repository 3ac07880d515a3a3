#include "people_file.hpp"

#include "field_checks.hpp"

#include <yhteisaika/service/errc.hpp>

#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <set>

namespace yhteisaika::service {

Result<std::vector<store::Professional>> read_people_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const Location file = Location::in(path.string());
  if (!in) return Error{Errc::invalid_value, "cannot read the team file", file};
  const std::string text(std::istreambuf_iterator<char>(in), {});
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (ec) return Error{Errc::invalid_value, "not valid JSON: " + ec.message(), file};
  if (!doc.is_array()) return Error{Errc::invalid_value, "expected a JSON array of professionals", file};

  std::vector<store::Professional> people;
  std::set<std::string> seen;
  const auto& items = doc.get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    // A field of the i-th entry, in the file: "people.json: [4].email".
    const std::string entry = "[" + std::to_string(i) + "]";
    const auto at = [&](const Location& field) { return Location{file.place, 0, field.under(entry).field}; };
    if (!items[i].is_object()) return Error{Errc::invalid_value, "expected an object", at({})};
    const auto& o = items[i].get_object();
    std::string fields[5];
    const char* names[5] = {"id", "name", "profession", "unit", "email"};
    for (int f = 0; f < 5; ++f) {
      const auto* v = o.if_contains(names[f]);
      if (!v || !v->is_string()) return Error{Errc::invalid_value, "expected a text value",
                                              at(Location::at_field(names[f]))};
      fields[f] = std::string(v->get_string());
    }
    if (fields[0].empty() || !seen.insert(fields[0]).second) {
      return Error{Errc::invalid_value, "ids must be non-empty and unique", at(Location::at_field("id"))};
    }
    store::Professional p{ParticipantId{fields[0]}, fields[1], fields[2], fields[3], fields[4], fields[0]};
    if (auto ok = check_professional(p); !ok) {
      return Error{ok.error().code, ok.error().message, at(ok.error().where)};
    }
    people.push_back(std::move(p));
  }
  return people;
}

}  // namespace yhteisaika::service
