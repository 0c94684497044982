#include "sim/cli/trace_output.h"

#include <sstream>
#include <utility>
#include <vector>

#include "sim/cli/chrome_trace.h"
#include "sim/io/atomic_file.h"
#include "sim/model/teardown.h"
#include "sim/model/timeline.h"

namespace twsim {

bool write_trace(const std::string& path, const ExperimentConfig& config, std::size_t point,
                 int replication, const std::vector<bool>& cpus, std::string* err) {
  const Point& p = config.points[point];
  std::vector<std::pair<Algorithm, Timeline>> timelines;
  TimelineLimits limits;
  limits.cpus = cpus;
  for (Algorithm a : config.algorithms) {
    const RunDetail run = simulate_teardown_detailed(p.scenario, a, config.seed, replication);
    timelines.emplace_back(a, build_timeline(run, p.scenario, config.seed, replication, limits));
  }
  std::string title = config.name + ", point " + std::to_string(point);
  for (const auto& [key, value] : p.params) title += ", " + key + "=" + value;
  title += ", replication " + std::to_string(replication);
  std::ostringstream out;
  write_chrome_trace(out, timelines, p.scenario, title);
  return write_user_file(path, out.str(), err);
}

}  // namespace twsim
