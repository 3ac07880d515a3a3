// Every error a request can meet has its HTTP status: no enumerator falls
// through to 500 by omission.
#include <yhteisaika/calendar/errc.hpp>
#include <yhteisaika/cases/errc.hpp>
#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/http/errors.hpp>
#include <yhteisaika/mail/errc.hpp>
#include <yhteisaika/mailbox/errc.hpp>
#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/store/errc.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace yhteisaika;
using boost::beast::http::status;

TEST_CASE("every error code maps to its status and code", "[http][errors]") {
  struct Row {
    std::error_code code;
    status expected;
    const char* name;
  };
  const Row rows[] = {
      {http::Errc::bad_json, status::bad_request, "bad_json"},
      {http::Errc::bad_request, status::bad_request, "bad_request"},
      {http::Errc::not_found, status::not_found, "not_found"},
      {http::Errc::method_not_allowed, status::method_not_allowed, "method_not_allowed"},
      {http::Errc::too_large, status::payload_too_large, "too_large"},
      {service::Errc::unknown_attendee, status::unprocessable_entity, "unknown_attendee"},
      {service::Errc::invalid_value, status::unprocessable_entity, "invalid_value"},
      {service::Errc::no_slot, status::conflict, "no_slot"},
      {service::Errc::calendar_unavailable, status::service_unavailable, "calendar_unavailable"},
      {service::Errc::unauthorized, status::unauthorized, "unauthorized"},
      {service::Errc::forbidden, status::forbidden, "forbidden"},
      {service::Errc::not_found, status::not_found, "not_found"},
      {service::Errc::nothing_to_do, status::conflict, "nothing_to_do"},
      {store::Errc::not_found, status::not_found, "not_found"},
      {store::Errc::slot_taken, status::conflict, "slot_taken"},
      {store::Errc::invalid_argument, status::unprocessable_entity, "invalid_value"},
      {store::Errc::not_scheduled, status::conflict, "not_scheduled"},
      {store::Errc::schema_too_new, status::service_unavailable, "database"},
      {store::Errc::database, status::service_unavailable, "database"},
      {store::Errc::already_exists, status::conflict, "exists"},
      {store::Errc::busy, status::service_unavailable, "database_busy"},
      {store::Errc::conflict, status::conflict, "conflict"},
      {store::Errc::not_held, status::conflict, "not_held"},
      {store::Errc::case_closed, status::conflict, "case_closed"},
      {privacy::Errc::identity_code, status::unprocessable_entity, "identity_code"},
      {std::make_error_code(std::errc::invalid_argument), status::unprocessable_entity, "invalid_value"},
      {cases::Errc::unknown_word, status::unprocessable_entity, "unknown_word"},
      {cases::Errc::invalid_value, status::unprocessable_entity, "invalid_value"},
      {cases::Errc::stage_move, status::conflict, "stage_move"},
      {cases::Errc::case_closed, status::conflict, "case_closed"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.code.message());
    CHECK(http::http_error(row.code).status == row.expected);
    CHECK(http::http_error(row.code).code == row.name);
  }
  // Calendar and source failures are the server's trouble: 503, never "free".
  for (int e = 1; e <= 6; ++e) {
    CHECK(http::http_error(calendar::Errc(e)).status == status::service_unavailable);
  }
  for (int e = 1; e <= 4; ++e) CHECK(http::http_error(sources::Errc(e)).status == status::service_unavailable);
  for (int e = 1; e <= 3; ++e) CHECK(http::http_error(mailbox::Errc(e)).status == status::service_unavailable);
  for (int e = 1; e <= 3; ++e) CHECK(http::http_error(mail::Errc(e)).status == status::unprocessable_entity);
  CHECK(http::http_error(std::make_error_code(std::errc::io_error)).status == status::internal_server_error);
}

TEST_CASE("an error response is JSON naming the field", "[http][errors]") {
  auto res = http::error_response(Error{service::Errc::unknown_attendee, "no professional x",
                                        Location::at_field("required[0]")}, 11, true);
  CHECK(res.result() == status::unprocessable_entity);
  CHECK(res[boost::beast::http::field::content_type] == "application/json");
  auto body = boost::json::parse(res.body()).as_object();
  CHECK(body.at("error") == "unknown_attendee");
  CHECK(body.at("detail") == "no professional x");
  CHECK(body.at("field") == "required[0]");

  auto unauthorized = http::error_response(Error{service::Errc::unauthorized, "token needed", {}}, 11, true);
  CHECK(unauthorized[boost::beast::http::field::www_authenticate] == "Bearer");
  CHECK_FALSE(boost::json::parse(unauthorized.body()).as_object().contains("field"));
}
