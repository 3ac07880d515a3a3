#include <yhteisaika/store/errc.hpp>

#include "tables.hpp"

#include <string>

namespace yhteisaika::store {

namespace {

class StoreCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "yhteisaika.store"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::not_found:
        return "not found";
      case Errc::slot_taken:
        return "the slot is already taken by another meeting";
      case Errc::invalid_argument:
        return "invalid argument";
      case Errc::not_scheduled:
        return "the meeting is not scheduled";
      case Errc::schema_too_new:
        return "the database was written by a newer version";
      case Errc::database:
        return "database error";
      case Errc::already_exists:
        return "already exists";
      case Errc::busy:
        return "the database is locked by another writer";
      case Errc::conflict:
        return "the record has changed or is in use";
      case Errc::not_held:
        return "the meeting is not held";
      case Errc::case_closed:
        return "the case is closed";
    }
    return "unknown store error " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& store_category() noexcept {
  static const StoreCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), store_category()}; }

namespace detail {

Error busy_error(const char* what, std::chrono::milliseconds timeout, std::string database) {
  return Error{Errc::busy,
               std::string(what) + " failed: another connection (another process?) held the database's write lock "
                                   "for longer than the busy timeout (" +
                   std::to_string(timeout.count()) + " ms); try again",
               Location::in(std::move(database))};
}

Error database_error(const char* what, std::string internal, std::string database) {
  // The database's own words may name tables, columns or files: the log's business,
  // not a client's.
  return Error{Errc::database, std::string(what) + " failed: the database could not be read or written",
               Location::in(std::move(database)), std::move(internal)};
}

}  // namespace detail

}  // namespace yhteisaika::store
