#include <yhteisaika/http/api.hpp>

#include <yhteisaika/http/errc.hpp>
#include <yhteisaika/http/errors.hpp>
#include <yhteisaika/http/routes.hpp>
#include <yhteisaika/time/rfc3339.hpp>

#include "request_fields.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace yhteisaika::http {

namespace {

namespace json = boost::json;
using beast_http::field;
using beast_http::status;

const char* role_text(store::TokenRole role) {
  switch (role) {
    case store::TokenRole::coordinator:
      return "coordinator";
    case store::TokenRole::manager:
      return "manager";
    case store::TokenRole::admin:
      return "admin";
  }
  return "coordinator";
}

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
    std::optional<service::Actor> actor;
    if (!route->access.is_public) {
      auto token = service_.authenticate(bearer_token(req));
      if (!token) return error(req, token.error());
      if (!route->access.allows(token->role)) {
        return error(req, Error{service::Errc::forbidden,
                                std::string("a ") + role_text(token->role) + " token may not do this",
                                {}});
      }
      actor = service::Actor{token->name, token->role};
    }
    auto answer = dispatch(req, *route, actor, query);
    if (!answer) return error(req, answer.error());
    return std::move(*answer);
  }

 private:
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
        return meeting_response(req, status::ok, service_.cancel(*id, *actor));
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
    return text_response(req, s, "application/json", json::serialize(body));
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
    auto res = meeting_response(req, status::created, std::move(booked));
    if (res) res->set(field::location, "/api/v1/meetings/" + std::to_string(booked->id.value));
    return res;
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
    if (auto e = fields.finish()) return *e;
    return meeting_response(req, status::ok, service_.reschedule(*id, input, actor));
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
                                       {"partstat", a.partstat}});
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
    auto meetings = service_.meetings(case_ref, *window);
    if (!meetings) return meetings.error();
    auto by_id = people();
    if (!by_id) return by_id.error();
    json::array list;
    for (const auto& m : *meetings) list.push_back(meeting_json(m, *by_id));
    return json_response(req, status::ok, json::object{{"meetings", std::move(list)}});
  }

  // --- feeds, figures, audit ----------------------------------------------------

  Result<Response> feed(const Request& req, const std::string& secret) {
    auto feed = service_.feed(secret);
    if (!feed) return feed.error();
    const auto& f = **feed;
    if (etag_matches(req[field::if_none_match], f.etag)) {
      feed_not_modified_.fetch_add(1, std::memory_order_relaxed);
      Response res{status::not_modified, req.version()};
      res.set(field::etag, f.etag);
      res.set(field::cache_control, "private, max-age=300");
      res.keep_alive(req.keep_alive());
      return res;
    }
    feed_hits_.fetch_add(1, std::memory_order_relaxed);
    auto res = text_response(req, status::ok, "text/calendar; charset=utf-8", f.text);
    res.set(field::etag, f.etag);
    res.set(field::cache_control, "private, max-age=300");
    res.set(field::content_disposition, "inline; filename=\"yhteisaika.ics\"");
    return res;
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

  Result<Response> utilisation(const Request& req, std::string_view query) {
    const auto q = parse_query(query);
    const auto today = std::chrono::sys_days{time::local_date(service_.now(), service_.zone())};
    std::chrono::year_month_day from{today - std::chrono::weeks{8}}, to{today + std::chrono::weeks{2}};
    for (auto [name, target] : {std::pair{"from", &from}, {"to", &to}}) {
      if (auto it = q.find(name); it != q.end()) {
        auto parsed = parse_date(it->second, name);
        if (!parsed) return parsed.error();
        *target = *parsed;
      }
    }
    auto weeks = service_.utilisation(from, to);
    if (!weeks) return weeks.error();
    json::array list;
    for (const auto& w : *weeks) {
      json::object o{{"week", w.iso_week},
                     {"week_start", date_text(w.week_start)},
                     {"holes_available", w.holes_available},
                     {"holes_booked", w.holes_booked},
                     {"utilisation_percent", w.utilisation_percent},
                     {"meetings_in_hole", w.meetings_in_hole},
                     {"meetings_outside_hole", w.meetings_outside_hole},
                     {"cancelled", w.cancelled}};
      if (w.median_days_to_meeting) {
        o["median_days_to_meeting"] = *w.median_days_to_meeting;
      } else {
        o["median_days_to_meeting"] = nullptr;
      }
      list.push_back(std::move(o));
    }
    return json_response(req, status::ok,
                         json::object{{"from", date_text(from)}, {"to", date_text(to)}, {"weeks", std::move(list)}});
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
  return target.starts_with("/feeds/") || target == "/healthz" || target == "/metrics";
}

Handler make_api_handler(service::Service& service, Metrics& metrics, Logger& logger, std::string openapi_json) {
  auto api = std::make_shared<Api>(service, metrics, logger, std::move(openapi_json));
  return [api](const Request& req) { return (*api)(req); };
}

}  // namespace yhteisaika::http
