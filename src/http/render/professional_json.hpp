#pragma once
// Private to http/: a professional as the API answers it
// (/api/v1/professionals...). Pure; thread-safe.

#include <yhteisaika/store/store.hpp>

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// {"id", "name", "profession", "unit", "email"}, and "calendar_source" when
// the `viewer` is an admin (it may be a secret address).
boost::json::object professional_json(const store::Professional& p, store::TokenRole viewer);

}  // namespace yhteisaika::http
