#include "error_reply.hpp"

#include <yhteisaika/http/errors.hpp>

#include "handlers/handler.hpp"

namespace yhteisaika::http {

using beast_http::status;

Response error_reply(const Request& req, const Error& error, const Services& services) {
  const auto mapped = http_error(error.code);
  if (mapped.status == status::conflict) services.counters.conflicts.fetch_add(1, std::memory_order_relaxed);
  const bool server_failed = mapped.status == status::internal_server_error ||
                             mapped.status == status::service_unavailable;
  if (server_failed || !error.internal.empty()) {
    boost::json::object fields{{"error", mapped.code}, {"detail", error.to_string()}};
    if (!error.internal.empty()) fields["internal"] = error.internal;
    services.logger.log(server_failed ? LogLevel::error : LogLevel::warn, "request failed", fields);
  }
  return error_response(error, req.version(), req.keep_alive());
}

}  // namespace yhteisaika::http
