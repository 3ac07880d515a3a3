#include <yhteisaika/sources/remote_calendar.hpp>
#include <yhteisaika/sources/calendar_dir.hpp>
#include <yhteisaika/sources/caldav.hpp>

namespace yhteisaika::sources {
namespace {

Error bad_data(const Url& url, const Error& cause) {
  return Error{Errc::bad_calendar, "the calendar data is malformed: " + cause.to_string(),
               Location::in(url.redacted())};
}

}  // namespace

Result<RemoteRead> read_remote(const CalendarFetcher& fetcher, const SourceSpec& spec, const Validators& held,
                               const std::string& basic_credentials, const calendar::ExpandOptions& options) {
  FetchRequest request;
  request.url = spec.url;
  request.basic_credentials = basic_credentials;
  if (spec.kind == SourceKind::caldav) {
    request.method = "REPORT";
    request.depth = "1";
    request.content_type = "application/xml; charset=utf-8";
    request.body = calendar_query_body(options.horizon);
  } else {
    request.validators = held;
  }
  auto response = fetcher.fetch(request);
  if (!response) return response.error();
  RemoteRead out;
  out.validators = response->validators;
  if (response->not_modified) {
    out.not_modified = true;
    return out;
  }
  if (spec.kind == SourceKind::ics_url) {
    auto busy = calendar::busy_intervals(response->body, spec.url.redacted(), options);
    if (!busy) return bad_data(spec.url, busy.error());
    out.busy = std::move(*busy);
    return out;
  }
  auto objects = parse_multistatus(response->body);
  if (!objects) {
    // The answer's line, as a place of its own: "https://…/calendars/x/ line 7".
    return Error{objects.error().code, objects.error().message,
                 Location::in(spec.url.redacted() + " " + objects.error().where.to_string())};
  }
  std::vector<time::Interval> all;
  for (const auto& object : *objects) {
    auto busy = calendar::busy_intervals(object.data, object.href, options);
    if (!busy) return bad_data(spec.url, busy.error());
    all.insert(all.end(), busy->begin(), busy->end());
  }
  out.busy = time::merge_intervals(std::move(all));
  out.validators = {};  // REPORT answers carry no validators for the collection
  return out;
}

bool should_fetch(const CopyState& copy, time::Instant now, const FreshnessRule& rule) {
  if (!copy.last_attempt) return true;
  const bool fresh = copy.covers_window && copy.last_success && now - *copy.last_success <= rule.max_age;
  if (fresh) return false;
  const bool attempt_failed = !copy.last_success || *copy.last_attempt > *copy.last_success;
  if (attempt_failed && now - *copy.last_attempt < rule.retry_after) return false;
  return true;
}

}  // namespace yhteisaika::sources
