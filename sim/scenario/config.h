// One simulated scenario (a "point" of an experiment) and the experiment that
// sweeps it, as plain structs. Field names are exactly the JSON keys
// (docs/design.md §3); defaults sit at the field with their unit and valid range.
// Only sim/io/json_io.cc converts between these and JSON; the model never sees
// JSON.
#ifndef TWSIM_SCENARIO_CONFIG_H_
#define TWSIM_SCENARIO_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace twsim {

// The teardown before and after the fix, and each of the fix's two hunks
// alone (docs/kernel-exit-path.md):
//  old          io_wq_cancel_tw_create loops task_work_cancel_match, one
//               create per pass; io_worker_exit loops task_work_cancel_match
//               for its own create until one finds nothing;
//  single-pass  only the io_wq_cancel_tw_create hunk: one
//               task_work_cancel_match_all pass takes every create;
//  exit-test    only the io_worker_exit hunk: one task_work_cancel_match,
//               and only when test_bit(0, &worker->create_state);
//  new          both hunks.
enum class Algorithm {
  kOld,
  kNew,
  kSinglePass,
  kExitTest
};  // JSON "old" "new" "single-pass" "exit-test"
constexpr int kAlgorithms = 4;

// io_wq_cancel_tw_create takes every create in one task_work_cancel_match_all.
inline bool cancels_creates_in_one_pass(Algorithm a) {
  return a == Algorithm::kNew || a == Algorithm::kSinglePass;
}
// io_worker_exit cancels its own create once, and only if its create_state bit is set.
inline bool exit_tests_create_state(Algorithm a) {
  return a == Algorithm::kNew || a == Algorithm::kExitTest;
}

struct MachineConfig {
  int cpus = 192;            // >= 1 online CPUs
  int sockets = 1;           // >= 1, <= cpus; CPUs split into equal contiguous blocks
  double nominal_ghz = 2.1;  // > 0, the TSC / cpu_khz frequency the NMI period is computed from
  double actual_ghz = 2.1;   // > 0, the frequency the cores really run at (turbo > nominal)
};

enum class Preempt { kNone, kVoluntary, kFull, kLazy };  // "none" ...
// JSON "perf" "buddy" "buddy-legacy" "off".
enum class HardlockupDetector { kPerf, kBuddy, kBuddyLegacy, kOff };

struct KernelConfig {
  Preempt preempt = Preempt::kLazy;
  int watchdog_thresh_s = 10;  // sysctl kernel.watchdog_thresh, 1..60 (0 disables; not allowed)
  HardlockupDetector hardlockup_detector = HardlockupDetector::kPerf;
  bool softlockup_detector = true;
  double rcu_stall_timeout_s = 21;  // CONFIG_RCU_CPU_STALL_TIMEOUT (+5 with PROVE_RCU), 3..300
};

// JSON "qspinlock" "ticket" "tas" "pv-qspinlock".
enum class LockKind { kQspinlock, kTicket, kTas, kPvQspinlock };

struct LockConfig {
  LockKind kind = LockKind::kQspinlock;
  std::int64_t handoff_ns = 100;         // >= 0, release to next owner, same socket
  std::int64_t remote_handoff_ns = 250;  // >= 0, release to next owner on another socket
};

// costs.node_visit_ns written as an object: the cost of one node visit (one
// dependent load of a scattered node) by where the walked list fits
// (docs/calibration.md §3.1). A walk over a list of n nodes has a working set of
// n x node_bytes; it pays l1_ns if that is <= l1_bytes, else l2_ns if
// <= l2_bytes, else l3_ns if <= l3_bytes, else dram_ns (sim/model/walk_cost.h).
// `twsim calibrate` measures one on the host it runs on. The defaults are the
// mid-range of docs/calibration.md §3.1's recommended per-node costs, with common
// cache sizes; JSON must give every field.
struct NodeCostProfile {
  double l1_ns = 1.5;                // > 0
  double l2_ns = 5;                  // >= l1_ns
  double l3_ns = 20;                 // >= l2_ns
  double dram_ns = 100;              // >= l3_ns
  std::int64_t l1_bytes = 32 << 10;  // 1..2^40
  std::int64_t l2_bytes = 1 << 20;   // > l1_bytes, <= 2^40
  std::int64_t l3_bytes = 32 << 20;  // > l2_bytes, <= 2^40
  std::int64_t node_bytes = 64;      // 8..4096, memory one visited node occupies (>= a cache line)
  bool operator==(const NodeCostProfile&) const = default;
};

struct CostConfig {
  // JSON costs.node_visit_ns is either a number (the flat cost, here) or a
  // profile object (node_visit_profile, which then replaces the flat cost).
  double node_visit_ns = 120;  // > 0, per task_work node walked under pi_lock
  std::optional<NodeCostProfile> node_visit_profile;
  double debug_factor = 1;          // 1..1000, multiplies the per-node cost (KASAN, ftrace; §3.2)
  std::int64_t unlink_ns = 30;      // >= 0, cmpxchg unlink of a matched node (under the lock)
  std::int64_t cancel_cb_ns = 300;  // >= 0, io_worker_cancel_cb per cancelled item (lock dropped)
  std::int64_t worker_exit_ns = 20000;  // >= 0, rest of io_worker_exit + do_exit after the scans
  // >= 0, running one unrelated task_work the drain detached (its callback,
  // with interrupts on; task_work.drain_us). An assumption, not measured.
  std::int64_t work_run_ns = 1000;
};

enum class CreateLayout { kUniform, kNewest, kOldest };  // "uniform" "newest" "oldest"

struct TaskWorkConfig {
  std::int64_t unrelated = 200000;  // >= 0, nodes that match nothing (SEND_FD msg->tw, ...)
  CreateLayout create_layout = CreateLayout::kUniform;
  double add_rate_hz = 0;  // >= 0, lock-free pushes at the head during teardown
  // When the submitter's io_uring_cancel_generic loop runs task_work_run
  // (io_run_task_work, while tracked requests are in flight): it detaches the
  // whole list lock-free, passes the empty pi_lock barrier, then runs the
  // works (docs/kernel-facts.md C3). In us after exit start, <= io_wq.cancel_start_us;
  // kNoDrain ("never" in JSON): no tracked request in flight, no drain.
  static constexpr double kNoDrain = -1;
  double drain_us = kNoDrain;
  bool drains() const { return drain_us >= 0; }
};

// How the teardown starts (docs/kernel-facts.md C2).
//  group: exit_group -> zap_other_threads SIGKILLs every io worker at t = 0;
//         get_signal returns true for a PF_USER_WORKER, so each leaves its
//         loop and runs io_worker_exit at once, racing the submitter's cancel;
//  thread: only the submitter exits; idle workers sleep until
//         io_wq_worker_wake, after io_wq_cancel_tw_create; running workers
//         (io_wq.running_workers) are signalled by io_wq_cancel_cb, end their
//         work and exit, seeing IO_WQ_BIT_EXIT (set at t = 0 by
//         io_uring_cancel_generic's io_wq_exit_start).
enum class ExitKind { kGroup, kThread };  // "group" "thread"

// At most this many live workers hold a queued create_worker_cb
// (docs/kernel-facts.md C1): io_wq_dec_running queues one only when its acct's
// nr_running drops to 0 and takes the count back until the create runs or is
// cancelled, so one per acct (bound, unbound), a third through a narrow race.
constexpr int kMaxLiveCreates = 3;

struct IoWqConfig {
  // Exactly one of workers / workers_per_cpu is given in JSON; json_io resolves
  // workers_per_cpu into `workers` (= round(workers_per_cpu * cpus)).
  int workers = 768;  // >= 0 exiting io-wq workers
  // Live workers with a create_worker_cb queued on the submitter (create_state
  // bit 0 set). pending_create + racing_create <= kMaxLiveCreates and <= workers.
  int pending_create = 2;
  // Other live workers that queued their create_worker_cb just as EXIT was set
  // (docs/kernel-facts.md §2.4 step 6): their nodes sit at the head, and each runs
  // io_wq_cancel_tw_create itself on its own CPU.
  int racing_create = 0;
  // 0..10^7 create_worker_cont items: retries of create_io_worker queued on
  // io_worker structs that have no thread (docs/kernel-facts.md C1). io_task_work_match
  // matches them, no io_worker_exit ever looks for them. Placed like the
  // live creates (task_work.create_layout).
  int create_cont = 0;
  ExitKind exit = ExitKind::kGroup;
  // >= 0: when the submitter enters io_wq_cancel_tw_create, in us after exit
  // start (the time io_uring_cancel_generic takes to cancel requests first).
  double cancel_start_us = 0;
  // 0..workers - racing_create: workers running cancelable work at exit
  // (only matters for exit "thread"); the rest are idle.
  int running_workers = 0;
  // 1..machine.cpus, or 0 for all ("all" in JSON): the submitter's cpuset
  // (wq->cpu_mask, docs/kernel-facts.md §2.7) is CPUs 0..cpus_allowed-1; the submitter
  // and the workers run only there, so workers beyond it wait to run.
  int cpus_allowed = 0;
  double wake_jitter_us = 50;  // >= 0, each worker wakes uniformly in [0, jitter] after its trigger
};

struct BackgroundConfig {
  double wakeups_hz = 0;              // >= 0, Poisson try_to_wake_up(submitter) from other CPUs
  std::int64_t wakeup_hold_ns = 400;  // >= 0, pi_lock hold of one ttwu
};

// Everything one simulation run needs (besides algorithm, seed and replication).
struct ScenarioConfig {
  double horizon_s = 600;  // > 0, simulated time limit
  MachineConfig machine;
  KernelConfig kernel;
  LockConfig lock;
  CostConfig costs;
  TaskWorkConfig task_work;
  IoWqConfig io_wq;
  BackgroundConfig background;
};

// One combination of swept values: the keys ("machine.cpus") and their values
// as written by the user (rendered as JSON text), and the resolved scenario.
struct Point {
  std::vector<std::pair<std::string, std::string>> params;
  // The zip row's name from sweep.zip.label ("debug"), or "" when the zip
  // has none: it names the point in plots and the CSVs' `label` column.
  std::string label;
  ScenarioConfig scenario;
  std::string resolved_json;  // the fully resolved scenario as canonical JSON text
};

struct ExperimentConfig {
  std::string name = "default";  // names results/<name>/
  std::string description;
  std::uint64_t seed = 1;
  int replications = 20;  // >= 1
  std::vector<Algorithm> algorithms{Algorithm::kOld, Algorithm::kNew};
  std::vector<Point> points;       // expanded from the sweep; one point if no sweep
  std::vector<std::string> swept;  // the swept keys, in column order
  bool labelled = false;           // sweep.zip.label names the points (Point::label)
  std::string source_file;         // where it was read from
  std::string resolved_json;       // the whole resolved config (after --set), canonical JSON
};

inline const char* to_string(Algorithm a) {
  switch (a) {
    case Algorithm::kOld:
      return "old";
    case Algorithm::kSinglePass:
      return "single-pass";
    case Algorithm::kExitTest:
      return "exit-test";
    default:
      return "new";
  }
}

}  // namespace twsim

#endif  // TWSIM_SCENARIO_CONFIG_H_
