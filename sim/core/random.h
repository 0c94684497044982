// Named, seeded random streams. Every draw in twsim comes from a stream
// identified by (seed, replication, name[, index]), so that:
//  - the old and new algorithms see the same workload, layout, jitter and
//    watchdog phases in the same replication (common random numbers), and
//  - adding a draw to one part of the model never shifts another part's draws.
// The generator is xoshiro256** seeded through splitmix64; the conversions to
// uniform and exponential variates are written out here (not <random>'s
// distributions, whose algorithms differ between standard libraries), so the
// same seed gives the same numbers on every platform.
#ifndef TWSIM_CORE_RANDOM_H_
#define TWSIM_CORE_RANDOM_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace twsim {

// The 64-bit seed of stream `name` (and optional per-entity `index`, e.g. a
// CPU number) in replication `replication` of an experiment seeded `seed`.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t replication, std::string_view name,
                          std::uint64_t index = 0);

// stream_seed for one (seed, replication, name) and many indices, the name
// hashed once (the detectors draw one stream per busy CPU of every run).
class StreamSeeds {
 public:
  StreamSeeds(std::uint64_t seed, std::uint64_t replication, std::string_view name);
  std::uint64_t of(std::uint64_t index) const;

 private:
  std::uint64_t base_;
};

class RandomStream {
 public:
  explicit RandomStream(std::uint64_t stream_seed);
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view name,
               std::uint64_t index = 0)
      : RandomStream(stream_seed(seed, replication, name, index)) {}

  std::uint64_t next_u64();
  // Uniform on [0, 1) with 53 random bits.
  double uniform01();
  // Uniform integer in [0, n). REQUIRES: n > 0. Unbiased (Lemire's method).
  std::uint64_t below(std::uint64_t n);
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // Exponential with the given mean (>= 0), by inversion.
  double exponential(double mean);
  // Poisson with the given mean (>= 0): multiplication of uniforms below 10,
  // Hormann's PTRS transformed rejection above (as numpy does), so the cost
  // does not grow with the mean.
  std::int64_t poisson(double mean);

 private:
  std::uint64_t s_[4];
};

// Partial Fisher-Yates: reorders *items so that its first k entries are a
// uniform sample without replacement, drawing k values from *rng.
// REQUIRES: 0 <= k <= items->size().
void sample_prefix(std::vector<int>* items, std::size_t k, RandomStream* rng);

}  // namespace twsim

#endif  // TWSIM_CORE_RANDOM_H_
