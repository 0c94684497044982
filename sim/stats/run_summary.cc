#include "sim/stats/run_summary.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/core/saturating.h"
#include "sim/scenario/run_fields.h"

namespace twsim {
namespace {

// The summarised run fields (run_fields.h), in their order.
const std::vector<MetricDef>& summarised_fields() {
  static const std::vector<MetricDef> metrics = [] {
    std::vector<MetricDef> out;
    for (const RunField& f : run_fields()) {
      if (f.summarised) out.push_back(MetricDef{f.name, f.get});
    }
    return out;
  }();
  return metrics;
}

// The paired old/new ratios: teardown time and the worst stretch.
const std::vector<MetricDef>& ratio_fields() {
  static const std::vector<MetricDef> metrics = [] {
    std::vector<MetricDef> out;
    for (const char* name : {"teardown_ns", "max_irqoff_ns"}) {
      out.push_back(MetricDef{name, find_run_field(name)->get});
    }
    return out;
  }();
  return metrics;
}

constexpr DetectorDef kDetectors[] = {
    {"hard", [](const RunMetrics& m) { return m.hard_lockups > 0; }},
    {"soft", [](const RunMetrics& m) { return m.soft_lockups > 0; }},
    {"rcu", [](const RunMetrics& m) { return m.rcu_stalls > 0; }},
    {"any", [](const RunMetrics& m) { return m.verdict != Verdict::kClean; }},
    {"hard_submitter", [](const RunMetrics& m) { return m.hard_lockups_submitter > 0; }},
    {"hard_worker", [](const RunMetrics& m) { return m.hard_lockups_worker > 0; }},
};

std::vector<double> column(const std::vector<RunMetrics>& runs, const MetricDef& metric) {
  std::vector<double> out;
  out.reserve(runs.size());
  for (const RunMetrics& r : runs) out.push_back(static_cast<double>(metric.value(r)));
  return out;
}

AlgorithmSummary summarise_algorithm(Algorithm algorithm, const std::vector<RunMetrics>& runs) {
  AlgorithmSummary s;
  s.algorithm = algorithm;
  s.n = static_cast<int>(runs.size());
  for (const MetricDef& metric : summary_metrics()) {
    s.metrics.push_back(mean_ci95(column(runs, metric)));
    // From the integers themselves: a double holds ns exactly only below 2^53.
    std::pair<std::int64_t, std::int64_t> range{0, 0};
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const std::int64_t v = metric.value(runs[r]);
      range =
          r == 0 ? std::pair{v, v} : std::pair{std::min(range.first, v), std::max(range.second, v)};
    }
    s.ranges.push_back(range);
  }
  for (const DetectorDef& det : detectors()) {
    const auto k = std::count_if(runs.begin(), runs.end(), det.fired);
    s.detectors.push_back(proportion(k, s.n));
  }
  const auto complete = std::count_if(runs.begin(), runs.end(),
                                      [](const RunMetrics& m) { return m.teardown_complete; });
  s.complete = proportion(complete, s.n);
  s.lock_stat = merge_lock_stats(runs);
  if (!runs.empty()) {
    const auto [lo, hi] = std::minmax_element(
        runs.begin(), runs.end(),
        [](const RunMetrics& a, const RunMetrics& b) { return a.max_irqoff_ns < b.max_irqoff_ns; });
    s.worst_irqoff_min_ns = lo->max_irqoff_ns;
    s.worst_irqoff_max_ns = hi->max_irqoff_ns;
  }
  return s;
}

}  // namespace

std::span<const MetricDef> summary_metrics() { return summarised_fields(); }

const MetricDef* find_summary_metric(std::string_view name) {
  for (const MetricDef& m : summarised_fields()) {
    if (name == m.name) return &m;
  }
  return nullptr;
}
std::span<const MetricDef> ratio_metrics() { return ratio_fields(); }
std::span<const DetectorDef> detectors() { return kDetectors; }

std::optional<std::size_t> detector_index(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kDetectors); ++i) {
    if (name == kDetectors[i].name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> summary_metric_index(std::string_view name) {
  const std::vector<MetricDef>& metrics = summarised_fields();
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (name == metrics[i].name) return i;
  }
  return std::nullopt;
}

Proportion proportion(std::int64_t k, std::int64_t n) {
  Proportion p;
  p.k = k;
  p.n = n;
  p.ci = wilson_ci95(k, n);
  p.p = n > 0 ? static_cast<double>(k) / static_cast<double>(n) : p.ci.lo;  // NaN when n = 0
  return p;
}

PointSummary summarise_point(const std::vector<Algorithm>& algorithms, const PointRuns& runs) {
  PointSummary s;
  const std::vector<RunMetrics>* old_runs = nullptr;
  const std::vector<RunMetrics>* new_runs = nullptr;
  for (std::size_t a = 0; a < algorithms.size(); ++a) {
    s.algorithms.push_back(summarise_algorithm(algorithms[a], runs.runs[a]));
    if (algorithms[a] == Algorithm::kOld) old_runs = &runs.runs[a];
    if (algorithms[a] == Algorithm::kNew) new_runs = &runs.runs[a];
  }
  for (const MetricDef& metric : ratio_metrics()) {
    s.ratios.push_back(old_runs && new_runs
                           ? paired_ratio_ci95(column(*old_runs, metric), column(*new_runs, metric))
                           : paired_ratio_ci95({}, {}));
  }
  return s;
}

const char* to_string(HardMargin m) {
  switch (m) {
    case HardMargin::kNever:
      return "never";
    case HardMargin::kPossible:
      return "possible";
    case HardMargin::kAlways:
      return "always";
    default:
      return "off";
  }
}

HardMargin hard_margin(const HardLockupWindow& window, const AlgorithmSummary& s) {
  if (!window.enabled) return HardMargin::kDetectorOff;
  if (s.worst_irqoff_max_ns <= window.never_ns) return HardMargin::kNever;
  if (s.worst_irqoff_min_ns >= window.always_ns) return HardMargin::kAlways;
  return HardMargin::kPossible;
}

LockStat merge_lock_stats(const std::vector<RunMetrics>& runs) {
  LockStat out;
  bool have_wait = false, have_hold = false;
  for (const RunMetrics& r : runs) {
    const LockStat& l = r.lock_stat;
    out.acquisitions = add_saturating(out.acquisitions, l.acquisitions);
    out.contentions = add_saturating(out.contentions, l.contentions);
    for (int i = 0; i < kCallSites; ++i) {
      out.contentions_by_site[i] =
          add_saturating(out.contentions_by_site[i], l.contentions_by_site[i]);
      out.contending_by_site[i] =
          add_saturating(out.contending_by_site[i], l.contending_by_site[i]);
    }
    out.con_bounces = add_saturating(out.con_bounces, l.con_bounces);
    out.acq_bounces = add_saturating(out.acq_bounces, l.acq_bounces);
    for (int i = 0; i < kKernelFns; ++i) {
      LockCaller& o = out.by_caller[i];
      const LockCaller& c = l.by_caller[i];
      o.acquisitions = add_saturating(o.acquisitions, c.acquisitions);
      o.contentions = add_saturating(o.contentions, c.contentions);
      o.wait_total_ns = add_saturating(o.wait_total_ns, c.wait_total_ns);
      o.hold_total_ns = add_saturating(o.hold_total_ns, c.hold_total_ns);
      o.wait_max_ns = std::max(o.wait_max_ns, c.wait_max_ns);
      o.hold_max_ns = std::max(o.hold_max_ns, c.hold_max_ns);
    }
    out.wait_total_ns = add_saturating(out.wait_total_ns, l.wait_total_ns);
    out.hold_total_ns = add_saturating(out.hold_total_ns, l.hold_total_ns);
    out.wait_max_ns = std::max(out.wait_max_ns, l.wait_max_ns);
    out.hold_max_ns = std::max(out.hold_max_ns, l.hold_max_ns);
    if (l.contentions > 0) {
      out.wait_min_ns = have_wait ? std::min(out.wait_min_ns, l.wait_min_ns) : l.wait_min_ns;
      have_wait = true;
    }
    if (l.acquisitions > 0) {
      out.hold_min_ns = have_hold ? std::min(out.hold_min_ns, l.hold_min_ns) : l.hold_min_ns;
      have_hold = true;
    }
  }
  return out;
}

}  // namespace twsim
