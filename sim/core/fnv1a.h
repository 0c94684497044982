// FNV-1a, 64-bit: a small, stable, non-cryptographic hash of bytes. Stable
// means the same bytes give the same value on every machine and in every
// build, so it can name files that other runs (and other hosts) look up.
#ifndef TWSIM_CORE_FNV1A_H_
#define TWSIM_CORE_FNV1A_H_

#include <cstdint>
#include <string_view>

namespace twsim {

constexpr std::uint64_t kFnv1aOffset = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnv1aPrime = 0x100000001b3ull;

// Continues hash `h` over `bytes`; start from kFnv1aOffset.
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = kFnv1aOffset) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnv1aPrime;
  }
  return h;
}

}  // namespace twsim

#endif  // TWSIM_CORE_FNV1A_H_
