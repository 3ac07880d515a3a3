#include "feeds.hpp"

#include <yhteisaika/http/http_date.hpp>

#include "../negotiation.hpp"
#include "../responses.hpp"

namespace yhteisaika::http::handlers {

using beast_http::field;
using beast_http::status;

Result<Response> feed(const Call& call, const Services& s) {
  auto found = s.service.feeds().feed(std::string(call.param));
  if (!found) return found.error();
  const service::Feed& f = **found;
  const bool gzipped = accepts_gzip(call.req[field::accept_encoding]);
  const std::string& etag = gzipped ? f.gzip_etag : f.etag;
  const auto validators = [&](Response& res) {
    res.set(field::etag, etag);
    res.set(field::last_modified, http_date(f.last_modified));
    res.set(field::vary, "Accept-Encoding");  // RFC 9110 §12.5.5: the coding follows Accept-Encoding
    res.set(field::cache_control, "private, max-age=300");
  };
  if (not_modified(call.req, etag, f.last_modified, s.service.now())) {
    s.counters.feed_not_modified.fetch_add(1, std::memory_order_relaxed);
    Response res{status::not_modified, call.req.version()};
    validators(res);
    res.keep_alive(call.req.keep_alive());
    return res;
  }
  s.counters.feed_hits.fetch_add(1, std::memory_order_relaxed);
  auto res = text_response(call.req, status::ok, "text/calendar; charset=utf-8", gzipped ? f.gzip : f.text);
  if (gzipped) res.set(field::content_encoding, "gzip");
  validators(res);
  res.set(field::content_disposition, "inline; filename=\"yhteisaika.ics\"");
  return res;
}

}  // namespace yhteisaika::http::handlers
