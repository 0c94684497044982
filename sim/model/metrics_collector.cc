#include "sim/model/metrics_collector.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/core/saturating.h"

namespace twsim {
namespace {

// Nearest-rank percentile of `v`: the smallest value with at least p% of the
// values at or below it. Percentiles are asked for in increasing p; `done`
// (the rank of the last one asked) marks where v is already split, so each
// is a selection of what lies above it (O(n) in all, not a sort).
Ns nearest_rank(std::vector<Ns>* v, double p, std::size_t* done) {
  const auto n = static_cast<double>(v->size());
  const auto k = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * n)));
  if (k > *done) {
    std::nth_element(v->begin() + static_cast<std::ptrdiff_t>(*done),
                     v->begin() + static_cast<std::ptrdiff_t>(k - 1), v->end());
    *done = k;
  }
  return (*v)[k - 1];
}

}  // namespace

RunMetrics collect_metrics(const RunParts& run, Ns horizon) {
  const CpuActivities& activity = run.recorder.activity();
  RunMetrics m;
  m.teardown_complete = run.refs.done();
  m.teardown_ns = run.refs.done() ? run.refs.end() : horizon;
  std::vector<Ns> lengths;
  // CPUs of pages never made ran nothing: nothing to count.
  activity.for_each_made([&](std::size_t c, const CpuActivity& a) {
    Ns cpu_worst = 0;
    for (const IrqOffStretch& s : a.irq_off) {
      const Ns len = s.end - s.start;
      lengths.push_back(len);
      m.irqoff_cpu_ns = add_saturating(m.irqoff_cpu_ns, len);
      m.irqoff_histogram.add(len);
      cpu_worst = std::max(cpu_worst, len);
      if (len > m.max_irqoff_ns) {
        m.max_irqoff_ns = len;
        m.max_irqoff_cpu = static_cast<int>(c);
        m.max_irqoff_role = s.role;
        m.max_irqoff_wait_ns = s.wait_ns;
      }
    }
    m.irqoff_cpus_10ms += cpu_worst >= 10 * kNsPerMs;
    m.irqoff_cpus_100ms += cpu_worst >= 100 * kNsPerMs;
    m.irqoff_cpus_1s += cpu_worst >= kNsPerSec;
  });
  m.irqoff_stretches = static_cast<std::int64_t>(lengths.size());
  if (!lengths.empty()) {
    std::size_t done = 0;
    m.irqoff_p50_ns = nearest_rank(&lengths, 50, &done);
    m.irqoff_p90_ns = nearest_rank(&lengths, 90, &done);
    m.irqoff_p99_ns = nearest_rank(&lengths, 99, &done);
  }
  m.max_lock_wait_ns = run.section.max_wait();
  m.lock_stat = run.lock.stat();
  run.section.add_call_site_counters(&m.lock_stat);
  m.lock_acquisitions = m.lock_stat.acquisitions;
  m.contended_acquisitions = m.lock_stat.contentions;
  m.nodes_visited = run.walk.nodes_visited();
  std::vector<Ns> holds = run.section.cancel_holds();
  if (!holds.empty()) {
    std::size_t done = 0;
    m.cancel_hold_p50_ns = nearest_rank(&holds, 50, &done);
    m.cancel_hold_p99_ns = nearest_rank(&holds, 99, &done);
    m.cancel_hold_max_ns = nearest_rank(&holds, 100, &done);
  }
  m.events = run.events;
  return m;
}

}  // namespace twsim
