#include <yhteisaika/mail/calendar_mail.hpp>
#include <yhteisaika/mail/encoding.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace yhteisaika::mail {

namespace {

constexpr std::size_t kFoldAt = 78;  // RFC 5322 §2.1.1: lines SHOULD be at most 78 characters

// RFC 5322 §3.4.1 addr-spec (and §3.6.4 msg-id) restricted to what we send:
// dot-atoms around one '@', printable ASCII without specials or spaces.
bool plain_addr_spec(std::string_view s) {
  const auto at = s.find('@');
  if (s.size() > 254) return false;  // RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its "<>"
  if (at == 0 || at == std::string_view::npos || at + 1 == s.size() || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : s) {
    if (c <= 0x20 || c >= 0x7F || std::string_view("<>()[],;:\\\"").find(c) != std::string_view::npos) return false;
  }
  return true;
}

void require_addr_spec(std::string_view s, const char* what) {
  // Callers validate addresses where they come in (is_plain_address); the mailer
  // still catches this, so that one bad message never blocks the others.
  if (!plain_addr_spec(s)) throw std::invalid_argument(std::string("render_calendar_mail: invalid ") + what);
}

// "Name: value" folded before a space where a line would pass 78 characters
// (RFC 5322 §2.2.3). Unfolding gives the value back exactly; no line is only
// whitespace, since folds come only before non-empty words.
void write_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ':';
  std::size_t line = name.size() + 1;
  for (std::size_t begin = 0; begin <= value.size() && !value.empty();) {
    auto end = value.find(' ', begin);
    if (end == std::string_view::npos) end = value.size();
    const std::string_view word = value.substr(begin, end - begin);
    if (!word.empty() && line + 1 + word.size() > kFoldAt && line > name.size() + 1) {
      out += "\r\n";
      line = 0;
    }
    out += ' ';
    out += word;
    line += 1 + word.size();
    begin = end + 1;
  }
  out += "\r\n";
}

// RFC 5322 §3.4 display-name: an atom phrase as is, specials in a quoted-string,
// non-ASCII (or anything else that is not plain) as RFC 2047 encoded-words.
std::string display_name(std::string_view name) {
  std::string clean(name);
  for (char& c : clean) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  std::string encoded = encode_header_text(clean);
  if (encoded != clean) return encoded;
  if (clean.find_first_of("()<>[]:;@\\,.\"") == std::string::npos) return clean;
  std::string quoted = "\"";
  for (char c : clean) {
    if (c == '\\' || c == '"') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

std::string mailbox(const Mailbox& box, const char* what) {
  require_addr_spec(box.address, what);
  if (box.name.empty()) return box.address;
  return display_name(box.name) + " <" + box.address + ">";
}

// RFC 5322 §3.3 date-time in UTC.
std::string rfc5322_date(time::Instant t) {
  using namespace std::chrono;
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %u %s %d %02d:%02d:%02d +0000", kDays[weekday{day}.c_encoding()],
                unsigned{ymd.day()}, kMonths[unsigned{ymd.month()} - 1], int{ymd.year()},
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

// Deterministic, so that the same message renders the same bytes (a resend, a test).
std::string boundary_for(std::string_view message_id) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64
  for (char c : message_id) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "=_yhteisaika_%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

void require_method(std::string_view method) {
  const bool token = !method.empty() && method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ-") == std::string_view::npos;
  if (!token) throw std::invalid_argument("render_calendar_mail: invalid method");
}

}  // namespace

bool is_plain_address(std::string_view address) { return plain_addr_spec(address); }

std::string render_calendar_mail(const CalendarMail& mail) {
  require_addr_spec(mail.message_id, "message_id");
  require_method(mail.method);
  const std::string boundary = boundary_for(mail.message_id);

  std::string out;
  write_header(out, "From", mailbox(mail.from, "from address"));
  write_header(out, "To", mailbox(mail.to, "to address"));
  write_header(out, "Reply-To", mailbox(mail.reply_to, "reply_to address"));
  write_header(out, "Subject", encode_header_text(mail.subject));
  write_header(out, "Date", rfc5322_date(mail.date));
  write_header(out, "Message-ID", "<" + mail.message_id + ">");
  write_header(out, "MIME-Version", "1.0");
  // RFC 2045 §5.1: '=' is a tspecial, so the boundary is a quoted-string.
  write_header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  out += "\r\n";

  // RFC 2046 §5.1.1: the CRLF before each delimiter belongs to the delimiter.
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += encode_quoted_printable(mail.text);
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/calendar; method=" + mail.method + "; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += encode_base64_lines(mail.calendar);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace yhteisaika::mail
