#pragma once
// Who asks: the token behind a request, as the capabilities write it to the audit log.

#include <yhteisaika/store/store.hpp>

#include <string>

namespace yhteisaika::service {

// The token's name and role. Written to the audit log as "role:name".
struct Actor {
  std::string name;
  store::TokenRole role = store::TokenRole::coordinator;
  std::string audit_name() const { return std::string(store::to_string(role)) + ":" + name; }
};

}  // namespace yhteisaika::service
