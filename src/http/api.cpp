#include <yhteisaika/http/api.hpp>

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/ascii.hpp>
#include <yhteisaika/http/errors.hpp>
#include <yhteisaika/http/http_date.hpp>
#include <yhteisaika/http/json_text.hpp>
#include <yhteisaika/http/routes.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "answer_page.hpp"
#include "dashboard.hpp"
#include "csv.hpp"
#include "request_fields.hpp"

#include <boost/json.hpp>

#include <array>
#include <atomic>
#include <charconv>
#include <cmath>

namespace yhteisaika::http {

namespace {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

json::array ids_json(const std::vector<ParticipantId>& ids) {
  json::array a;
  for (const auto& id : ids) a.emplace_back(id.value);
  return a;
}

// "Bearer <token>" -> the token; the scheme is case-insensitive (RFC 7235).
std::string bearer_token(const Request& req) {
  auto it = req.find(field::authorization);
  if (it == req.end()) return {};
  std::string_view value = it->value();
  if (value.size() < 7) return {};
  std::string scheme(value.substr(0, 7));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  value.remove_prefix(7);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return std::string(value);
}

class Api {
 public:
  Api(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi)
      : service_(service),
        metrics_(metrics),
        logger_(logger),
        openapi_(std::move(openapi)),
        bookings_(metrics.counter("yhteisaika_bookings_total", "Meetings booked")),
        conflicts_(metrics.counter("yhteisaika_booking_conflicts_total", "Bookings answered 409")),
        solves_(metrics.counter("yhteisaika_solves_total", "Solves answered (POST /api/v1/solve)")),
        feed_hits_(metrics.counter("yhteisaika_feed_hits_total", "Feed requests answered 200 from the cache")),
        feed_not_modified_(metrics.counter("yhteisaika_feed_not_modified_total", "Feed requests answered 304")) {}

  Response operator()(const Request& req) {
    const std::string_view target = req.target();
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query = question == std::string_view::npos ? "" : target.substr(question + 1);

    auto route = http::route(req.method(), path);
    if (!route) return error(req, route.error());
    // Per-route figures for /metrics (the server counts all requests itself).
    const auto started = std::chrono::steady_clock::now();
    Response res = handle(req, *route, query);
    route_stats(*route).observe(res.result_int(), std::chrono::steady_clock::now() - started);
    return res;
  }

  // The route's stats, looked up once per endpoint: no lock on the hot path.
  Metrics::RouteStats& route_stats(const Route& route) {
    auto& slot = route_stats_.at(static_cast<std::size_t>(route.endpoint));
    Metrics::RouteStats* stats = slot.load(std::memory_order_acquire);
    if (!stats) {
      stats = &metrics_.route(route.name);  // the same object for every caller
      slot.store(stats, std::memory_order_release);
    }
    return *stats;
  }

 private:
  Response handle(const Request& req, const Route& route, std::string_view query) {
    std::optional<service::Actor> actor;
    if (!route.access.is_public) {
      auto token = service_.authenticate(bearer_token(req));
      if (!token) return error(req, token.error());
      if (!route.access.allows(token->role)) {
        return error(req, Error{service::Errc::forbidden,
                                std::string("a ") + store::to_string(token->role) + " token may not do this",
                                {}});
      }
      actor = service::Actor{token->name, token->role};
    }
    auto answer = dispatch(req, route, actor, query);
    if (!answer) return error(req, answer.error());
    return std::move(*answer);
  }

  Result<Response> dispatch(const Request& req, const Route& route, const std::optional<service::Actor>& actor,
                            std::string_view query) {
    switch (route.endpoint) {
      case Endpoint::healthz:
        return json_response(req, status::ok, json::object{{"status", "ok"}});
      case Endpoint::metrics:
        return text_response(req, status::ok, "text/plain; version=0.0.4; charset=utf-8",
                             metrics_.render_prometheus());
      case Endpoint::openapi:
        return text_response(req, status::ok, "application/json", openapi_);
      case Endpoint::feed:
        return feed(req, route.param);
      case Endpoint::list_professionals:
        return list_professionals(req, *actor);
      case Endpoint::get_professional: {
        auto p = service_.professional(ParticipantId{route.param});
        if (!p) return p.error();
        return json_response(req, status::ok, professional_json(*p, *actor));
      }
      case Endpoint::create_professional:
        return create_professional(req, *actor);
      case Endpoint::update_professional:
        return update_professional(req, route.param, *actor);
      case Endpoint::rotate_feed_secret: {
        auto secret = service_.rotate_feed_secret(ParticipantId{route.param}, *actor);
        if (!secret) return secret.error();
        return json_response(req, status::ok, json::object{{"feed_url", feed_url(req, *secret)}});
      }
      case Endpoint::solve:
        return solve(req);
      case Endpoint::book_meeting:
        return book(req, *actor);
      case Endpoint::list_meetings:
        return list_meetings(req, query);
      case Endpoint::get_meeting: {
        auto id = meeting_id(route.param);
        if (!id) return id.error();
        return meeting_response(req, status::ok, service_.meeting(*id));
      }
      case Endpoint::reschedule_meeting:
        return reschedule(req, route.param, *actor);
      case Endpoint::cancel_meeting: {
        auto id = meeting_id(route.param);
        if (!id) return id.error();
        auto cancelled = service_.cancel(*id, *actor);
        if (cancelled) logger_.info("meeting cancelled", {{"meeting", id->value}, {"actor", actor->audit_name()}});
        return meeting_response(req, status::ok, std::move(cancelled));
      }
      case Endpoint::meeting_invite: {
        auto id = meeting_id(route.param);
        if (!id) return id.error();
        auto invite = service_.invite(*id);
        if (!invite) return invite.error();
        return text_response(req, status::ok, "text/calendar; charset=utf-8; method=" + invite->method,
                             std::move(invite->text));
      }
      case Endpoint::utilisation:
        return utilisation(req, query);
      case Endpoint::audit:
        return audit(req, query);
      case Endpoint::list_sources: {
        auto rows = service_.sources();
        if (!rows) return rows.error();
        json::array list;
        for (const auto& row : *rows) list.push_back(source_json(row));
        return json_response(req, status::ok, json::object{{"sources", std::move(list)}});
      }
      case Endpoint::refresh_source: {
        auto row = service_.refresh_source(ParticipantId{route.param});
        if (!row) return row.error();
        logger_.info("calendar refreshed", {{"professional", route.param}, {"actor", actor->audit_name()}});
        return json_response(req, status::ok, source_json(*row));
      }
      case Endpoint::outbox:
        return outbox(req, query);
      case Endpoint::answer_page:
        return answer(req, route.param, query, false);
      case Endpoint::answer:
        return answer(req, route.param, query, true);
      case Endpoint::dashboard:
        return dashboard_page(req);
      case Endpoint::dashboard_js:
        return dashboard_script(req);
      case Endpoint::dashboard_css:
        return dashboard_style(req);
      case Endpoint::dashboard_icon:
        return dashboard_icon(req);
    }
    return Error{Errc::not_found, "no such endpoint", {}};
  }

  // --- responses ------------------------------------------------------------

  Response error(const Request& req, const Error& e) {
    const auto mapped = http_error(e.code);
    if (mapped.status == status::conflict) conflicts_.fetch_add(1, std::memory_order_relaxed);
    if (mapped.status == status::internal_server_error || mapped.status == status::service_unavailable) {
      logger_.error("request failed", {{"error", mapped.code}, {"detail", e.to_string()}});
    }
    return error_response(e, req.version(), req.keep_alive());
  }

  static Response text_response(const Request& req, status s, std::string_view content_type, std::string body) {
    Response res{s, req.version()};
    res.set(field::content_type, content_type);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
  }

  static Response json_response(const Request& req, status s, const json::value& body) {
    return text_response(req, s, "application/json", json_text(body));
  }

  // On the configured public URL; without one, on the address the client used.
  std::string feed_url(const Request& req, const std::string& secret) const {
    std::string base = service_.config().base_url;
    if (base.empty()) {
      auto host = req.find(field::host);
      base = "http://" + (host == req.end() ? std::string("localhost") : std::string(host->value()));
    }
    return base + "/feeds/" + secret + ".ics";
  }

  std::string when_text(time::Instant t) const { return time::format_rfc3339(t, service_.zone()); }

  // --- professionals ----------------------------------------------------------

  static json::object professional_json(const store::Professional& p, const service::Actor& actor) {
    json::object o{{"id", p.id.value},
                   {"name", p.name},
                   {"profession", p.profession},
                   {"unit", p.unit},
                   {"email", p.email}};
    if (actor.role == store::TokenRole::admin) o["calendar_source"] = p.calendar_source;
    return o;
  }

  Result<Response> list_professionals(const Request& req, const service::Actor& actor) {
    auto people = service_.professionals();
    if (!people) return people.error();
    json::array list;
    for (const auto& p : *people) list.push_back(professional_json(p, actor));
    return json_response(req, status::ok, json::object{{"professionals", std::move(list)}});
  }

  // Reads the professional's editable fields over `p`; every one is optional.
  static void read_professional_fields(Fields& fields, store::Professional& p) {
    if (auto v = fields.text("name")) p.name = *v;
    if (auto v = fields.text("profession")) p.profession = *v;
    if (auto v = fields.text("unit")) p.unit = *v;
    if (auto v = fields.text("email")) p.email = *v;
    if (auto v = fields.text("calendar_source")) p.calendar_source = *v;
  }

  Result<Response> create_professional(const Request& req, const service::Actor& actor) {
    auto body = parse_json_object(req.body());
    if (!body) return body.error();
    Fields fields(*body);
    store::Professional p;
    p.id = ParticipantId{fields.required_text("id")};
    p.name = fields.required_text("name");
    read_professional_fields(fields, p);
    if (auto e = fields.finish()) return *e;
    if (p.calendar_source.empty()) p.calendar_source = p.id.value;
    for (char c : p.id.value) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
        return Error{service::Errc::invalid_value, "an id uses letters a-z, digits, '-', '_' and '.'", "id"};
      }
    }
    if (p.id.value.empty()) return Error{service::Errc::invalid_value, "an id cannot be empty", "id"};
    auto secret = service_.create_professional(p, actor);
    if (!secret) return secret.error();
    json::object o = professional_json(p, actor);
    o["feed_url"] = feed_url(req, *secret);
    auto res = json_response(req, status::created, o);
    res.set(field::location, "/api/v1/professionals/" + p.id.value);
    return res;
  }

  Result<Response> update_professional(const Request& req, const std::string& id, const service::Actor& actor) {
    auto body = parse_json_object(req.body());
    if (!body) return body.error();
    auto p = service_.professional(ParticipantId{id});
    if (!p) return p.error();
    Fields fields(*body);
    read_professional_fields(fields, *p);
    if (auto e = fields.finish()) return *e;
    auto updated = service_.update_professional(*p, actor);
    if (!updated) return updated.error();
    return json_response(req, status::ok, professional_json(*updated, actor));
  }

  // --- solving and booking ----------------------------------------------------

  service::SolveInput read_solve_input(Fields& fields) const {
    service::SolveInput input;
    input.required = fields.ids("required", true);
    input.optional = fields.ids("optional", false);
    input.from = fields.instant("from", service_.zone());
    if (auto days = fields.integer("days")) {
      // Out-of-range values are the service's to refuse; keep them out of int's range trouble.
      input.days = *days < 1 || *days > 10'000 ? -1 : static_cast<int>(*days);
    }
    if (auto minutes = fields.integer("duration_minutes")) {
      input.duration = std::chrono::minutes{*minutes < 1 || *minutes > 100'000 ? -1 : *minutes};
    }
    if (auto strategy = read_strategy(fields)) input.strategy = *strategy;
    return input;
  }

  static std::optional<solve::Strategy> read_strategy(Fields& fields) {
    auto text = fields.text("strategy");
    if (!text) return std::nullopt;
    auto parsed = solve::parse_strategy(*text);
    if (!parsed) fields.fail(Error{service::Errc::invalid_value, "strategy is hole-first or earliest", "strategy"});
    return parsed;
  }

  json::object slot_json(const solve::Slot& slot) const {
    return {{"start", when_text(slot.time.start)}, {"end", when_text(slot.time.end)}, {"in_hole", slot.in_hole}};
  }

  Result<Response> solve(const Request& req) {
    auto body = parse_json_object(req.body());
    if (!body) return body.error();
    Fields fields(*body);
    auto input = read_solve_input(fields);
    if (auto e = fields.finish()) return *e;
    auto solution = service_.solve(input);
    if (!solution) return solution.error();
    solves_.fetch_add(1, std::memory_order_relaxed);
    const auto& answer = solution->answer;
    json::object o;
    json::array alternatives;
    for (const auto& slot : answer.alternatives) alternatives.push_back(slot_json(slot));
    if (answer.chosen) {
      o = slot_json(*answer.chosen);
      o["optional_free"] = ids_json(answer.optional_free);
      o["optional_busy"] = ids_json(answer.optional_busy);
    } else {
      o["start"] = nullptr;
      o["reason"] = answer.reason;
      o["without_free_time"] = ids_json(answer.without_free_time);
    }
    o["strategy"] = solve::to_string(solution->strategy);
    o["required"] = ids_json(solution->required);
    o["alternatives"] = std::move(alternatives);
    o["window"] = json::object{{"from", when_text(solution->window.start)}, {"to", when_text(solution->window.end)}};
    o["stale"] = stale_json(input.required, input.optional);
    return json_response(req, status::ok, o);
  }

  Result<Response> book(const Request& req, const service::Actor& actor) {
    auto body = parse_json_object(req.body());
    if (!body) return body.error();
    Fields fields(*body);
    service::BookInput input;
    input.solve = read_solve_input(fields);
    input.case_ref = CaseRef{fields.required_text("case_ref")};
    input.start = fields.instant("start", service_.zone());
    input.title = fields.text("title").value_or("");
    input.location = fields.text("location").value_or("");
    input.description = fields.text("description").value_or("");
    if (auto coordinator = fields.text("coordinator")) input.coordinator = ParticipantId{*coordinator};
    input.identified_on = fields.date("identified_on");
    if (auto e = fields.finish()) return *e;
    auto booked = service_.book(input, actor);
    if (!booked) return booked.error();
    bookings_.fetch_add(1, std::memory_order_relaxed);
    logger_.info("meeting booked", {{"meeting", booked->id.value}, {"actor", actor.audit_name()}});
    auto by_id = people();
    if (!by_id) return by_id.error();
    json::object o = meeting_json(*booked, *by_id);
    o["stale"] = stale_json(input.solve.required, input.solve.optional);
    auto res = json_response(req, status::created, o);
    res.set(field::location, "/api/v1/meetings/" + std::to_string(booked->id.value));
    return res;
  }

  // Calendars answered from a stale copy: "since" is when that copy was read.
  json::array stale_json(const std::vector<ParticipantId>& required, const std::vector<ParticipantId>& optional) {
    std::vector<ParticipantId> ids = required;
    ids.insert(ids.end(), optional.begin(), optional.end());
    json::array out;
    for (const auto& row : service_.stale_calendars(ids)) {
      out.push_back(json::object{{"id", row.id.value},
                                 {"since", row.last_success ? json::value(when_text(*row.last_success)) : nullptr},
                                 {"error", row.last_error}});
    }
    return out;
  }

  json::object source_json(const service::SourceStatus& row) const {
    const auto when = [&](const std::optional<time::Instant>& t) { return t ? json::value(when_text(*t)) : nullptr; };
    return {{"id", row.id.value},
            {"kind", std::string(sources::to_string(row.kind))},
            {"location", row.location},
            {"last_success", when(row.last_success)},
            {"last_attempt", when(row.last_attempt)},
            {"last_error", row.last_error.empty() ? json::value(nullptr) : json::value(row.last_error)},
            {"etag", row.etag.empty() ? json::value(nullptr) : json::value(row.etag)},
            {"stale", row.stale},
            {"unknown", row.unknown}};
  }

  Result<Response> reschedule(const Request& req, const std::string& param, const service::Actor& actor) {
    auto id = meeting_id(param);
    if (!id) return id.error();
    auto body = parse_json_object(req.body().empty() ? std::string_view("{}") : std::string_view(req.body()));
    if (!body) return body.error();
    Fields fields(*body);
    service::RescheduleInput input;
    input.start = fields.instant("start", service_.zone());
    input.from = fields.instant("from", service_.zone());
    if (auto days = fields.integer("days")) input.days = *days < 1 || *days > 10'000 ? -1 : static_cast<int>(*days);
    input.strategy = read_strategy(fields);
    input.without = fields.ids("without", false);
    input.without_declined = fields.boolean("without_declined").value_or(false);
    if (auto e = fields.finish()) return *e;
    auto moved = service_.reschedule(*id, input, actor);
    if (moved) {
      logger_.info("meeting rescheduled",
                   {{"meeting", id->value}, {"sequence", moved->sequence}, {"actor", actor.audit_name()}});
    }
    return meeting_response(req, status::ok, std::move(moved));
  }

  static Result<store::MeetingId> meeting_id(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
      return Error{Errc::not_found, "no meeting " + text, {}};
    }
    return store::MeetingId{value};
  }

  json::object meeting_json(const store::Meeting& m, const std::map<ParticipantId, store::Professional>& people) const {
    json::array attendees;
    for (const auto& a : m.attendees) {
      auto it = people.find(a.id);
      attendees.push_back(json::object{{"id", a.id.value},
                                       {"name", it == people.end() ? "" : it->second.name},
                                       {"profession", it == people.end() ? "" : it->second.profession},
                                       {"role", a.role == store::AttendeeRole::required ? "required" : "optional"},
                                       {"partstat", a.partstat},
                                       {"answered_at", a.answered_at ? json::value(when_text(*a.answered_at))
                                                                     : json::value(nullptr)}});
    }
    json::object o{{"id", m.id.value},
                   {"case_ref", m.case_ref.value},
                   {"start", when_text(m.when.start)},
                   {"end", when_text(m.when.end)},
                   {"in_hole", m.in_hole},
                   {"status", m.status == store::MeetingStatus::scheduled ? "scheduled" : "cancelled"},
                   {"sequence", m.sequence},
                   {"title", m.title},
                   {"location", m.location},
                   {"description", m.description},
                   {"attendees", std::move(attendees)},
                   {"invite_url", "/api/v1/meetings/" + std::to_string(m.id.value) + "/invite.ics"},
                   {"created_at", when_text(m.created_at)},
                   {"updated_at", when_text(m.updated_at)},
                   {"requested_at", when_text(m.requested_at)}};
    // A required attendee declined: the coordinator decides (reschedule with or without them).
    const auto declines = m.required_declines();
    o["required_declines"] = ids_json(declines);
    o["needs_attention"] = m.status == store::MeetingStatus::scheduled && !declines.empty();
    if (m.organizer) {
      o["coordinator"] = m.organizer->value;
    } else {
      o["coordinator"] = nullptr;
    }
    return o;
  }

  Result<std::map<ParticipantId, store::Professional>> people() {
    auto list = service_.professionals();
    if (!list) return list.error();
    std::map<ParticipantId, store::Professional> out;
    for (auto& p : *list) out.emplace(p.id, std::move(p));
    return out;
  }

  Result<Response> meeting_response(const Request& req, status s, Result<store::Meeting> m) {
    if (!m) return m.error();
    auto by_id = people();
    if (!by_id) return by_id.error();
    return json_response(req, s, meeting_json(*m, *by_id));
  }

  // from/to of a query: a date (its local midnight) or a time; defaults given.
  Result<time::Interval> query_window(const std::map<std::string, std::string>& q, time::Interval fallback) const {
    time::Interval window = fallback;
    for (auto [name, target] : {std::pair{"from", &window.start}, {"to", &window.end}}) {
      auto it = q.find(name);
      if (it == q.end()) continue;
      auto parsed = time::parse_user_time(it->second, service_.zone());
      if (!parsed) return Error{service::Errc::invalid_value, parsed.error().message, name};
      *target = *parsed;
    }
    if (window.end <= window.start) return Error{service::Errc::invalid_value, "to must be after from", "to"};
    return window;
  }

  Result<Response> list_meetings(const Request& req, std::string_view query) {
    const auto q = parse_query(query);
    const time::Instant now = service_.now();
    auto window = query_window(q, {now - std::chrono::days{366}, now + std::chrono::days{366}});
    if (!window) return window.error();
    std::optional<CaseRef> case_ref;
    if (auto it = q.find("case_ref"); it != q.end()) case_ref = CaseRef{it->second};
    bool declined = false;
    if (auto it = q.find("declined"); it != q.end()) {
      if (it->second != "true" && it->second != "false") {
        return Error{service::Errc::invalid_value, "declined is true or false", "declined"};
      }
      declined = it->second == "true";
    }
    auto meetings = service_.meetings(case_ref, *window, declined);
    if (!meetings) return meetings.error();
    auto by_id = people();
    if (!by_id) return by_id.error();
    json::array list;
    for (const auto& m : *meetings) list.push_back(meeting_json(m, *by_id));
    return json_response(req, status::ok, json::object{{"meetings", std::move(list)}});
  }

  // --- e-mail ------------------------------------------------------------------

  Result<Response> outbox(const Request& req, std::string_view query) {
    const auto q = parse_query(query);
    std::optional<store::MailStatus> status;
    if (auto it = q.find("status"); it != q.end()) {
      for (auto s : {store::MailStatus::queued, store::MailStatus::sent, store::MailStatus::failed}) {
        if (it->second == store::to_string(s)) status = s;
      }
      if (!status) return Error{service::Errc::invalid_value, "status is queued, sent or failed", "status"};
    }
    auto entries = service_.outbox(status, 500);
    if (!entries) return entries.error();
    const auto when = [&](const std::optional<time::Instant>& t) { return t ? json::value(when_text(*t)) : nullptr; };
    json::array list;
    for (const auto& e : *entries) {
      list.push_back(json::object{{"id", e.id},
                                  {"meeting", e.meeting.value},
                                  {"sequence", e.sequence},
                                  {"professional", e.participant.value},
                                  {"recipient", e.recipient},
                                  {"method", e.method},
                                  {"subject", e.subject},
                                  {"status", store::to_string(e.status)},
                                  {"attempts", e.attempts},
                                  {"created_at", when_text(e.created_at)},
                                  {"next_attempt_at", e.status == store::MailStatus::queued
                                                          ? json::value(when_text(e.next_attempt_at))
                                                          : json::value(nullptr)},
                                  {"sent_at", when(e.sent_at)},
                                  {"last_error", e.last_error.empty() ? json::value(nullptr) : json::value(e.last_error)}});
    }
    return json_response(req, status::ok, json::object{{"outbox", std::move(list)}});
  }

  // An invitee's answer link: GET shows the meeting and asks to confirm (mail
  // scanners open links, so a GET never changes anything); POST records it.
  // Pages, not JSON: a person opens them from their mail.
  Result<Response> answer(const Request& req, const std::string& secret, std::string_view query, bool record) {
    const auto q = record ? parse_query(req.body()) : parse_query(query);
    std::optional<std::string> partstat;
    if (auto it = q.find("answer"); it != q.end()) partstat = answer_partstat(it->second);
    if (record && !partstat) {
      return html_response(req, status::bad_request, render_answer_error(AnswerError::bad_answer));
    }
    auto seen = service_.answer_link(secret, record ? partstat : std::nullopt);
    if (!seen) {
      const bool unknown = http_error(seen.error().code).status == status::not_found;
      if (!unknown) return seen.error();
      return html_response(req, status::not_found, render_answer_error(AnswerError::unknown_link));
    }
    AnswerView view{seen->meeting, seen->attendee, seen->outcome, partstat, record, service_.zone()};
    const bool current = seen->outcome == store::AnswerOutcome::applied;
    return html_response(req, current ? status::ok : status::gone, render_answer_page(view));
  }

  static Response html_response(const Request& req, status s, std::string body) {
    auto res = text_response(req, s, "text/html; charset=utf-8", std::move(body));
    res.set(field::cache_control, "no-store");
    res.set("Referrer-Policy", "no-referrer");  // the secret is in the URL
    res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    return res;
  }

  // --- feeds, figures, audit ----------------------------------------------------

  // A feed: the text or, when the client takes it, its gzip (rendered once per
  // change, like the text); each with its own ETag, and the Last-Modified of the text.
  Result<Response> feed(const Request& req, const std::string& secret) {
    auto feed = service_.feed(secret);
    if (!feed) return feed.error();
    const auto& f = **feed;
    const bool gzipped = accepts_gzip(req[field::accept_encoding]);
    const std::string& etag = gzipped ? f.gzip_etag : f.etag;
    const auto validators = [&](Response& res) {
      res.set(field::etag, etag);
      res.set(field::last_modified, http_date(f.last_modified));
      res.set(field::vary, "Accept-Encoding");  // RFC 9110 §12.5.5: the coding follows Accept-Encoding
      res.set(field::cache_control, "private, max-age=300");
    };
    if (not_modified(req, etag, f.last_modified)) {
      feed_not_modified_.fetch_add(1, std::memory_order_relaxed);
      Response res{status::not_modified, req.version()};
      validators(res);
      res.keep_alive(req.keep_alive());
      return res;
    }
    feed_hits_.fetch_add(1, std::memory_order_relaxed);
    auto res = text_response(req, status::ok, "text/calendar; charset=utf-8", gzipped ? f.gzip : f.text);
    if (gzipped) res.set(field::content_encoding, "gzip");
    validators(res);
    res.set(field::content_disposition, "inline; filename=\"yhteisaika.ics\"");
    return res;
  }

  // RFC 9110 §13.2.2: If-None-Match decides when present (§13.1.2, weak
  // comparison); otherwise If-Modified-Since, when it is a valid date (§13.1.3),
  // is met by a representation not changed since.
  bool not_modified(const Request& req, std::string_view etag, time::Instant last_modified) const {
    if (auto inm = req.find(field::if_none_match); inm != req.end()) return etag_matches(inm->value(), etag);
    auto ims = req.find(field::if_modified_since);
    if (ims == req.end()) return false;
    auto since = parse_http_date(ims->value(), std::chrono::floor<std::chrono::seconds>(service_.now()));
    return since && last_modified <= *since;
  }

  // Whether the client takes gzip (RFC 9110 §12.5.3): "gzip" (or "x-gzip", or
  // "*" when gzip is not named) with a q above 0, and not below that of an
  // "identity" the client names. No header, or one without them: the text.
  static bool accepts_gzip(std::string_view header) {
    std::optional<double> gzip_q, any_q, identity_q;
    while (!header.empty()) {
      const auto comma = header.find(',');
      std::string_view item = header.substr(0, comma);
      header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
      const auto semicolon = item.find(';');
      const std::string coding = ascii_lower(trimmed(item.substr(0, semicolon)));
      double q = 1;
      for (std::string_view params = semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
           !params.empty();) {
        const auto next = params.find(';');
        const std::string_view param = trimmed(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
        if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') q = qvalue(param.substr(2));
      }
      if (coding == "gzip" || coding == "x-gzip") gzip_q = std::max(gzip_q.value_or(0), q);
      if (coding == "*") any_q = q;
      if (coding == "identity") identity_q = q;
    }
    const double q = gzip_q ? *gzip_q : any_q.value_or(0);
    return q > 0 && q >= identity_q.value_or(0);
  }

  // RFC 9110 §12.4.2 qvalue: "0" to "1" with up to three decimals; anything else counts as 0.
  static double qvalue(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > 1) return 0;
    return value;
  }

  static std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }

  // If-None-Match (RFC 9110 §13.1.2): "*" or a list of entity tags, compared
  // weakly (a proxy that compresses makes "x" into W/"x").
  static bool etag_matches(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
      auto comma = header.find(',');
      std::string_view tag = header.substr(0, comma);
      header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
      while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
      while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
      if (tag.starts_with("W/")) tag.remove_prefix(2);
      if (tag == "*" || tag == etag) return true;
    }
    return false;
  }

  // GET /api/v1/utilisation: figures for managers as JSON, or as CSV with
  // `Accept: text/csv` or `format=csv` (the same rows, then the totals row).
  Result<Response> utilisation(const Request& req, std::string_view query) {
    const auto q = parse_query(query);
    const auto today = std::chrono::sys_days{time::local_date(service_.now(), service_.zone())};
    report::Period period{today - std::chrono::weeks{8}, today + std::chrono::weeks{2}, std::nullopt,
                          report::GroupBy::week};
    for (auto [name, target] : {std::pair{"from", &period.from}, {"to", &period.to}}) {
      if (auto it = q.find(name); it != q.end()) {
        auto parsed = parse_date(it->second, name);
        if (!parsed) return parsed.error();
        *target = *parsed;
      }
    }
    if (auto it = q.find("unit"); it != q.end() && !it->second.empty()) period.unit = it->second;
    if (auto it = q.find("group_by"); it != q.end()) {
      auto group_by = group_by_named(it->second);
      if (!group_by) return group_by.error();
      period.group_by = *group_by;
    }
    auto csv = wants_csv(req, q);
    if (!csv) return csv.error();
    auto figures = service_.utilisation(period);
    if (!figures) return figures.error();
    if (*csv) {
      auto res = text_response(req, status::ok, "text/csv; charset=utf-8",
                               utilisation_csv(*figures, period.group_by));
      res.set(field::content_disposition, "attachment; filename=\"yhteisaika-utilisation-" +
                                              date_text(period.from) + "-" + date_text(period.to) + ".csv\"");
      return res;
    }
    return json_response(req, status::ok, utilisation_json(period, *figures));
  }

  static Result<report::GroupBy> group_by_named(std::string_view name) {
    if (name == "week") return report::GroupBy::week;
    if (name == "unit") return report::GroupBy::unit;
    if (name == "professional") return report::GroupBy::professional;
    return Error{service::Errc::invalid_value, "group_by is week, unit or professional", "group_by"};
  }

  // format=csv|json wins; otherwise an Accept header naming text/csv asks for CSV.
  static Result<bool> wants_csv(const Request& req, const std::map<std::string, std::string>& q) {
    if (auto it = q.find("format"); it != q.end()) {
      if (it->second == "csv") return true;
      if (it->second == "json") return false;
      return Error{service::Errc::invalid_value, "format is json or csv", "format"};
    }
    auto accept = req.find(field::accept);
    if (accept == req.end()) return false;
    std::string value(accept->value());
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value.find("text/csv") != std::string::npos;
  }

  // Percentages and days to two decimals, as the CSV gives them ("66.67", not
  // the 66.66666666666667 the division left).
  static double figure(double v) { return std::round(v * 100) / 100; }

  static json::value optional_number(const std::optional<double>& v) {
    if (v) return figure(*v);
    return nullptr;
  }

  static json::object lead_times_json(const report::LeadTimes& t) {
    return {{"median", optional_number(t.median)},
            {"p90", optional_number(t.p90)},
            {"within_7_percent", optional_number(t.within_7_percent)},
            {"within_14_percent", optional_number(t.within_14_percent)}};
  }

  static json::object figure_row_json(const report::FigureRow& row) {
    const report::Figures& f = row.figures;
    json::object o{{"key", row.key}, {"label", row.label}};
    if (row.week_start) o["week_start"] = date_text(*row.week_start);
    if (row.week_status) o["week_status"] = report::to_string(*row.week_status);
    o["holes_available"] = f.holes_available;
    o["holes_booked"] = f.holes_booked;
    o["holes_released"] = f.holes_released;
    o["holes_open"] = f.holes_open;
    o["holes_unused"] = f.holes_unused;
    o["utilisation_percent"] = figure(f.utilisation_percent);
    o["meetings_in_hole"] = f.meetings_in_hole;
    o["meetings_outside_hole"] = f.meetings_outside_hole;
    o["cancelled"] = f.cancelled;
    o["rescheduled"] = f.rescheduled;
    o["days_from_request"] = lead_times_json(f.days_from_request);
    o["days_from_identification"] = lead_times_json(f.days_from_identification);
    return o;
  }

  static json::object utilisation_json(const report::Period& period, const report::Utilisation& figures) {
    static constexpr const char* kGroupBy[] = {"week", "unit", "professional"};
    json::array units, rows, histogram;
    for (const auto& u : figures.units) units.emplace_back(u);
    for (const auto& row : figures.rows) rows.push_back(figure_row_json(row));
    for (const auto& b : figures.lead_time_histogram) {
      json::object o{{"label", b.label}, {"from_days", b.from_days}, {"count", b.count}};
      o["to_days"] = b.to_days ? json::value(*b.to_days) : json::value(nullptr);
      histogram.push_back(std::move(o));
    }
    return {{"from", date_text(period.from)},
            {"to", date_text(period.to)},
            {"weeks", json::object{{"first", report::to_string(figures.first_week)},
                                   {"last", report::to_string(figures.last_week)},
                                   {"first_day", date_text(figures.first_day)},
                                   {"last_day", date_text(figures.last_day)}}},
            {"unit", period.unit ? json::value(*period.unit) : json::value(nullptr)},
            {"group_by", kGroupBy[static_cast<int>(period.group_by)]},
            {"units", std::move(units)},
            {"rows", std::move(rows)},
            {"totals", figure_row_json(figures.totals)},
            {"by_week_status", json::object{{"past", figure_row_json(figures.past)},
                                            {"current", figure_row_json(figures.current)},
                                            {"future", figure_row_json(figures.future)}}},
            {"lead_time_histogram", std::move(histogram)}};
  }

  static std::string date_text(std::chrono::year_month_day d) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return out;
  }

  static json::value parsed_or_null(const std::string& text) {
    if (text.empty()) return nullptr;
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(text) : v;
  }

  Result<Response> audit(const Request& req, std::string_view query) {
    const auto q = parse_query(query);
    const time::Instant now = service_.now();
    auto window = query_window(q, {now - std::chrono::days{30}, now + std::chrono::hours{1}});
    if (!window) return window.error();
    auto entries = service_.audit(*window);
    if (!entries) return entries.error();
    json::array list;
    for (const auto& e : *entries) {
      list.push_back(json::object{{"id", e.id},
                                  {"actor", e.actor},
                                  {"action", e.action},
                                  {"at", when_text(e.at)},
                                  {"before", parsed_or_null(e.before_json)},
                                  {"after", parsed_or_null(e.after_json)}});
    }
    return json_response(req, status::ok, json::object{{"entries", std::move(list)}});
  }

  service::Service& service_;
  Metrics& metrics_;
  std::array<std::atomic<Metrics::RouteStats*>, 64> route_stats_{};  // by Endpoint
  Logger& logger_;
  std::string openapi_;
  std::atomic<std::uint64_t>& bookings_;
  std::atomic<std::uint64_t>& conflicts_;
  std::atomic<std::uint64_t>& solves_;
  std::atomic<std::uint64_t>& feed_hits_;
  std::atomic<std::uint64_t>& feed_not_modified_;
};

}  // namespace

bool never_blocks(const Request& req) {
  if (req.method() != beast_http::verb::get && req.method() != beast_http::verb::head) return false;
  const std::string_view target = req.target();
  return target.starts_with("/feeds/") || target == "/healthz" || target == "/metrics" ||
         target.starts_with("/dashboard") || target == "/favicon.ico";  // the dashboard's static files
}

Handler make_api_handler(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi_json) {
  auto api = std::make_shared<Api>(service, metrics, logger, std::move(openapi_json));
  return [api](const Request& req) { return (*api)(req); };
}

}  // namespace yhteisaika::http
