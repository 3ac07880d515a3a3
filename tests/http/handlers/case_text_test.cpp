// The text rules of cases, participants and rooms: identity codes, one line, lengths, ids, addresses.
#include "../../../src/http/handlers/case_text.hpp"

#include <yhteisaika/privacy/errc.hpp>
#include <yhteisaika/service/errc.hpp>

#include <catch2/catch.hpp>

#include <regex>

using namespace yhteisaika;

TEST_CASE("one-line text refuses an identity code first, then emptiness, control characters and length",
          "[http][handlers][cases]") {
  CHECK_FALSE(http::one_line_text_error("Äiti", "label", 200, true).has_value());
  CHECK_FALSE(http::one_line_text_error("", "location", 500, false).has_value());
  auto code = http::one_line_text_error("x\n131052-308T", "label", 4, true);
  REQUIRE(code.has_value());
  CHECK(code->code == privacy::Errc::identity_code);
  CHECK(code->where.field == "label");
  CHECK(http::one_line_text_error("", "label", 200, true)->code == service::Errc::invalid_value);
  CHECK(http::one_line_text_error("a\x7f", "label", 200, true)->message == "label is one line without control characters");
  // Characters, not bytes: 200 ä's are 400 bytes and allowed.
  std::string two_hundred;
  for (int i = 0; i < 200; ++i) two_hundred += "ä";
  CHECK_FALSE(http::one_line_text_error(two_hundred, "label", 200, true).has_value());
  CHECK(http::one_line_text_error(two_hundred + "ä", "label", 200, true)->message ==
        "label is at most 200 characters, got 201");
}

TEST_CASE("a case reference is checked as meetings check it", "[http][handlers][cases]") {
  const std::regex pattern("[A-Za-z0-9-]*[0-9][A-Za-z0-9-]*");
  CHECK_FALSE(http::case_ref_error(CaseRef{"YA-2026-0042"}, pattern).has_value());
  CHECK(http::case_ref_error(CaseRef{"Matti"}, pattern)->where.field == "case_ref");
  CHECK(http::case_ref_error(CaseRef{"131052-308T"}, pattern)->code == privacy::Errc::identity_code);
  CHECK(http::case_ref_error(CaseRef{""}, pattern)->code == service::Errc::invalid_value);
  // A stricter deployment's pattern is the one that counts.
  const std::regex strict("YA-[0-9]{4}-[0-9]{4}");
  CHECK(http::case_ref_error(CaseRef{"X-1"}, strict).has_value());
  CHECK_FALSE(http::case_ref_error(CaseRef{"YA-2026-0001"}, strict).has_value());
}

TEST_CASE("an id is letters, digits, dash, underscore and dot", "[http][handlers][cases]") {
  for (std::string_view ok : {"nh2", "Neuvotteluhuone_2", "huone-2.b"}) CHECK_FALSE(http::id_error(ok, "id"));
  for (std::string_view bad : {"", "huone 2", "../x", "huone/2", "hüone"}) {
    CAPTURE(bad);
    auto e = http::id_error(bad, "rooms[0]");
    REQUIRE(e.has_value());
    CHECK(e->where.field == "rooms[0]");
  }
  CHECK(http::id_error(std::string(201, 'a'), "id").has_value());
}

TEST_CASE("an e-mail address is plain and holds no identity code", "[http][handlers][cases]") {
  CHECK_FALSE(http::email_error("aiti@example.fi", "email").has_value());
  CHECK(http::email_error("Äiti <aiti@example.fi>", "email")->code == service::Errc::invalid_value);
  CHECK(http::email_error("131052-308T@example.fi", "email")->code == privacy::Errc::identity_code);
}
