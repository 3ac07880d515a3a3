#include <yhteisaika/sources/http_fetch.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <variant>

namespace yhteisaika::sources {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

struct HttpFetcher::Impl {
  ssl::context tls{ssl::context::tls_client};
};

namespace {

Error failed(Errc code, std::string message, const Url& url) {
  return Error{code, std::move(message), Location::in(url.redacted())};
}

std::string base64(std::string_view text) {
  std::string out(beast::detail::base64::encoded_size(text.size()), '\0');
  out.resize(beast::detail::base64::encode(out.data(), text.data(), text.size()));
  return out;
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  (void)net::ip::make_address(host, ec);
  return !ec;
}

// One request and its answer, without following redirects.
struct Hop {
  int status = 0;
  std::string reason;
  std::string location;
  std::string body;
  Validators validators;
};

struct HopInput {
  const FetchOptions* options;
  ssl::context* tls;
  const FetchRequest* request;
  Url url;
  bool send_credentials = false;
};

Error network_error(const boost::system::error_code& ec, const Url& url, std::string_view stage) {
  if (ec == http::error::body_limit) {
    return failed(Errc::too_large, "the answer is larger than max_calendar_bytes", url);
  }
  if (ec == beast::error::timeout) {
    return failed(Errc::fetch_failed, std::string(stage) + " timed out", url);
  }
  return failed(Errc::fetch_failed, std::string(stage) + " failed: " + ec.message(), url);
}

template <class Stream>
net::awaitable<Result<Hop>> exchange(Stream& stream, HopInput in) {
  const FetchRequest& r = *in.request;
  http::request<http::string_body> req{http::string_to_verb(r.method), in.url.target, 11};
  req.set(http::field::host, in.url.host_header());
  req.set(http::field::user_agent, "Yhteisaika/0.1");
  req.set(http::field::accept, r.method == "GET" ? "text/calendar, */*;q=0.5" : "application/xml, text/xml");
  req.set(http::field::connection, "close");
  if (in.send_credentials && !r.basic_credentials.empty()) {
    req.set(http::field::authorization, "Basic " + base64(r.basic_credentials));
  }
  if (!r.validators.etag.empty()) req.set(http::field::if_none_match, r.validators.etag);
  if (!r.validators.last_modified.empty()) req.set(http::field::if_modified_since, r.validators.last_modified);
  if (!r.depth.empty()) req.set("Depth", r.depth);
  if (!r.body.empty()) {
    req.set(http::field::content_type, r.content_type);
    req.body() = r.body;
  }
  req.prepare_payload();

  beast::get_lowest_layer(stream).expires_after(in.options->read_timeout);
  auto [wec, written] = co_await http::async_write(stream, req, net::as_tuple(net::use_awaitable));
  (void)written;
  if (wec) co_return network_error(wec, in.url, "sending the request");

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(in.options->max_bytes);
  auto [hec, header_bytes] = co_await http::async_read_header(stream, buffer, parser, net::as_tuple(net::use_awaitable));
  (void)header_bytes;
  if (hec) co_return network_error(hec, in.url, "reading the answer");
  Hop hop;
  const auto& head = parser.get();
  hop.status = static_cast<int>(head.result_int());
  hop.reason = std::string(head.reason());
  hop.location = std::string(head[http::field::location]);
  hop.validators = {std::string(head[http::field::etag]), std::string(head[http::field::last_modified])};
  if (is_redirect(hop.status) || hop.status == 304 || hop.status >= 400) co_return hop;  // the body is not used
  const auto declared = parser.content_length();
  const std::optional<std::uint64_t> length = declared ? std::optional<std::uint64_t>(*declared) : std::nullopt;
  if (auto ok = check_content_length(length, in.options->max_bytes, in.url); !ok) {
    co_return ok.error();
  }
  auto [bec, body_bytes] = co_await http::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
  (void)body_bytes;
  if (bec) co_return network_error(bec, in.url, "reading the answer");
  hop.body = std::move(parser.get().body());
  co_return hop;
}

net::awaitable<Result<Hop>> one_hop(HopInput in) {
  using namespace net::experimental::awaitable_operators;
  auto ex = co_await net::this_coro::executor;
  const Url& url = in.url;

  // One deadline for resolve + connect + TLS handshake, as connect_timeout promises.
  const auto deadline = std::chrono::steady_clock::now() + in.options->connect_timeout;
  // The resolver has no deadline of its own: race it against a timer.
  tcp::resolver resolver(ex);
  net::steady_timer timer(ex, deadline);
  auto resolved = co_await (resolver.async_resolve(url.host, std::to_string(url.port), net::as_tuple(net::use_awaitable)) ||
                            timer.async_wait(net::as_tuple(net::use_awaitable)));
  if (resolved.index() == 1) co_return failed(Errc::fetch_failed, "resolving the host name timed out", url);
  auto [rec, endpoints] = std::get<0>(std::move(resolved));
  if (rec) co_return failed(Errc::fetch_failed, "cannot resolve the host name: " + rec.message(), url);

  beast::tcp_stream tcp_stream(ex);
  tcp_stream.expires_at(deadline);
  auto [cec, endpoint] = co_await tcp_stream.async_connect(endpoints, net::as_tuple(net::use_awaitable));
  (void)endpoint;
  if (cec) co_return network_error(cec, url, "connecting");

  if (!url.tls) co_return co_await exchange(tcp_stream, std::move(in));

  beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(tcp_stream), *in.tls);
  // SNI (RFC 6066 §3) names a host, never an address.
  if (!is_ip_literal(url.host) && !SSL_set_tlsext_host_name(tls_stream.native_handle(), url.host.c_str())) {
    co_return failed(Errc::fetch_failed, "cannot set the TLS server name", url);
  }
  tls_stream.set_verify_mode(ssl::verify_peer);
  tls_stream.set_verify_callback(ssl::host_name_verification(url.host));
  beast::get_lowest_layer(tls_stream).expires_at(deadline);
  auto [tec] = co_await tls_stream.async_handshake(ssl::stream_base::client, net::as_tuple(net::use_awaitable));
  if (tec) co_return network_error(tec, url, "the TLS handshake (certificate check)");
  co_return co_await exchange(tls_stream, std::move(in));
}

}  // namespace

RedirectChain::RedirectChain(Url first, int max) : current_(std::move(first)), max_(max) {
  visited_.insert(current_.text());
}

Result<Url> RedirectChain::follow(std::string_view location) {
  auto next = resolve_location(current_, location);
  if (!next) return next.error();
  if (!visited_.insert(next->text()).second) {
    return Error{Errc::redirect_loop, "the redirects lead back to a URL already visited",
                 Location::in(current_.redacted())};
  }
  if (++hops_ > max_) {
    return Error{Errc::too_many_redirects, "more than " + std::to_string(max_) + " redirects",
                 Location::in(current_.redacted())};
  }
  current_ = std::move(*next);
  return current_;
}

Result<void> check_content_length(std::optional<std::uint64_t> content_length, std::size_t max_bytes,
                                  const Url& url) {
  if (content_length && *content_length > max_bytes) {
    return failed(Errc::too_large,
                  "the answer is " + std::to_string(*content_length) + " bytes, more than max_calendar_bytes (" +
                      std::to_string(max_bytes) + ")",
                  url);
  }
  return {};
}

HttpFetcher::HttpFetcher(FetchOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {}
HttpFetcher::~HttpFetcher() = default;

Result<std::shared_ptr<const HttpFetcher>> HttpFetcher::make(FetchOptions options) {
  std::shared_ptr<HttpFetcher> fetcher(new HttpFetcher(std::move(options)));
  auto& tls = fetcher->impl_->tls;
  boost::system::error_code ec;
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                  ec);
  if (!ec) tls.set_verify_mode(ssl::verify_peer, ec);
  if (!ec) {
    if (fetcher->options_.ca_file.empty()) {
      tls.set_default_verify_paths(ec);
    } else {
      tls.load_verify_file(fetcher->options_.ca_file, ec);
    }
  }
  if (ec) {
    return Error{Errc::fetch_failed, "cannot load the CA certificates: " + ec.message(),
                 Location::in(fetcher->options_.ca_file.empty() ? "system CA store" : fetcher->options_.ca_file)};
  }
  return std::shared_ptr<const HttpFetcher>(std::move(fetcher));
}

Result<FetchResponse> HttpFetcher::fetch(const FetchRequest& request) const {
  RedirectChain chain(request.url, options_.max_redirects);
  FetchRequest current = request;
  net::io_context io(1);
  for (;;) {
    HopInput in{&options_, &impl_->tls, &current, chain.current(),
                chain.current().host == request.url.host && chain.current().port == request.url.port &&
                    chain.current().tls == request.url.tls};
    Result<Hop> hop = failed(Errc::fetch_failed, "the request did not complete", chain.current());
    // Runs to completion right here, so the coroutine may point into this frame.
    net::co_spawn(io, one_hop(std::move(in)), [&hop](std::exception_ptr e, Result<Hop> r) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& x) {
          // A bug's text, for the log only (Error::internal), never a client's.
          hop = Error{Errc::fetch_failed, "the request failed", {}, x.what()};
        }
      } else {
        hop = std::move(r);
      }
    });
    io.run();
    io.restart();
    if (!hop) return hop.error();
    if (is_redirect(hop->status)) {
      auto next = chain.follow(hop->location);
      if (!next) return next.error();
      if (hop->status == 303) {
        current.method = "GET";
        current.body.clear();
        current.depth.clear();
      }
      continue;
    }
    FetchResponse out;
    out.status = hop->status;
    out.final_url = chain.current();
    if (hop->status == 304) {
      out.not_modified = true;
      out.validators = request.validators;
      if (!hop->validators.etag.empty()) out.validators.etag = hop->validators.etag;
      if (!hop->validators.last_modified.empty()) out.validators.last_modified = hop->validators.last_modified;
      return out;
    }
    if (hop->status < 200 || hop->status > 299) {
      std::string message = request.method + " answered " + std::to_string(hop->status) + " " + hop->reason;
      if (hop->status == 401 || hop->status == 403) {
        message += request.basic_credentials.empty() ? " (no credentials are configured for this source)"
                                                     : " (the configured credentials were refused)";
      }
      return failed(Errc::http_status, std::move(message), chain.current());
    }
    out.body = std::move(hop->body);
    out.validators = std::move(hop->validators);
    return out;
  }
}

}  // namespace yhteisaika::sources
