#include "professional_json.hpp"

namespace yhteisaika::http {

boost::json::object professional_json(const store::Professional& p, store::TokenRole viewer) {
  boost::json::object o{{"id", p.id.value},
                        {"name", p.name},
                        {"profession", p.profession},
                        {"unit", p.unit},
                        {"email", p.email}};
  if (viewer == store::TokenRole::admin) o["calendar_source"] = p.calendar_source;
  return o;
}

}  // namespace yhteisaika::http
