#pragma once
// Private to http/: an invitee's answer link, /answers/{secret} (the secret is
// the capability, bound to one attendee and one version of the meeting).
// Pages, not JSON: a person opens them from their mail (answer_page.hpp).
// Handlers: see handler.hpp.

#include "handler.hpp"

namespace yhteisaika::http::handlers {

// GET: shows the meeting and asks to confirm the link's ?answer= (mail
// scanners open links, so a GET never changes anything). 404 page for an
// unknown link; 410 for one of an older version, a cancelled meeting or
// someone taken off.
Result<Response> answer_page(const Call& call, const Services& s);
// POST (a form: answer=accepted|tentative|declined): records the answer;
// 400 page for another answer; otherwise as GET.
Result<Response> answer(const Call& call, const Services& s);

}  // namespace yhteisaika::http::handlers
