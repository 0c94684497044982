#include "sim/experiment/sensitivity_variants.h"

#include <algorithm>
#include <cmath>

#include "sim/io/number_format.h"

namespace twsim {
namespace {

// A low or high value of a numeric input, held inside [lo, hi].
Variant numeric(const char* input, const char* key, const char* side, double v, double lo,
                double hi, bool integer) {
  const double held = std::clamp(v, lo, hi);
  const std::string text = integer ? format_int(std::llround(held)) : format_double(held);
  return {input, key, side, text, held != v};
}

}  // namespace

std::vector<Variant> sensitivity_variants(const ScenarioConfig& base,
                                          const SensitivitySettings& s) {
  const double f = s.factor;
  constexpr double kInf = HUGE_VAL;
  std::vector<Variant> out;
  const auto both = [&](const char* input, const char* key, double low, double high, double lo,
                        double hi, bool integer) {
    out.push_back(numeric(input, key, "low", low, lo, hi, integer));
    out.push_back(numeric(input, key, "high", high, lo, hi, integer));
  };
  // The nodes the old teardown rescans per cancel (kernel/task_work.c,
  // task_work_cancel_match walks from the head).
  const double unrelated = static_cast<double>(base.task_work.unrelated);
  both("list length at exit", "task_work.unrelated", std::round(unrelated / f),
       std::round(unrelated * f), 0, kInf, true);
  // The per-node price of that walk (sim/model/walk_cost.h); with a profile,
  // the factor the whole profile is multiplied by (checked 1..1000).
  if (base.costs.node_visit_profile) {
    const double d = base.costs.debug_factor;
    both("node cost", "costs.debug_factor", d / f, d * f, 1, 1000, false);
  } else {
    const double c = base.costs.node_visit_ns;
    both("node cost", "costs.node_visit_ns", c / f, c * f, 0, kInf, false);
  }
  // Live create_worker_cb holders: at most one per acct plus one racing
  // (io_wq_dec_running, io_uring/io-wq.c; docs/kernel-facts.md C1), and no more than
  // the workers there are.
  const int p = base.io_wq.pending_create;
  const int most = std::min(kMaxLiveCreates, base.io_wq.workers) - base.io_wq.racing_create;
  both("live create_works", "io_wq.pending_create", p - 1, p + 1, 0, std::max(0, most), true);
  // do_group_exit vs a thread's do_exit (kernel/exit.c; docs/kernel-facts.md C2).
  out.push_back(
      {"exit path", "io_wq.exit", "alt", base.io_wq.exit == ExitKind::kGroup ? "thread" : "group"});
  // The perf NMI period is watchdog_thresh x cpu_khz unhalted cycles
  // (arch/x86/kernel/apic/hw_nmi.c, hw_nmi_get_sample_period): the real clock
  // sets how often it fires.
  const double ghz = base.machine.actual_ghz;
  both("running clock", "machine.actual_ghz", ghz / kClockFactor, ghz * kClockFactor, 0, kInf,
       false);
  // task_work_add pushes at the head during the teardown (kernel/task_work.c).
  const double rate = base.task_work.add_rate_hz;
  both("push rate", "task_work.add_rate_hz", 0, rate > 0 ? rate * f : s.push_rate_hz, 0, kInf,
       false);
  // When io_uring_cancel_generic reaches io_wq_cancel_tw_create
  // (io_uring/io_uring.c): never before a drain it follows.
  const double start = base.io_wq.cancel_start_us;
  const double earliest = base.task_work.drains() ? base.task_work.drain_us : 0;
  both("submitter's cancel", "io_wq.cancel_start_us", 0,
       start < kLateCancelUs ? kLateCancelUs : start * f, earliest, kInf, false);
  // Where the create_works sit in the list the walks scan.
  for (const auto& [layout, name] :
       {std::pair{CreateLayout::kUniform, "uniform"}, std::pair{CreateLayout::kNewest, "newest"},
        std::pair{CreateLayout::kOldest, "oldest"}}) {
    if (layout != base.task_work.create_layout) {
      out.push_back({"create layout", "task_work.create_layout", "alt", name});
    }
  }
  // Tracked requests in flight: io_uring_cancel_generic's task_work_run
  // detaches the list first (kernel/task_work.c, task_work_run), at the
  // latest just before the cancel.
  out.push_back({"drain before cancel", "task_work.drain_us", "alt",
                 base.task_work.drains() ? "never" : format_double(start)});
  return out;
}

}  // namespace twsim
