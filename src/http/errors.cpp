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

#include "responses.hpp"

namespace yhteisaika::http {

namespace {

using boost::beast::http::status;

class HttpCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.http"; }
  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::bad_json:
        return "the body is not well-formed JSON";
      case Errc::bad_request:
        return "bad request";
      case Errc::not_found:
        return "not found";
      case Errc::method_not_allowed:
        return "method not allowed";
      case Errc::too_large:
        return "the body is too large";
    }
    return "unknown http error " + std::to_string(value);
  }
};

HttpError from(Errc e) {
  switch (e) {
    case Errc::bad_json:
      return {status::bad_request, "bad_json"};
    case Errc::bad_request:
      return {status::bad_request, "bad_request"};
    case Errc::not_found:
      return {status::not_found, "not_found"};
    case Errc::method_not_allowed:
      return {status::method_not_allowed, "method_not_allowed"};
    case Errc::too_large:
      return {status::payload_too_large, "too_large"};
  }
  return {status::internal_server_error, "internal"};
}

HttpError from(service::Errc e) {
  switch (e) {
    case service::Errc::unknown_attendee:
      return {status::unprocessable_entity, "unknown_attendee"};
    case service::Errc::invalid_value:
      return {status::unprocessable_entity, "invalid_value"};
    case service::Errc::no_slot:
      return {status::conflict, "no_slot"};
    case service::Errc::calendar_unavailable:
      return {status::service_unavailable, "calendar_unavailable"};
    case service::Errc::unauthorized:
      return {status::unauthorized, "unauthorized"};
    case service::Errc::forbidden:
      return {status::forbidden, "forbidden"};
    case service::Errc::not_found:
      return {status::not_found, "not_found"};
    case service::Errc::nothing_to_do:
      return {status::conflict, "nothing_to_do"};
  }
  return {status::internal_server_error, "internal"};
}

HttpError from(store::Errc e) {
  switch (e) {
    case store::Errc::not_found:
      return {status::not_found, "not_found"};
    case store::Errc::slot_taken:
      return {status::conflict, "slot_taken"};
    case store::Errc::invalid_argument:
      return {status::unprocessable_entity, "invalid_value"};
    case store::Errc::not_scheduled:
      return {status::conflict, "not_scheduled"};
    case store::Errc::already_exists:
      return {status::conflict, "exists"};
    case store::Errc::schema_too_new:
    case store::Errc::database:
      return {status::service_unavailable, "database"};
    case store::Errc::busy:
      // Another process held the write lock for the whole busy timeout: try again.
      return {status::service_unavailable, "database_busy"};
    case store::Errc::conflict:
      return {status::conflict, "conflict"};
    case store::Errc::not_held:
      return {status::conflict, "not_held"};
    case store::Errc::case_closed:
      return {status::conflict, "case_closed"};
  }
  return {status::internal_server_error, "internal"};
}

HttpError from(privacy::Errc e) {
  switch (e) {
    case privacy::Errc::identity_code:
      return {status::unprocessable_entity, "identity_code"};
  }
  return {status::internal_server_error, "internal"};
}

// The case's rules: a word or value the caller sent is theirs to fix (422); a
// move the case's stages do not allow, or a change to a closed case, conflicts
// with the case as it is (409).
HttpError from(cases::Errc e) {
  switch (e) {
    case cases::Errc::unknown_word:
      return {status::unprocessable_entity, "unknown_word"};
    case cases::Errc::invalid_value:
      return {status::unprocessable_entity, "invalid_value"};
    case cases::Errc::stage_move:
      return {status::conflict, "stage_move"};
    case cases::Errc::case_closed:
      return {status::conflict, "case_closed"};
  }
  return {status::internal_server_error, "internal"};
}

// A calendar that cannot be read is the server's trouble, not the caller's.
HttpError from(sources::Errc) { return {status::service_unavailable, "calendar_unavailable"}; }
HttpError from(calendar::Errc) { return {status::service_unavailable, "calendar_unavailable"}; }
// A mail server that cannot be reached or refuses is the server's trouble too;
// a received message that cannot be read was sent to us, never by a caller.
HttpError from(mailbox::Errc) { return {status::service_unavailable, "mail_unavailable"}; }
HttpError from(mail::Errc) { return {status::unprocessable_entity, "bad_message"}; }

}  // namespace

const std::error_category& http_category() noexcept {
  static const HttpCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), http_category()}; }

HttpError http_error(const std::error_code& code) {
  const auto& cat = code.category();
  if (cat == http_category()) return from(static_cast<Errc>(code.value()));
  if (cat == service::service_category()) return from(static_cast<service::Errc>(code.value()));
  if (cat == store::store_category()) return from(static_cast<store::Errc>(code.value()));
  if (cat == privacy::privacy_category()) return from(static_cast<privacy::Errc>(code.value()));
  if (cat == sources::sources_category()) return from(static_cast<sources::Errc>(code.value()));
  if (cat == calendar::calendar_category()) return from(static_cast<calendar::Errc>(code.value()));
  if (cat == mailbox::mailbox_category()) return from(static_cast<mailbox::Errc>(code.value()));
  if (cat == mail::mail_category()) return from(static_cast<mail::Errc>(code.value()));
  if (cat == cases::cases_category()) return from(static_cast<cases::Errc>(code.value()));
  // time::parse_user_time reports a malformed or impossible time this way.
  if (code == std::errc::invalid_argument) return {status::unprocessable_entity, "invalid_value"};
  return {status::internal_server_error, "internal"};
}

Response error_response(const Error& error, unsigned version, bool keep_alive) {
  const HttpError mapped = http_error(error.code);
  // A refusal (4xx) names the field of the request at fault. A server's failure
  // names none: its location is the server's own (a file, a database), and
  // Error::internal is for the log only (error_reply.hpp): neither is in the body.
  const bool refusal = static_cast<unsigned>(mapped.status) < 500;
  Response res = error_body_response({mapped.status, mapped.code, error.message, refusal ? error.where.field : ""},
                                     version, keep_alive);
  if (mapped.status == status::unauthorized) res.set(boost::beast::http::field::www_authenticate, "Bearer");
  return res;
}

}  // namespace yhteisaika::http
