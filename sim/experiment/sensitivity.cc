#include "sim/experiment/sensitivity.h"

#include <algorithm>

#include "sim/experiment/pinned_point.h"
#include "sim/io/input_error.h"

namespace twsim {
namespace {

// P(hard) and the worst stretch of one (point, algorithm)'s runs.
SensitivityRow row_of(const Variant& v, Algorithm algorithm, const std::vector<RunMetrics>& runs) {
  SensitivityRow row;
  row.input = v.input;
  row.key = v.key;
  row.side = v.side;
  row.value = v.value;
  row.clamped = v.clamped;
  row.algorithm = algorithm;
  const DetectorDef& hard_lockup = detectors()[*detector_index("hard")];
  std::int64_t hard = 0;
  double sum = 0, most = 0;
  for (const RunMetrics& m : runs) {
    hard += hard_lockup.fired(m);
    const double stretch = static_cast<double>(m.max_irqoff_ns);
    sum += stretch;
    most = std::max(most, stretch);
  }
  const auto n = static_cast<std::int64_t>(runs.size());
  row.p_hard = proportion(hard, n);
  row.max_irqoff_mean_ns = n > 0 ? sum / static_cast<double>(n) : 0;
  row.max_irqoff_max_ns = most;
  return row;
}

}  // namespace

std::optional<std::vector<SensitivityRow>> run_sensitivity(const ExperimentConfig& config,
                                                           const SensitivityJob& job) {
  const Point& base = config.points.at(job.point);
  std::vector<Variant> variants{{"base", "", "base", "", false}};
  const std::vector<Variant> moved = sensitivity_variants(base.scenario, job.settings);
  variants.insert(variants.end(), moved.begin(), moved.end());

  ExperimentConfig all;
  all.name = config.name;
  all.seed = config.seed;
  all.replications = config.replications;
  all.algorithms = config.algorithms;
  for (const Variant& v : variants) {
    if (v.key.empty()) {
      all.points.push_back(pinned_point(config, job.point, {}));
      continue;
    }
    const std::string setting = v.key + "=" + v.value;
    try {
      all.points.push_back(pinned_point(config, job.point, {setting}));
    } catch (const InputError& e) {
      throw InputError(
          v.input + " " + v.side + " (" + setting + ") at " + point_description(config, job.point),
          e.pointer, e.problem + "; this input cannot be varied at this point");
    }
  }
  ExperimentResults results;
  if (run_experiment(all, job.runner, &results) == RunnerOutcome::kStopped) return std::nullopt;
  std::vector<SensitivityRow> rows;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    for (std::size_t a = 0; a < all.algorithms.size(); ++a) {
      rows.push_back(row_of(variants[i], all.algorithms[a], results.points[i].runs[a]));
    }
  }
  return rows;
}

}  // namespace twsim
