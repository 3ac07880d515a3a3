#pragma once
// Group commit for bookings. A durable SQLite commit waits for the disk (an
// fsync, milliseconds), and commits are one at a time; so bookings that arrive
// while one commit runs are queued and written together in the next one
// (Store::book_meetings), each still re-checked in the write transaction.
//
// While another connection (e.g. another process) holds the write lock, each
// booking waits for it at most the busy timeout from when it was asked for, not
// behind the waits of the batches before it; then it answers store::Errc::busy.
//
// Thread safety: book() may be called from any number of threads.

#include <yhteisaika/store/store.hpp>

#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace yhteisaika::service {

class BookingQueue {
 public:
  // Takes its own connection: the writer never waits for a pooled one.
  BookingQueue(std::unique_ptr<store::Store> store, std::chrono::milliseconds busy_timeout);
  ~BookingQueue();  // finishes the queued bookings, then stops
  BookingQueue(const BookingQueue&) = delete;
  BookingQueue& operator=(const BookingQueue&) = delete;

  // Queues the booking behind those asked for before it and answers when it is
  // committed or refused (as Store::book_meetings does, re-checked against
  // every booking written before it; store::Errc::busy after the busy timeout
  // when the write lock stays taken). Every request queued is answered, also
  // when the queue is being destroyed.
  std::future<Result<store::Meeting>> submit(store::BookingRequest request);
  // submit(request).get(): blocks until the answer.
  Result<store::Meeting> book(store::BookingRequest request);

 private:
  using Deadline = std::chrono::steady_clock::time_point;
  struct Pending {
    store::BookingRequest request;
    Deadline lock_deadline;  // how long it may still wait for the write lock
    std::promise<Result<store::Meeting>> answer;
  };
  void run();

  std::unique_ptr<store::Store> store_;
  std::chrono::milliseconds busy_timeout_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Pending> pending_;
  bool stopping_ = false;
  std::thread writer_;  // last: starts after the members above exist
};

}  // namespace yhteisaika::service
