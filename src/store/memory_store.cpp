// The in-memory backend: the rows of memory_store.hpp's MemoryDatabase, kept as
// immutable committed snapshots. A write run copies the last snapshot, changes
// the copy and publishes it on success, so readers never wait and a refused
// write leaves nothing behind. The rules are rule_store*.cpp's.

#include <yhteisaika/store/memory_store.hpp>

#include "rules.hpp"
#include "tables.hpp"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <sstream>

namespace yhteisaika::store {

namespace detail {

using time::Instant;
using time::Interval;

// The tables, keyed as SQLite keys them. A new row's id is the largest one + 1,
// as SQLite's rowid.
struct MemoryState {
  struct Token {
    ApiToken token;
    std::string hash;
  };
  struct FeedSecret {
    std::string hash;
    Instant rotated_at;
  };
  struct Link {
    AnswerLink link;
    Instant created_at;
  };
  struct CaseRow {
    Case value;
    int participants_issued = 0;
  };
  std::map<ParticipantId, Professional> professionals;
  std::map<std::int64_t, CaseRow> cases;  // by id
  std::map<RoomId, Room> rooms;
  std::map<std::int64_t, Meeting> meetings;
  std::map<std::int64_t, Token> tokens;
  std::map<ParticipantId, FeedSecret> feed_secrets;
  std::map<RoomId, FeedSecret> room_feed_secrets;
  std::map<std::int64_t, AuditEntry> audit;
  std::map<std::int64_t, MailNotice> notices;
  std::map<std::int64_t, OutboxEntry> outbox;  // with the message
  std::map<std::string, Link> answer_links;    // by hash
  std::int64_t commits = 0;                    // write runs that wrote
};

}  // namespace detail

struct MemoryDatabase::Shared {
  std::mutex mutex;  // guards the members below, for moments only
  std::condition_variable lock_freed;
  bool write_locked = false;
  std::shared_ptr<const detail::MemoryState> committed = std::make_shared<const detail::MemoryState>();

  std::shared_ptr<const detail::MemoryState> snapshot() {
    std::lock_guard lock(mutex);
    return committed;
  }
  void publish(detail::MemoryState next) {
    auto state = std::make_shared<const detail::MemoryState>(std::move(next));
    std::lock_guard lock(mutex);
    committed = std::move(state);
  }
  // Whether the write lock was taken within `timeout` (nullopt: waits as long as it takes).
  bool take_write_lock(std::optional<std::chrono::milliseconds> timeout) {
    std::unique_lock lock(mutex);
    const auto free = [&] { return !write_locked; };
    if (!timeout) {
      lock_freed.wait(lock, free);
    } else if (!lock_freed.wait_for(lock, *timeout, free)) {
      return false;
    }
    write_locked = true;
    return true;
  }
  void release_write_lock() {
    {
      std::lock_guard lock(mutex);
      write_locked = false;
    }
    lock_freed.notify_all();
  }
};

MemoryDatabase::MemoryDatabase() : shared_(std::make_unique<Shared>()) {}
MemoryDatabase::~MemoryDatabase() = default;

MemoryDatabase::WriteLockHold::~WriteLockHold() {
  if (shared_) shared_->release_write_lock();
}

MemoryDatabase::WriteLockHold MemoryDatabase::hold_write_lock() {
  shared_->take_write_lock(std::nullopt);
  return WriteLockHold(shared_.get());
}

namespace detail {

namespace {

template <class Key, class Row>
std::int64_t next_id(const std::map<Key, Row>& rows) {
  return rows.empty() ? 1 : rows.rbegin()->first + 1;
}

bool attends(const Meeting& m, const ParticipantId& who) {
  return std::any_of(m.attendees.begin(), m.attendees.end(), [&](const Attendee& a) { return a.id == who; });
}

bool participates(const Meeting& m, CaseId c, const std::string& who) {
  return m.case_id == std::optional<CaseId>{c} &&
         std::any_of(m.participants.begin(), m.participants.end(),
                     [&](const CaseAttendee& a) { return a.participant == who; });
}

// Whether `m` blocks anything during `when`, apart from meeting `exclude`.
bool blocks_during(const Meeting& m, Interval when, MeetingId exclude) {
  return blocks(m.status) && m.id != exclude && m.when.overlaps(when);
}

// The first `limit` of `rows` (all of them when limit < 0, as SQL's LIMIT).
template <class Row>
std::vector<Row> first(std::vector<Row> rows, int limit) {
  if (limit >= 0 && rows.size() > static_cast<std::size_t>(limit)) rows.resize(static_cast<std::size_t>(limit));
  return rows;
}

// A snapshot (read run) or the copy a write run changes.
class MemoryTables final : public Tables {
 public:
  explicit MemoryTables(const MemoryState& snapshot) : read_(&snapshot) {}
  explicit MemoryTables(MemoryState& copy) : read_(&copy), write_(&copy) {}
  bool wrote() const { return wrote_; }

  std::optional<Professional> professional(const ParticipantId& id) override { return find(read_->professionals, id); }
  std::vector<Professional> professionals() override {
    std::vector<Professional> out;
    for (const auto& [id, p] : read_->professionals) out.push_back(p);
    return out;
  }
  std::optional<Case> case_by_id(CaseId id) override {
    auto it = read_->cases.find(id.value);
    if (it == read_->cases.end()) return std::nullopt;
    return it->second.value;
  }
  std::optional<Case> find_case(const CaseRef& ref) override {
    for (const auto& [id, row] : read_->cases) {
      if (row.value.ref == ref) return row.value;
    }
    return std::nullopt;
  }
  std::vector<Case> cases(const CaseFilter& filter) override {
    std::vector<Case> out;
    for (const auto& [id, row] : read_->cases) {
      if (filter.stage && row.value.stage != *filter.stage) continue;
      if (filter.coordinator && row.value.coordinator != *filter.coordinator) continue;
      out.push_back(row.value);
    }
    return out;
  }
  std::optional<Room> room(const RoomId& id) override { return find(read_->rooms, id); }
  std::vector<Room> rooms() override {
    std::vector<Room> out;
    for (const auto& [id, r] : read_->rooms) out.push_back(r);
    return out;
  }
  std::optional<Meeting> meeting(MeetingId id) override { return find(read_->meetings, id.value); }
  std::vector<Meeting> meetings_for_case(const CaseRef& ref) override {
    return meetings_where([&](const Meeting& m) { return m.case_ref == ref; });
  }
  std::vector<Meeting> meetings_in(Interval window, const std::optional<ParticipantId>& who) override {
    return meetings_where([&](const Meeting& m) { return m.when.overlaps(window) && (!who || attends(m, *who)); });
  }
  std::vector<std::pair<ParticipantId, Interval>> attendance(Interval window) override {
    std::vector<std::pair<ParticipantId, Interval>> out;
    for (const auto& [id, m] : read_->meetings) {
      if (!blocks_during(m, window, MeetingId{})) continue;
      for (const Attendee& a : m.attendees) out.emplace_back(a.id, m.when);
    }
    return out;
  }
  std::vector<std::pair<RoomId, Interval>> room_occupancy(Interval window) override {
    std::vector<std::pair<RoomId, Interval>> out;
    for (const auto& [id, m] : read_->meetings) {
      if (m.room && blocks_during(m, window, MeetingId{})) out.emplace_back(*m.room, m.when);
    }
    return out;
  }
  std::vector<std::pair<std::string, Interval>> case_attendance(CaseId c, Interval window) override {
    std::vector<std::pair<std::string, Interval>> out;
    for (const auto& [id, m] : read_->meetings) {
      if (m.case_id != std::optional<CaseId>{c} || !blocks_during(m, window, MeetingId{})) continue;
      for (const CaseAttendee& a : m.participants) out.emplace_back(a.participant, m.when);
    }
    return out;
  }
  std::optional<MeetingId> clash(const ParticipantId& who, Interval when, MeetingId exclude) override {
    return first_meeting([&](const Meeting& m) { return blocks_during(m, when, exclude) && attends(m, who); });
  }
  std::optional<MeetingId> participant_clash(CaseId c, const std::string& who, Interval when,
                                             MeetingId exclude) override {
    return first_meeting([&](const Meeting& m) { return blocks_during(m, when, exclude) && participates(m, c, who); });
  }
  std::optional<MeetingId> room_clash(const RoomId& room, Interval when, MeetingId exclude) override {
    return first_meeting([&](const Meeting& m) { return blocks_during(m, when, exclude) && m.room == room; });
  }
  std::optional<MeetingId> room_booked_after(const RoomId& room, Instant after) override {
    return first_meeting([&](const Meeting& m) { return blocks(m.status) && m.room == room && m.when.end > after; });
  }
  std::vector<Meeting> holds_due(Instant now) override {
    std::vector<Meeting> out;
    for (const auto& [id, m] : read_->meetings) {
      if (m.status == MeetingStatus::held && m.hold_expires_at && *m.hold_expires_at <= now) out.push_back(m);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Meeting& a, const Meeting& b) { return *a.hold_expires_at < *b.hold_expires_at; });
    return out;
  }
  std::optional<ApiToken> token_by_hash(const std::string& hash) override {
    for (const auto& [id, t] : read_->tokens) {
      if (t.hash == hash) return t.token;
    }
    return std::nullopt;
  }
  std::optional<ParticipantId> feed_owner_by_hash(const std::string& hash) override {
    for (const auto& [id, secret] : read_->feed_secrets) {
      if (secret.hash == hash) return id;
    }
    return std::nullopt;
  }
  std::optional<RoomId> room_feed_owner_by_hash(const std::string& hash) override {
    for (const auto& [id, secret] : read_->room_feed_secrets) {
      if (secret.hash == hash) return id;
    }
    return std::nullopt;
  }
  std::vector<AuditEntry> audit_log(Interval window) override {
    std::vector<AuditEntry> out;
    for (const auto& [id, e] : read_->audit) {
      if (window.contains(e.at)) out.push_back(e);
    }
    std::stable_sort(out.begin(), out.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.at < b.at; });
    return out;
  }
  std::vector<MailNotice> mail_notices(int limit) override {
    std::vector<MailNotice> out;
    for (const auto& [id, n] : read_->notices) out.push_back(n);
    return first(std::move(out), limit);
  }
  std::vector<OutboxEntry> due_mail(Instant now, int limit) override {
    std::vector<OutboxEntry> out;
    for (const auto& [id, e] : read_->outbox) {
      if (e.status == MailStatus::queued && e.next_attempt_at <= now) out.push_back(e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const OutboxEntry& a, const OutboxEntry& b) { return a.next_attempt_at < b.next_attempt_at; });
    return first(std::move(out), limit);
  }
  std::vector<OutboxEntry> outbox(std::optional<MailStatus> status, int limit) override {
    std::vector<OutboxEntry> out;
    for (auto it = read_->outbox.rbegin(); it != read_->outbox.rend(); ++it) {
      if (status && it->second.status != *status) continue;
      out.push_back(it->second);
      out.back().message.clear();  // a listing leaves the text out
    }
    return first(std::move(out), limit);
  }
  std::optional<AnswerLink> answer_link_by_hash(const std::string& hash) override {
    auto it = read_->answer_links.find(hash);
    if (it == read_->answer_links.end()) return std::nullopt;
    return it->second.link;
  }

  void put_professional(const Professional& p) override { w().professionals.insert_or_assign(p.id, p); }
  CaseId insert_case(const Case& c) override {
    MemoryState::CaseRow row{c, 0};
    row.value.id = CaseId{next_id(w().cases)};
    w().cases.emplace(row.value.id.value, row);
    return row.value.id;
  }
  void update_case(const Case& c) override { w().cases.at(c.id.value).value = c; }
  int issue_participant_number(CaseId id) override { return ++w().cases.at(id.value).participants_issued; }
  void put_room(const Room& r) override { w().rooms.insert_or_assign(r.id, r); }
  void delete_room(const RoomId& id) override {
    w().rooms.erase(id);
    w().room_feed_secrets.erase(id);
  }
  void erase_mail_to(MeetingId meeting, const std::string& participant) override {
    for (auto& [id, e] : w().outbox) {
      if (e.meeting != meeting || e.participant.value != participant) continue;
      e.recipient.clear();
      e.message.clear();
      if (e.status == MailStatus::queued) e.status = MailStatus::failed;
    }
  }
  MeetingId insert_meeting(const Meeting& m) override {
    Meeting row = m;
    row.id = MeetingId{next_id(w().meetings)};
    w().meetings.emplace(row.id.value, row);
    return row.id;
  }
  void update_meeting(const Meeting& m) override { w().meetings.at(m.id.value) = m; }
  std::int64_t insert_token(const ApiToken& token, const std::string& hash) override {
    MemoryState::Token row{token, hash};
    row.token.id = next_id(w().tokens);
    w().tokens.emplace(row.token.id, row);
    return row.token.id;
  }
  void put_feed_secret(const ParticipantId& id, const std::string& hash, Instant at) override {
    w().feed_secrets.insert_or_assign(id, MemoryState::FeedSecret{hash, at});
  }
  void put_room_feed_secret(const RoomId& id, const std::string& hash, Instant at) override {
    w().room_feed_secrets.insert_or_assign(id, MemoryState::FeedSecret{hash, at});
  }
  void insert_audit(const AuditEntry& entry) override { insert_row(w().audit, entry); }
  void insert_notice(const MailNotice& notice) override { insert_row(w().notices, notice); }
  void delete_notice(std::int64_t id) override { w().notices.erase(id); }
  void insert_mail(const OutboxEntry& entry) override { insert_row(w().outbox, entry); }
  void insert_answer_link(const std::string& hash, const AnswerLink& link, Instant at) override {
    w().answer_links.insert_or_assign(hash, MemoryState::Link{link, at});
  }
  void mark_sent(std::int64_t id, Instant at) override {
    if (auto it = w().outbox.find(id); it != w().outbox.end()) {
      it->second.status = MailStatus::sent;
      it->second.sent_at = at;
      it->second.last_error.clear();
    }
  }
  void mark_not_sent(std::int64_t id, const std::string& error, MailStatus status, Instant next_attempt_at) override {
    if (auto it = w().outbox.find(id); it != w().outbox.end()) {
      it->second.attempts += 1;
      it->second.last_error = error;
      it->second.next_attempt_at = next_attempt_at;
      it->second.status = status;
    }
  }

  Result<void> attempt(const char*, const std::function<Result<void>()>& body) override {
    MemoryState saved = w();
    try {
      auto done = body();
      if (!done) *write_ = std::move(saved);
      return done;
    } catch (...) {
      *write_ = std::move(saved);
      throw;
    }
  }

 private:
  template <class Key, class Row>
  static std::optional<Row> find(const std::map<Key, Row>& rows, const Key& key) {
    auto it = rows.find(key);
    if (it == rows.end()) return std::nullopt;
    return it->second;
  }

  // Rows with an `id` member, stored under a new one.
  template <class Row>
  static void insert_row(std::map<std::int64_t, Row>& rows, Row row) {
    row.id = next_id(rows);
    rows.emplace(row.id, std::move(row));
  }

  template <class Match>
  std::optional<MeetingId> first_meeting(Match&& match) const {
    for (const auto& [id, m] : read_->meetings) {
      if (match(m)) return m.id;
    }
    return std::nullopt;
  }

  template <class Keep>
  std::vector<Meeting> meetings_where(Keep&& keep) const {
    std::vector<Meeting> out;
    for (const auto& [id, m] : read_->meetings) {
      if (keep(m)) out.push_back(m);
    }
    // By id already; by start, then id.
    std::stable_sort(out.begin(), out.end(),
                     [](const Meeting& a, const Meeting& b) { return a.when.start < b.when.start; });
    return out;
  }

  MemoryState& w() {
    wrote_ = true;
    return *write_;  // a write run's only
  }

  const MemoryState* read_;
  MemoryState* write_ = nullptr;
  bool wrote_ = false;
};

}  // namespace

class MemoryBackend final : public Backend {
 public:
  explicit MemoryBackend(std::shared_ptr<MemoryDatabase> db) : db_(std::move(db)) {}

  Result<void> run(const char* what, Access access, const std::function<Result<void>(Tables&)>& body) override {
    MemoryDatabase::Shared& shared = *db_->shared_;
    if (access == Access::read) {
      const auto snapshot = shared.snapshot();
      MemoryTables tables(*snapshot);
      return body(tables);
    }
    if (!shared.take_write_lock(busy_timeout_)) return busy_error(what, busy_timeout_, {});
    struct Release {
      MemoryDatabase::Shared& shared;
      ~Release() { shared.release_write_lock(); }
    } release{shared};
    MemoryState next = *shared.snapshot();
    MemoryTables tables(next);
    auto done = body(tables);
    if (done && tables.wrote()) {
      next.commits += 1;
      own_commits_ += 1;
      shared.publish(std::move(next));
    }
    return done;
  }

  // Nothing to do: an old snapshot goes when its last reader lets it go.
  Result<void> forget_overwritten() override { return {}; }

  void set_busy_timeout(std::chrono::milliseconds timeout) override { busy_timeout_ = timeout; }

  // Commits by other handles: this handle's own do not count, as with SQLite's data_version.
  Result<std::int64_t> others_changed() override { return db_->shared_->snapshot()->commits - own_commits_; }

 private:
  std::shared_ptr<MemoryDatabase> db_;
  std::chrono::milliseconds busy_timeout_ = kDefaultBusyTimeout;
  std::int64_t own_commits_ = 0;
};

}  // namespace detail

// One line a row, every text column in it.
std::string MemoryDatabase::dump() const {
  const auto state = shared_->snapshot();
  std::ostringstream out;
  for (const auto& [id, p] : state->professionals) out << "professional " << detail::professional_json(p) << '\n';
  for (const auto& [id, row] : state->cases) {
    out << "case " << id << ' ' << row.value.ref.value << ' ' << row.value.coordinator.value << '\n';
    for (const cases::Participant& p : row.value.participants) {
      out << "participant " << p.id << ' ' << p.label << ' ' << p.email.value_or("") << '\n';
    }
  }
  for (const auto& [id, r] : state->rooms) out << "room " << detail::room_json(r) << '\n';
  for (const auto& [id, m] : state->meetings) {
    out << "meeting " << detail::meeting_json(m) << ' ' << m.description << '\n';
    for (const CaseAttendee& a : m.participants) out << "invited " << a.participant << ' ' << a.email.value_or("") << '\n';
  }
  for (const auto& [id, t] : state->tokens) out << "token " << id << ' ' << t.token.name << ' ' << t.hash << '\n';
  for (const auto& [id, f] : state->feed_secrets) out << "feed secret " << id.value << ' ' << f.hash << '\n';
  for (const auto& [id, f] : state->room_feed_secrets) out << "room feed secret " << id.value << ' ' << f.hash << '\n';
  for (const auto& [id, e] : state->audit) {
    out << "audit " << id << ' ' << e.actor << ' ' << e.action << ' ' << e.before_json << ' ' << e.after_json << '\n';
  }
  for (const auto& [id, n] : state->notices) out << "notice " << id << ' ' << n.meeting.value << '\n';
  for (const auto& [id, e] : state->outbox) {
    out << "outbox " << id << ' ' << e.recipient << ' ' << e.subject << ' ' << e.last_error << '\n'
        << e.message << '\n';
  }
  for (const auto& [hash, l] : state->answer_links) out << "answer link " << hash << '\n';
  return out.str();
}

std::unique_ptr<Store> open_memory_store(std::shared_ptr<MemoryDatabase> db) {
  return detail::make_store(std::make_unique<detail::MemoryBackend>(std::move(db)));
}

}  // namespace yhteisaika::store
