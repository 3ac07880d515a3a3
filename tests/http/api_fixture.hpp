#pragma once
// Test support for http/: make_api_handler() over a Service on a database in
// memory and the demo team (its files only read), with a clock the test sets.
// Requests go in, responses come out: what a client sees, without sockets or
// files. (SQLite itself is tested in tests/store.)

#include <yhteisaika/http/api.hpp>
#include <yhteisaika/service/seams.hpp>

#include <yhteisaika/store/memory_store.hpp>

#include "../support/memory_database.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace yhteisaika::test {

namespace beast_http = http::beast_http;

// Monday 2026-11-23 09:00 in Helsinki.
inline const time::Instant kMonday =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{7};

struct ApiFixture {
  std::shared_ptr<store::MemoryDatabase> database = std::make_shared<store::MemoryDatabase>();
  time::Instant now = kMonday;
  std::unique_ptr<service::Service> service;
  http::Metrics metrics;
  std::ostringstream log;
  http::Logger logger{log};
  http::Handler handler;
  service::StoreFactory open_store;  // the service's database, for the test's own connections

  // `seams`: fakes for the service (a fetcher, ...); its clock is the fixture's,
  // and its store the fixture's database in memory unless `seams` names one.
  // `config`: the demo team's calendars (only read) unless it says otherwise.
  explicit ApiFixture(service::Seams seams = {}, config::Config config = demo_config()) {
    seams.clock = [this] { return now; };
    if (!seams.open_store) seams.open_store = memory_store_of(database);
    open_store = seams.open_store;
    auto opened = service::Service::open(config, std::move(seams));
    REQUIRE(opened.has_value());
    service = std::move(*opened);
    handler = http::make_api_handler(*service, metrics, logger, "{}");
  }
  static config::Config demo_config() {
    config::Config c;
    c.calendars_dir = std::string(YHTEISAIKA_SOURCE_DIR) + "/calendars";
    return c;
  }
  ~ApiFixture() {
    handler = nullptr;
    service.reset();
  }

  // One more connection to the service's database (as a CLI would open).
  std::unique_ptr<store::Store> store() const {
    auto opened = open_store();
    REQUIRE(opened.has_value());
    return std::move(*opened);
  }
  std::string token(store::TokenRole role) const {
    auto issued = store()->issue_token("api-test", role, {"test", now});
    REQUIRE(issued.has_value());
    return issued->secret;
  }
  // The path of a new feed URL of `who` (the old one stops working).
  std::string feed_path(const std::string& who) const {
    auto secret = store()->rotate_feed_secret(ParticipantId{who}, {"test", now});
    REQUIRE(secret.has_value());
    return "/feeds/" + *secret + ".ics";
  }

  // A meeting of laakari-korhonen and psykologi-makela booked by `who` as the
  // service books it (the solver's slot).
  store::Meeting book_two(const std::string& who = "api-test") {
    service::BookInput in;
    in.solve.required = {ParticipantId{"laakari-korhonen"}, ParticipantId{"psykologi-makela"}};
    in.case_ref = CaseRef{"YA-2026-0100"};
    auto booked = service->booking().book(in, {who, store::TokenRole::coordinator});
    REQUIRE(booked.has_value());
    return *booked;
  }
  // Turns the oldest mail notice into one queued message to `to` of `meeting`
  // (whose answer links use `answer_secret`), as the mailer would.
  void queue_mail(const store::Meeting& meeting, const std::string& to, const std::string& answer_secret = {}) {
    auto db = store();
    auto notices = db->mail_notices(10);
    REQUIRE(notices.has_value());
    REQUIRE_FALSE(notices->empty());
    const store::OutgoingMail mail{meeting.id, meeting.sequence, ParticipantId{to}, to + "@example.fi", "REQUEST",
                                   "Kutsu", "text", answer_secret, ""};
    REQUIRE(db->enqueue_mail(notices->front().id, {mail}, now).has_value());
  }

  http::Response request(beast_http::verb method, const std::string& target, std::string body = {},
                         std::string_view bearer = {},
                         std::vector<std::pair<beast_http::field, std::string>> headers = {}) {
    http::Request req{method, target, 11};
    req.set(beast_http::field::host, "test");
    if (!bearer.empty()) req.set(beast_http::field::authorization, "Bearer " + std::string(bearer));
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = std::move(body);
    req.prepare_payload();
    return handler(req);
  }
  http::Response get(const std::string& target, std::vector<std::pair<beast_http::field, std::string>> headers = {},
                     std::string_view bearer = {}) {
    return request(beast_http::verb::get, target, {}, bearer, std::move(headers));
  }
};

// The response body as a JSON object (a test failure when it is not one).
inline boost::json::object body_of(const http::Response& res) {
  boost::system::error_code ec;
  auto v = boost::json::parse(res.body(), ec);
  INFO(res.body());
  REQUIRE_FALSE(ec);
  REQUIRE(v.is_object());
  return v.as_object();
}

inline service::BookInput booking_of(std::vector<std::string> ids, std::string case_ref) {
  service::BookInput in;
  for (auto& id : ids) in.solve.required.push_back(ParticipantId{std::move(id)});
  in.solve.duration = std::chrono::minutes{60};
  in.case_ref = CaseRef{std::move(case_ref)};
  return in;
}

}  // namespace yhteisaika::test
