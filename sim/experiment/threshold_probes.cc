#include "sim/experiment/threshold_probes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/experiment/pinned_point.h"
#include "sim/io/input_error.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

std::string value_text(double value, bool integer) {
  if (integer) return format_int(std::llround(value));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}

// The probes of one round for one algorithm: which search asked for which value.
struct Request {
  std::size_t search;
  double value;
};

}  // namespace

Point probe_point(const ExperimentConfig& config, std::size_t point, const std::string& param,
                  bool integer, double value) {
  const std::string setting = param + "=" + value_text(value, integer);
  try {
    return pinned_point(config, point, {setting});
  } catch (const InputError& e) {
    throw InputError("--param " + setting + " at " + point_description(config, point), e.pointer,
                     e.problem + "; narrow the search with --min/--max");
  }
}

std::optional<std::vector<SearchOutcome>> run_threshold_searches(const ExperimentConfig& config,
                                                                 const ThresholdJob& job) {
  const std::size_t n_algos = config.algorithms.size();
  // Started lazily: with a warm start, a point's search once the previous
  // point's (same algorithm) has bisected, from its path; a fixed order, so
  // the probes are the same whatever -j.
  std::vector<std::optional<ThresholdSearch>> searches(config.points.size() * n_algos);
  const auto start = [&](std::size_t p, std::size_t a) {
    std::optional<ThresholdSearch>& s = searches[p * n_algos + a];
    if (s) return;
    if (!job.warm_start || p == 0) {
      s.emplace(job.settings);
    } else if (const auto& prev = searches[(p - 1) * n_algos + a]; prev && prev->bisected()) {
      s.emplace(job.settings, prev->path());
    }
  };
  const DetectorDef& detector = detectors()[job.detector];
  for (;;) {
    bool any = false;
    for (std::size_t a = 0; a < n_algos; ++a) {
      // This algorithm's probes of the round, as the points of one experiment.
      std::vector<Request> requests;
      ExperimentConfig probes;
      probes.name = config.name;
      probes.seed = config.seed;
      probes.replications = config.replications;
      probes.algorithms = {config.algorithms[a]};
      for (std::size_t p = 0; p < config.points.size(); ++p) {
        const std::size_t s = p * n_algos + a;
        start(p, a);
        if (!searches[s]) continue;
        for (const double v : searches[s]->wanted()) {
          requests.push_back({s, v});
          probes.points.push_back(probe_point(config, p, job.param, job.settings.integer, v));
        }
      }
      if (requests.empty()) continue;
      any = true;
      ExperimentResults results;
      if (run_experiment(probes, job.runner, &results) == RunnerOutcome::kStopped) {
        return std::nullopt;
      }
      for (std::size_t i = 0; i < requests.size(); ++i) {
        const std::vector<RunMetrics>& runs = results.points[i].runs[0];
        const auto k = std::count_if(runs.begin(), runs.end(), detector.fired);
        searches[requests[i].search]->record(requests[i].value,
                                             proportion(k, static_cast<std::int64_t>(runs.size())));
      }
    }
    if (!any) break;
  }
  std::vector<SearchOutcome> out;
  out.reserve(searches.size());
  for (const std::optional<ThresholdSearch>& s : searches) out.push_back(s->outcome());
  return out;
}

}  // namespace twsim
