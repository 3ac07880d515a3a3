#include <yhteisaika/service/booking_queue.hpp>

namespace yhteisaika::service {

namespace {
// Bounds the work (and so the wait) of one commit.
constexpr std::size_t kMaxBatch = 128;
}  // namespace

BookingQueue::BookingQueue(std::unique_ptr<store::Store> store)
    : store_(std::move(store)), writer_([this] { run(); }) {}

BookingQueue::~BookingQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_one();
  writer_.join();
}

Result<store::Meeting> BookingQueue::book(store::BookingRequest request) {
  std::future<Result<store::Meeting>> answer;
  {
    std::lock_guard lock(mutex_);
    pending_.push_back({std::move(request), {}});
    answer = pending_.back().answer.get_future();
  }
  arrived_.notify_one();
  return answer.get();
}

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
    for (const Pending& p : batch) requests.push_back(p.request);
    auto answers = store_->book_meetings(requests);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].answer.set_value(std::move(answers[i]));
  }
}

}  // namespace yhteisaika::service
