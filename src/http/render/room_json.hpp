#pragma once
// Private to http/: a room as the API answers it (/api/v1/rooms...). Pure;
// thread-safe.

#include <yhteisaika/store/store.hpp>

#include "../case_values.hpp"

#include <boost/json/object.hpp>

namespace yhteisaika::http {

// {"id", "name", "location", "capacity"}, and "calendar_source" when the
// `viewer` is an admin (it may be a secret address), as for professionals.
boost::json::object room_json(const Room& room, store::TokenRole viewer);

}  // namespace yhteisaika::http
