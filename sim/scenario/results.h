// What one simulation run measures (docs/design.md §4), as plain structs. Every
// time is in nanoseconds of simulated time; "-1" means "did not happen".
#ifndef TWSIM_SCENARIO_RESULTS_H_
#define TWSIM_SCENARIO_RESULTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/scenario/irqoff_histogram.h"

namespace twsim {

// Who was running on a CPU when something happened there.
enum class Role : std::uint8_t { kNone, kSubmitter, kWorker, kBackground };
inline const char* to_string(Role r) {
  switch (r) {
    case Role::kSubmitter:
      return "submitter";
    case Role::kWorker:
      return "worker";
    case Role::kBackground:
      return "background";
    default:
      return "none";
  }
}

// The worst detector outcome of a run, ordered from best to worst.
enum class Verdict { kClean, kRcu, kSoft, kHard };
inline const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::kHard:
      return "hard";
    case Verdict::kSoft:
      return "soft";
    case Verdict::kRcu:
      return "rcu";
    default:
      return "clean";
  }
}

// The io-wq or kernel function a thread was in when it held, waited for or
// ran without scheduling: what a report's stack would show above the lock.
enum class KernelFn : std::uint8_t {
  kNone,
  kIoWqCancelTwCreate,
  kIoWorkerExit,
  kTaskWorkRun,
  kTryToWakeUp
};
constexpr int kKernelFns = 5;
inline const char* to_string(KernelFn f) {
  switch (f) {
    case KernelFn::kIoWqCancelTwCreate:
      return "io_wq_cancel_tw_create";
    case KernelFn::kIoWorkerExit:
      return "io_worker_exit";
    case KernelFn::kTaskWorkRun:
      return "task_work_run";
    case KernelFn::kTryToWakeUp:
      return "try_to_wake_up";
    default:
      return "none";
  }
}

enum class ReportKind { kHardLockup, kSoftLockup, kRcuStall };

// One line the kernel would print, e.g. "CPU138: Watchdog detected hard LOCKUP
// on cpu 138" (kHardLockup, checker 138, cpu 138).
struct DetectorReport {
  ReportKind kind;
  Ns at_ns;         // when it is printed
  int cpu;          // the CPU reported as locked up
  int checker_cpu;  // who noticed: the CPU itself (perf NMI, soft), its buddy, or -1 (RCU)
  Ns stuck_ns;      // soft lockup: the "stuck for %us" duration (in ns); else the gap so far
  // Who was running on `cpu` at at_ns (or whose stretch ended right then).
  Role role = Role::kNone;
  KernelFn fn = KernelFn::kNone;
};

// Where a run's first report of one kind was: the CPU and who ran there.
struct FirstReport {
  int cpu = -1;  // -1: no such report
  Role role = Role::kNone;
  KernelFn fn = KernelFn::kNone;
};

// Which kernel function takes pi_lock: the lock_stat call site.
// kTaskWorkRun is task_work_run's empty lock/unlock barrier (task_work.drain_us).
enum class CallSite { kCancelMatch, kCancelMatchAll, kTtwu, kTaskWorkRun };
constexpr int kCallSites = 4;
inline const char* to_string(CallSite site) {
  switch (site) {
    case CallSite::kCancelMatch:
      return "task_work_cancel_match";
    case CallSite::kCancelMatchAll:
      return "task_work_cancel_match_all";
    case CallSite::kTaskWorkRun:
      return "task_work_run";
    default:
      return "try_to_wake_up";
  }
}

// One caller's share of pi_lock, as `perf lock contention -s caller` sorts it
// (tools/perf/builtin-lock.c): the kernel function that took the lock.
struct LockCaller {
  std::int64_t acquisitions = 0;
  std::int64_t contentions = 0;
  Ns wait_total_ns = 0, wait_max_ns = 0;  // over its contended acquisitions
  Ns hold_total_ns = 0, hold_max_ns = 0;  // over all its acquisitions
};

// /proc/lock_stat-shaped counters of pi_lock over one run.
struct LockStat {
  std::int64_t acquisitions = 0;
  std::int64_t contentions = 0;                            // acquisitions that had to wait
  Ns wait_min_ns = 0, wait_max_ns = 0, wait_total_ns = 0;  // over contended acquisitions
  Ns hold_min_ns = 0, hold_max_ns = 0, hold_total_ns = 0;  // over all acquisitions
  // Contentions by the call site that had to wait (lock_stat's "contention
  // points"), indexed by CallSite.
  std::int64_t contentions_by_site[kCallSites] = {};
  // The holder's call site at each contention (lock_stat's "contending
  // points": lockdep.c __lock_contended counts lock->ip, where the current
  // holder took the lock), indexed by CallSite.
  std::int64_t contending_by_site[kCallSites] = {};
  // Contentions / acquisitions where the lock was last acquired on another
  // CPU (lockdep.c __lock_contended / __lock_acquired: lock->cpu != cpu).
  std::int64_t con_bounces = 0, acq_bounces = 0;
  LockCaller by_caller[kKernelFns] = {};  // indexed by KernelFn
};

struct RunMetrics {
  Ns teardown_ns = 0;  // until the submitter returns from io_wq_exit_workers (or the horizon)
  bool teardown_complete = false;  // false: censored at horizon_s

  Ns max_irqoff_ns = 0;  // longest continuous interrupts-off stretch on any CPU
  int max_irqoff_cpu = -1;
  Role max_irqoff_role = Role::kNone;
  Ns max_irqoff_wait_ns = 0;  // of that stretch, the part spent spinning for the lock
  Ns max_lock_wait_ns = 0;    // longest single wait for pi_lock

  // Machine-wide exposure: every interrupts-off stretch of every CPU, the
  // short ones of CPUs that never reported included.
  Ns irqoff_cpu_ns = 0;               // their total: CPU time with interrupts off
  std::int64_t irqoff_stretches = 0;  // how many
  int irqoff_cpus_10ms = 0;           // CPUs with a stretch of at least 10 ms,
  int irqoff_cpus_100ms = 0;          // 100 ms,
  int irqoff_cpus_1s = 0;             // 1 s
  Ns irqoff_p50_ns = 0, irqoff_p90_ns = 0, irqoff_p99_ns = 0;  // nearest-rank over them; 0 if none
  IrqOffHistogram irqoff_histogram;                            // all of them by length

  std::int64_t lock_acquisitions = 0;
  std::int64_t contended_acquisitions = 0;
  std::int64_t nodes_visited = 0;

  // Hold time per call of task_work_cancel_match / _match_all (teardown calls only).
  Ns cancel_hold_p50_ns = 0, cancel_hold_p99_ns = 0, cancel_hold_max_ns = 0;

  int hard_lockups = 0, soft_lockups = 0, rcu_stalls = 0;  // reports, as printed
  Ns first_hard_lockup_ns = -1, first_soft_lockup_ns = -1, first_rcu_stall_ns = -1;
  FirstReport first_hard, first_soft, first_rcu;
  // Hard LOCKUP reports about a CPU running the submitter / an io-wq worker.
  int hard_lockups_submitter = 0, hard_lockups_worker = 0;
  Verdict verdict = Verdict::kClean;

  LockStat lock_stat;
  std::vector<DetectorReport> reports;  // in time order
  std::uint64_t events = 0;             // discrete events simulated
};

}  // namespace twsim

#endif  // TWSIM_SCENARIO_RESULTS_H_
