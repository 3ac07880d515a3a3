#include <yhteisaika/service/booking_queue.hpp>

#include <algorithm>

namespace yhteisaika::service {

namespace {
// Bounds the work (and so the wait) of one commit.
constexpr std::size_t kMaxBatch = 128;
}  // namespace

BookingQueue::BookingQueue(std::unique_ptr<store::Store> store, std::chrono::milliseconds busy_timeout)
    : store_(std::move(store)), busy_timeout_(busy_timeout), writer_([this] { run(); }) {}

BookingQueue::~BookingQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_one();
  writer_.join();
}

std::future<Result<store::Meeting>> BookingQueue::submit(store::BookingRequest request) {
  std::future<Result<store::Meeting>> answer;
  {
    std::lock_guard lock(mutex_);
    pending_.push_back({std::move(request), std::chrono::steady_clock::now() + busy_timeout_, {}});
    answer = pending_.back().answer.get_future();
  }
  arrived_.notify_one();
  return answer;
}

Result<store::Meeting> BookingQueue::book(store::BookingRequest request) { return submit(std::move(request)).get(); }

void BookingQueue::run() {
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      arrived_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping, and nothing left to write
      const std::size_t n = std::min(pending_.size(), kMaxBatch);
      batch.assign(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.begin() + n));
      pending_.erase(pending_.begin(), pending_.begin() + n);
    }
    std::vector<store::BookingRequest> requests;
    requests.reserve(batch.size());
    Deadline first = batch.front().lock_deadline;
    for (const Pending& p : batch) {
      requests.push_back(p.request);
      first = std::min(first, p.lock_deadline);
    }
    // The batch waits for the lock only as long as its most impatient booking may.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(first - std::chrono::steady_clock::now());
    store_->set_busy_timeout(std::max(left, std::chrono::milliseconds{0}));
    auto answers = store_->book_meetings(requests);
    const bool locked_out = std::all_of(answers.begin(), answers.end(), [](const auto& a) {
      return !a && a.error().code == store::Errc::busy;
    });
    std::vector<Pending> again;
    const auto now = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (locked_out && batch[i].lock_deadline > now) {
        again.push_back(std::move(batch[i]));  // may wait longer than the first: try once more
      } else {
        batch[i].answer.set_value(std::move(answers[i]));
      }
    }
    if (!again.empty()) {
      std::lock_guard lock(mutex_);
      pending_.insert(pending_.begin(), std::make_move_iterator(again.begin()), std::make_move_iterator(again.end()));
    }
  }
}

}  // namespace yhteisaika::service
