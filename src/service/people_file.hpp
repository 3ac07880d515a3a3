#pragma once
// The team file of the calendars folder (people.json): who the professionals
// are, imported into an empty database on first start.
//   [{"id": "laakari-korhonen", "name": "...", "profession": "lääkäri",
//     "unit": "...", "email": "..."}, ...]
// A professional's calendar is the folder's DIR/<id>.ics or DIR/<id>/.

#include <yhteisaika/error.hpp>
#include <yhteisaika/store/store.hpp>

#include <filesystem>
#include <vector>

namespace yhteisaika::service {

// Each professional is checked as the API checks (field_checks.hpp: identity
// codes, lengths, a plain e-mail address). Errors name the file and the entry
// ("people.json: [3].email").
Result<std::vector<store::Professional>> read_people_file(const std::filesystem::path& path);

}  // namespace yhteisaika::service
