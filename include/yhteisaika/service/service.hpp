#pragma once
// Start here for service/: what the users do, without HTTP, one class per
// capability; Service only builds them and what they share.
//   coordinators: booking()   solve, book, reschedule, cancel, meetings, invites
//   professionals: feeds()    their feed (by the secret in its URL)
//                  mail()     answer links in invite mails
//   managers: figures()       utilisation figures
//   admins: directory()       professionals, feed secrets, tokens, the audit log
//           sources()         calendar sources and their freshness
//           mail()            the outbox
//   coordinators: holds()     confirm a held meeting; the service expires holds itself
//   the service: housekeeping()  its own chores every few seconds (expire_holds,
//                                erase_due_contacts)
//   coordinators: cases()     the joint client's case, its stages and the people around the client
//   coordinators: case_meetings()  a case's meetings with the people around the client
//           rooms()           rooms, their feed secrets (coordinators read them)
// The capabilities join the busy index (sources/calendar_index.hpp), the store
// (bookings) and the pure core (solver, invite and feed rendering, report).
// Handlers in http/ only parse, call one capability member and render. A new
// capability (e.g. cases) is one more class beside these, built in open().
//
// Thread safety: every member may be called from any thread.

#include <yhteisaika/calendar/zone_catalog.hpp>
#include <yhteisaika/config/config.hpp>
#include <yhteisaika/error.hpp>
#include <yhteisaika/service/actor.hpp>
#include <yhteisaika/service/booking.hpp>
#include <yhteisaika/service/booking_queue.hpp>
#include <yhteisaika/service/calendar_sources.hpp>
#include <yhteisaika/service/case_desk.hpp>
#include <yhteisaika/service/case_meetings.hpp>
#include <yhteisaika/service/directory.hpp>
#include <yhteisaika/service/errc.hpp>
#include <yhteisaika/service/feeds.hpp>
#include <yhteisaika/service/figures.hpp>
#include <yhteisaika/service/holds.hpp>
#include <yhteisaika/service/housekeeping.hpp>
#include <yhteisaika/service/mail_desk.hpp>
#include <yhteisaika/service/rooms.hpp>
#include <yhteisaika/service/seams.hpp>
#include <yhteisaika/service/store_pool.hpp>
#include <yhteisaika/sources/calendar_index.hpp>
#include <yhteisaika/time/zone.hpp>

#include <memory>
#include <regex>

namespace yhteisaika::service {

class Service {
 public:
  // Opens the database through seams.open_store (migrating it), and on an empty
  // one imports the team from calendars_dir/people.json and then, when the
  // folder has one, the past meetings of calendars_dir/demo-bookings.json
  // (audit actor "import"; see src/service/demo_bookings_file.hpp). Both are
  // checked as the API checks (errors name the file and entry). Expands every
  // professional's calendar once and starts the background refresh of remote
  // ones (config refresh). With e-mail (config smtp_url, or seams.send_mail),
  // also makes the mailer (src/service/mailer.hpp), reading replies too when
  // imap_url is set; it tells seams.log what it does and sends once
  // mail().start() is called. A wrong mail setting (e.g. an unreadable password
  // file) is an error naming the setting, before anything is served.
  static Result<std::unique_ptr<Service>> open(const config::Config& config, Seams seams = {});
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  const config::Config& config() const { return config_; }
  const time::Zone& zone() const { return *zone_; }
  time::Instant now() const { return clock_(); }

  Booking& booking() { return booking_; }
  Directory& directory() { return directory_; }
  Feeds& feeds() { return feeds_; }
  Figures& figures() { return figures_; }
  CalendarSources& sources() { return sources_; }
  MailDesk& mail() { return mail_; }
  Holds& holds() { return holds_; }
  // Made with the job "expire_holds" (Holds::expire_due) and not started:
  // `serve` starts it after the mailer (config housekeeping_interval_seconds);
  // tests call run_once() with their clock.
  Housekeeping& housekeeping() { return housekeeping_; }
  CaseDesk& cases() { return cases_; }
  CaseMeetings& case_meetings() { return case_meetings_; }
  Rooms& rooms() { return rooms_; }

 private:
  struct Parts;  // what open() makes the service of
  explicit Service(Parts parts);
  // Reads `team`'s calendars (and the rooms') once and starts their background refresh.
  void start_calendars(const std::vector<store::Professional>& team);

  // The parts the capabilities share.
  config::Config config_;
  Clock clock_;
  std::shared_ptr<const time::Zone> zone_;
  calendar::ZoneCatalog zones_;
  const std::regex case_ref_pattern_;  // config case_ref_pattern, compiled once
  std::unique_ptr<StorePool> pool_;
  sources::CalendarIndex calendars_;
  BookingQueue queue_;
  // Made in the constructor and never changed, so that bookings on any thread
  // may wake() it without a lock: there is no moment when the server serves
  // and the mailer is being set. Before the capabilities, after what it uses,
  // so that it stops before what it uses goes.
  const std::unique_ptr<Mailer> mailer_;

  // The capabilities.
  Feeds feeds_;
  Directory directory_;
  Booking booking_;
  Figures figures_;
  CalendarSources sources_;
  MailDesk mail_;
  Holds holds_;
  CaseDesk cases_;
  CaseMeetings case_meetings_;  // after booking_, which it books through
  Rooms rooms_;
  // Last, so that its thread stops before anything its jobs use goes.
  Housekeeping housekeeping_;
};

}  // namespace yhteisaika::service
