#pragma once
// Private to http/: the managers' figures, /api/v1/utilisation
// (docs/openapi.json). Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET /api/v1/utilisation?from=&to=&unit=&group_by=week|unit|professional
// (default 8 weeks back to 2 ahead, by week): JSON (render/utilisation_json.hpp),
// or CSV (csv.hpp) with `format=csv` or an Accept naming text/csv
// (`format=json` wins over Accept).
Result<Response> utilisation(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
