#pragma once
// The std::error_category of a module's error enum (like Beast's http::error), written
// once: each module's errc.cpp gives only the message of each of its codes.

#include <string>
#include <string_view>
#include <system_error>

namespace yhteisaika {

// The category of a module's `enum class E`. `name` is "yhteisaika.<module>" (a string
// literal). `Describe` gives the message of each code: a switch over E, so that
// -Wswitch names a code added without one, returning nullptr after the switch; a value
// that is no code reads "unknown <module> error <value>".
// Categories compare by address: make one instance per module, a function-local static
// (thread-safe to build, then immutable).
//
//   const std::error_category& calendar_category() noexcept {
//     static const ErrcCategory<Errc, describe> category("yhteisaika.calendar");
//     return category;
//   }
template <class E, const char* (*Describe)(E)>
class ErrcCategory final : public std::error_category {
 public:
  explicit constexpr ErrcCategory(const char* name) noexcept : name_(name) {}

  const char* name() const noexcept override { return name_; }

  std::string message(int value) const override {
    if (const char* text = Describe(static_cast<E>(value))) return text;
    const std::string_view name(name_);
    return "unknown " + std::string(name.substr(name.rfind('.') + 1)) + " error " + std::to_string(value);
  }

 private:
  const char* name_;
};

}  // namespace yhteisaika
