// `--shard I/N`: the deterministic share of an experiment's points that one
// machine of a cluster runs. Point p belongs to shard p % N, so the N shards
// partition the points, and each gets an even mix of the sweep (neighbouring
// points, which cost about the same, go to different shards).
#ifndef TWSIM_EXPERIMENT_SHARD_H_
#define TWSIM_EXPERIMENT_SHARD_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace twsim {

struct Shard {
  int index = 0;  // I, 0 <= I < N
  int count = 1;  // N >= 1; 1 means the whole experiment

  bool includes(std::size_t point) const {
    return point % static_cast<std::size_t>(count) == static_cast<std::size_t>(index);
  }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// Parses "I/N" (decimal, 0 <= I < N); nullopt for anything else.
std::optional<Shard> parse_shard(std::string_view text);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_SHARD_H_
