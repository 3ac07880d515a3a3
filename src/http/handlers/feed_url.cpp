#include "feed_url.hpp"

namespace yhteisaika::http::handlers {

std::string feed_url(const Call& call, const Services& s, const std::string& secret) {
  std::string base = s.service.config().base_url;
  if (base.empty()) {
    auto host = call.req.find(beast_http::field::host);
    base = "http://" + (host == call.req.end() ? std::string("localhost") : std::string(host->value()));
  }
  return base + "/feeds/" + secret + ".ics";
}

}  // namespace yhteisaika::http::handlers
