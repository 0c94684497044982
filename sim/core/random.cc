#include "sim/core/random.h"

#include <cmath>
#include <utility>

namespace twsim {
namespace {

std::uint64_t splitmix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t x) { return splitmix64(&x); }

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

__extension__ typedef unsigned __int128 U128;  // GCC/Clang; for Lemire's multiply

}  // namespace

StreamSeeds::StreamSeeds(std::uint64_t seed, std::uint64_t replication, std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the name
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  base_ = mix(mix(mix(seed) ^ h) ^ mix(replication + 0x51ed27ULL));
}

std::uint64_t StreamSeeds::of(std::uint64_t index) const {
  return base_ ^ mix(index + 0xa0761d65ULL);
}

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t replication, std::string_view name,
                          std::uint64_t index) {
  return StreamSeeds(seed, replication, name).of(index);
}

RandomStream::RandomStream(std::uint64_t stream_seed) {
  std::uint64_t sm = stream_seed;
  for (auto& word : s_) word = splitmix64(&sm);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

std::uint64_t RandomStream::below(std::uint64_t n) {
  U128 m = static_cast<U128>(next_u64()) * n;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<U128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t RandomStream::between(std::int64_t lo, std::int64_t hi) {
  const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
  if (span == 0) return static_cast<std::int64_t>(next_u64());  // the full 64-bit range
  return lo + static_cast<std::int64_t>(below(span));
}

double RandomStream::exponential(double mean) { return -mean * std::log1p(-uniform01()); }

std::int64_t RandomStream::poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean < 10) {
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    for (double prod = uniform01(); prod > limit; prod *= uniform01()) ++k;
    return k;
  }
  // W. Hormann, "The transformed rejection method for generating Poisson
  // random variables", Insurance: Mathematics and Economics 12 (1993).
  const double slam = std::sqrt(mean), loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  while (true) {
    const double u = uniform01() - 0.5;
    const double v = uniform01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1)) {
      return static_cast<std::int64_t>(k);
    }
  }
}

void sample_prefix(std::vector<int>* items, std::size_t k, RandomStream* rng) {
  std::vector<int>& v = *items;
  for (std::size_t i = 0; i < k; ++i) std::swap(v[i], v[i + rng->below(v.size() - i)]);
}

}  // namespace twsim
