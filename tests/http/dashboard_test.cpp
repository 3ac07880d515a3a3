// The dashboard's embedded files, answered in-process.
#include "../../src/http/dashboard.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace yhteisaika;
namespace beast_http = boost::beast::http;

TEST_CASE("the dashboard's icon is served as SVG and the page links it, so no browser asks in vain",
          "[http][dashboard][issue-10]") {
  // Every load of the dashboard logged a 404 for /favicon.ico.
  http::Request req{beast_http::verb::get, "/favicon.ico", 11};
  const http::Response res = http::dashboard_icon(req);
  CHECK(res.result() == beast_http::status::ok);
  CHECK(res[beast_http::field::content_type] == "image/svg+xml");
  CHECK(res["X-Content-Type-Options"] == "nosniff");
  CHECK(res.body().starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(std::string(http::kDashboardHtml).find("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/dashboard/icon.svg\">") !=
        std::string::npos);
}
