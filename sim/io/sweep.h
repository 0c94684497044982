// The sweep of an experiment (docs/design.md §3): which scenario keys vary, over
// which values, and in what order the points come. Part of sim/io's
// experiment reader; the points themselves are built by json_io.cc.
//
//   "sweep": { "grid": { "machine.cpus": [16, 32], "kernel.preempt": ["none", "full"] },
//              "zip":  { "task_work.unrelated": {"log": [1000, 100000], "points": 3},
//                        "io_wq.pending_create": {"range": [0, 64, 32]},
//                        "label": ["few", "some", "many"] } }
//
// gives 2 x 2 grid combinations (machine.cpus varies slowest) times 3 zip rows
// (the zip lists advance together) = 12 points, grid outermost. The zip's
// optional "label" names its rows (one non-empty string per row), for plots
// and the CSVs; it is not a scenario key.
#ifndef TWSIM_IO_SWEEP_H_
#define TWSIM_IO_SWEEP_H_

#include <cstddef>
#include <string>
#include <vector>

#include "sim/io/config_schema.h"
#include "sim/io/json_check.h"

namespace twsim {

inline constexpr std::size_t kMaxSweepValues = 1'000'000;  // per list
// Per experiment: each point holds its resolved scenario, identity and
// summaries in memory (a few KB), so 10^5 points stay under a gigabyte.
inline constexpr std::size_t kMaxSweepPoints = 100'000;

// One swept key and its values in order. A list written as an array keeps
// its values as written; "log" and "range" generate theirs (integers for
// integer keys, and integral numbers as integers: 1 rather than 1.0).
struct SweepList {
  std::string key;  // a dotted scenario key: "machine.cpus", "horizon_s"
  KeyType type;
  std::vector<Json> values;
  std::vector<std::string> origins;  // per value, the pointer its errors name
};

struct Sweep {
  std::vector<SweepList> lists;         // the grid's lists in the user's order, then the zip's
  std::size_t grid_lists = 0;           // how many of `lists` belong to the grid
  std::size_t points = 1;               // grid combinations x zip rows; 1 without a sweep
  std::vector<std::string> zip_labels;  // one per zip row, or none

  // The label of point `p`'s zip row; "" without zip labels.
  const std::string& label(std::size_t p) const;

  // For point `p` (< points), the index of its value in each list. The first
  // grid key varies slowest and the zip row fastest, so points come out as
  // nested loops written in the file's order.
  std::vector<std::size_t> point(std::size_t p) const;
};

// Checks /sweep (`sweep` may be absent) and generates its lists; `root` is the
// experiment, to refuse sweeping a worker count given the other way in io_wq.
// The values themselves are checked later, per point.
Sweep read_sweep(const Node& sweep, const Node& root);

}  // namespace twsim

#endif  // TWSIM_IO_SWEEP_H_
