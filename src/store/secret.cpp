#include <yhteisaika/store/store.hpp>

#include <cstdint>
#include <random>

namespace yhteisaika::store {

// 32 bytes from the OS's random source, as 64 hex digits.
std::string random_secret() {
  std::random_device random("/dev/urandom");  // the kernel CSPRNG, not a CPU instruction
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    std::uint32_t word = random();
    for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(word >> shift) & 0xf]);
  }
  return out;
}

}  // namespace yhteisaika::store
