// Which values `twsim sensitivity` tries for each input a user cannot observe
// from outside the machine, around one point's values, one input at a time.
// Pure: no simulation here.
//
// The inputs, in table order, with the key varied and the values tried
// (b = the point's value, F = --factor):
//   list length at exit   task_work.unrelated       round(b / F), round(b x F)
//   node cost             costs.node_visit_ns        b / F, b x F; with a cache-level
//                         (costs.debug_factor when   profile its debug_factor instead,
//                         a profile is used)         held inside 1..1000
//   live create_works     io_wq.pending_create       b - 1, b + 1, held inside
//                                                    0..min(3, workers) - racing_create
//   exit path             io_wq.exit                 the other of group / thread
//   running clock         machine.actual_ghz         b / 1.3, b x 1.3 (kClockFactor)
//   push rate             task_work.add_rate_hz      0, and b x F (push_rate_hz if b = 0)
//   submitter's cancel    io_wq.cancel_start_us      drain_us or 0, and 100 ms
//                                                    (b x F if b >= 100 ms)
//   create layout         task_work.create_layout    the other two of uniform/newest/oldest
//   drain before cancel   task_work.drain_us         at cancel_start_us if the point has
//                                                    no drain, else "never"
// "Held" values are marked clamped; they may equal the point's own.
#ifndef TWSIM_EXPERIMENT_SENSITIVITY_VARIANTS_H_
#define TWSIM_EXPERIMENT_SENSITIVITY_VARIANTS_H_

#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// The running clock's span, either way: from 2.1 GHz it reaches 2.73 GHz,
// past the 2.625 GHz where the perf NMI period drops under 8 s
// (configs/clock.json), and 1.62 GHz below.
inline constexpr double kClockFactor = 1.3;
// The latest cancel start configs/exit-order.json tries: after the workers' walks.
inline constexpr double kLateCancelUs = 100000;

struct SensitivitySettings {
  double factor = 2;          // > 1
  double push_rate_hz = 1e4;  // > 0, the push rate's high side when the point has none
};

struct Variant {
  std::string input;  // "list length at exit"
  std::string key;    // "task_work.unrelated"
  std::string side;   // "low", "high", or "alt" (another value of a choice)
  std::string value;  // as --set takes it: "50000", "thread"
  bool clamped = false;
  bool operator==(const Variant&) const = default;
};

std::vector<Variant> sensitivity_variants(const ScenarioConfig& base,
                                          const SensitivitySettings& settings);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_SENSITIVITY_VARIANTS_H_
